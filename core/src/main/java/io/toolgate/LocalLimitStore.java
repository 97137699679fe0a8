package io.toolgate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
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
 * <p>At the end of its window a bucket is full again whatever it held, so it is dropped then (a
 * fixed expiry, set once when the bucket is made: nothing is rescheduled per call) and made anew,
 * full, on its next use: memory follows the keys active in the current windows, not every key ever
 * seen. Buckets are Bucket4j's synchronized ones: a call takes an uncontended lock instead of
 * copying the bucket's state, as the lock-free buckets do on every call.
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
            .expireAfter(new UntilWindowEnds())
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
        .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED)
        .build();
  }

  /**
   * Keeps a bucket until the end of the epoch-aligned window it was made in; reads and updates
   * leave that time alone.
   */
  private static final class UntilWindowEnds implements Expiry<LimitCounter, Bucket> {
    @Override
    public long expireAfterCreate(LimitCounter c, Bucket b, long nowNanos) {
      long window = c.window().toNanos();
      return window - Math.floorMod(nowNanos, window);
    }

    @Override
    public long expireAfterUpdate(LimitCounter c, Bucket b, long nowNanos, long currentDuration) {
      return currentDuration;
    }

    @Override
    public long expireAfterRead(LimitCounter c, Bucket b, long nowNanos, long currentDuration) {
      return currentDuration;
    }
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
