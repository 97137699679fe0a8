package io.toolgate;

/**
 * How a shadow run ({@link Rollout#shadow}) samples decisions.
 *
 * @param sampleRate the share of decisions also evaluated against the candidate, in (0, 1]
 * @param queueCapacity the most decisions waiting for the shadow thread; beyond that they are
 *     dropped and counted ({@link ShadowReport#dropped()}), never waited for
 */
public record ShadowOptions(double sampleRate, int queueCapacity) {
  /** The default queue capacity. */
  public static final int DEFAULT_QUEUE_CAPACITY = 8_192;

  /** Validates. */
  public ShadowOptions {
    if (!(sampleRate > 0 && sampleRate <= 1)) {
      throw new IllegalArgumentException("sampleRate must be in (0, 1], was " + sampleRate);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1, was " + queueCapacity);
    }
  }

  /** Every decision, with the default queue capacity. */
  public static ShadowOptions all() {
    return new ShadowOptions(1, DEFAULT_QUEUE_CAPACITY);
  }

  /** A sample of decisions, with the default queue capacity. */
  public static ShadowOptions sampled(double rate) {
    return new ShadowOptions(rate, DEFAULT_QUEUE_CAPACITY);
  }
}
