package io.toolgate.redis;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.toolgate.spi.Consumption;
import io.toolgate.spi.LimitCounter;
import io.toolgate.spi.LimitStore;
import io.toolgate.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * Limits counted fleet-wide: one Bucket4j bucket per counter in Redis, through Bucket4j's
 * compare-and-swap Lettuce proxy manager, refilled to full at every epoch-aligned window boundary
 * of the fleet's clock (as {@link io.toolgate.LocalLimitStore} does in one process).
 *
 * <p>Several counters are taken all or nothing the way the local store does it: one at a time, in
 * order, giving back what was taken when a later one is empty. Between the take and the give-back
 * another replica may find the given-back counter empty and be denied (never the reverse: no window
 * ever allows more than its calls). A give-back that fails (Redis gone between two commands) loses
 * that call for the window: the store errs toward denying.
 *
 * <p>Any Redis or Bucket4j failure throws {@link StoreUnavailableException}: the engine denies the
 * call with {@code FLEET_UNAVAILABLE}. A limited call is never allowed uncounted.
 */
final class RedisLimitStore implements LimitStore {
  private final Supplier<LettuceBasedProxyManager<byte[]>> buckets;
  private final String prefix;
  private final InstantSource clock;

  /**
   * @param buckets the proxy manager of the current connection, or null while there is none
   * @param prefix the key prefix of the fleet's buckets
   */
  RedisLimitStore(
      Supplier<LettuceBasedProxyManager<byte[]>> buckets, String prefix, InstantSource clock) {
    this.buckets = buckets;
    this.prefix = prefix;
    this.clock = clock;
  }

  @Override
  public Consumption tryConsume(List<LimitCounter> counters) {
    LettuceBasedProxyManager<byte[]> manager = buckets.get();
    if (manager == null) {
      throw new StoreUnavailableException(
          "this replica is not connected to the fleet's Redis", null);
    }
    int taken = 0;
    try {
      for (int i = 0; i < counters.size(); i++) {
        ConsumptionProbe probe = bucket(manager, counters.get(i)).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
          for (int k = 0; k < taken; k++) {
            bucket(manager, counters.get(k)).addTokens(1); // give back: all or nothing
          }
          long at = clock.millis() * 1_000_000L + probe.getNanosToWaitForRefill();
          return new Consumption.Exhausted(
              i, Instant.ofEpochSecond(at / 1_000_000_000L, at % 1_000_000_000L));
        }
        taken++;
      }
      return Consumption.Consumed.INSTANCE;
    } catch (RuntimeException e) {
      throw new StoreUnavailableException(
          "the fleet's Redis did not count the call ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + ")",
          e);
    }
  }

  private BucketProxy bucket(LettuceBasedProxyManager<byte[]> manager, LimitCounter c) {
    byte[] key = (prefix + c.limitId() + "\u0000" + c.key()).getBytes(StandardCharsets.UTF_8);
    return manager.builder().build(key, () -> configuration(c));
  }

  private static BucketConfiguration configuration(LimitCounter c) {
    return BucketConfiguration.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(c.calls())
                .refillIntervallyAligned(c.calls(), c.window(), Instant.EPOCH)
                .build())
        .build();
  }
}
