package io.toolgate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.toolgate.spi.Consumption;
import io.toolgate.spi.LimitCounter;
import io.toolgate.spi.LimitStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * The default {@link LimitStore}: one Bucket4j local bucket per counter, in this process, driven by
 * the engine's clock (so a test clock drives it too). Each bucket holds {@code calls} tokens and is
 * refilled to full at every window boundary, boundaries aligned to the epoch ({@code
 * refillIntervallyAligned}): at most {@code calls} calls in each fixed window.
 *
 * <p>A bucket nobody used for a whole window is full again, so it is dropped then and made anew on
 * its next use: memory follows the keys active in the last window, not every key ever seen.
 *
 * <p>Several counters are taken all or nothing by taking from each in turn and giving back what was
 * taken when one is empty. Concurrent calls never take more than a window allows; a call racing
 * with such a give-back may find a counter empty that is about to get its call back, and be denied
 * (never the reverse). Counters are not shared between processes: with several engines, use a
 * shared store.
 */
public final class LocalLimitStore implements LimitStore {
  private final TimeMeter meter;
  private final Cache<LimitCounter, Bucket> buckets;

  private LocalLimitStore(InstantSource clock) {
    this.meter = new ClockMeter(clock);
    this.buckets =
        Caffeine.newBuilder()
            .ticker(meter::currentTimeNanos)
            .executor(Runnable::run)
            .expireAfter(Expiry.accessing((LimitCounter c, Bucket b) -> c.window()))
            .build();
  }

  /** A store whose windows follow {@code clock}: give it the engine's clock. */
  public static LocalLimitStore over(InstantSource clock) {
    return new LocalLimitStore(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public Consumption tryConsume(List<LimitCounter> counters) {
    int n = counters.size();
    for (int i = 0; i < n; i++) {
      if (!bucket(counters.get(i)).tryConsume(1)) {
        for (int k = 0; k < i; k++) {
          bucket(counters.get(k)).addTokens(1); // give back: all or nothing
        }
        return exhausted(counters);
      }
    }
    return Consumption.Consumed.INSTANCE;
  }

  /** How many buckets are held now (an estimate, for tests of the memory bound). */
  long buckets() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Consumption exhausted(List<LimitCounter> counters) {
    int longest = 0;
    long wait = -1;
    for (int i = 0; i < counters.size(); i++) {
      long w = bucket(counters.get(i)).estimateAbilityToConsume(1).getNanosToWaitForRefill();
      if (w > wait) {
        wait = w;
        longest = i;
      }
    }
    long at = meter.currentTimeNanos() + wait;
    return new Consumption.Exhausted(
        longest, Instant.ofEpochSecond(at / 1_000_000_000L, at % 1_000_000_000L));
  }

  private Bucket bucket(LimitCounter c) {
    return buckets.get(c, this::newBucket);
  }

  private Bucket newBucket(LimitCounter c) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(c.calls())
                .refillIntervallyAligned(c.calls(), c.window(), Instant.EPOCH)
                .build())
        .withCustomTimePrecision(meter)
        .build();
  }

  /** Bucket4j's time from the engine's clock, in whole milliseconds (no allocation). */
  private record ClockMeter(InstantSource clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
