package io.toolgate.analysis;

/** Which way a {@link PolicyDiff} moves decisions. */
public enum Direction {
  /** No probed request changes its effect. */
  UNCHANGED,
  /** Some requests go from allow to deny, none from deny to allow. */
  NARROWS,
  /** Some requests go from deny to allow, none from allow to deny. */
  WIDENS,
  /** Requests go both ways. */
  BOTH
}
