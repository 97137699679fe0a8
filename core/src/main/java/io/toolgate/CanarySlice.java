package io.toolgate;

import io.toolgate.internal.Digests;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Which origins a canary policy decides for ({@link Rollout#canary}): a stable percentage of origin
 * principal ids, or a named list. Membership depends only on the origin id (and the salt), so the
 * same origin falls in the same slice in every engine, JVM and restart.
 */
public sealed interface CanarySlice {
  /** Whether the canary decides for calls whose chain starts at {@code originId}. */
  boolean contains(String originId);

  /**
   * About {@code percent} % of origins, chosen by hash: an origin is in the slice when the first 8
   * bytes of SHA-256({@code salt + ":" + originId}, UTF-8), read as an unsigned big-endian number,
   * modulo 10,000 are below {@code percent * 100}. Growing the percentage keeps every origin
   * already in the slice; a new salt draws a new slice.
   *
   * @throws IllegalArgumentException if percent is outside [0, 100]
   */
  static CanarySlice percent(double percent, String salt) {
    return new Percent(percent, salt);
  }

  /** {@link #percent(double, String)} with the empty salt. */
  static CanarySlice percent(double percent) {
    return new Percent(percent, "");
  }

  /** Exactly the named origin principal ids. */
  static CanarySlice origins(Collection<String> originIds) {
    return new Named(Set.copyOf(originIds));
  }

  /**
   * A percentage of origins by hash.
   *
   * @param percent from 0 to 100, in steps of 0.01
   * @param salt mixed into the hash; change it to draw another slice
   */
  record Percent(double percent, String salt) implements CanarySlice {
    /** Validates. */
    public Percent {
      Objects.requireNonNull(salt, "salt");
      if (!(percent >= 0 && percent <= 100)) {
        throw new IllegalArgumentException("percent must be in [0, 100], was " + percent);
      }
    }

    @Override
    public boolean contains(String originId) {
      return bucket(salt, originId) < Math.round(percent * 100);
    }

    /** The origin's bucket in [0, 10000). */
    static long bucket(String salt, String originId) {
      byte[] h = Digests.sha256().digest((salt + ":" + originId).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return Long.remainderUnsigned(v, 10_000);
    }
  }

  /**
   * A named list of origins.
   *
   * @param origins the origin principal ids the canary decides for
   */
  record Named(Set<String> origins) implements CanarySlice {
    /** Validates and copies. */
    public Named {
      origins = Set.copyOf(origins);
    }

    @Override
    public boolean contains(String originId) {
      return origins.contains(originId);
    }
  }
}
