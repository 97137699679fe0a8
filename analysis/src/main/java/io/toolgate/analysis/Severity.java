package io.toolgate.analysis;

/** How much a {@link Finding} matters, from least to most; compare with {@link #isAbove}. */
public enum Severity {
  /** Worth knowing; nothing to fix. */
  INFO,
  /** Untidy or unused: remove it when convenient. */
  LOW,
  /** Wider than it should be: review it. */
  MEDIUM,
  /** A grant that can do real damage: fix it before rollout. */
  HIGH;

  /** Whether this severity is strictly more severe than {@code other}. */
  public boolean isAbove(Severity other) {
    return compareTo(other) > 0;
  }
}
