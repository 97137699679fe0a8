package io.toolgate;

/**
 * Where a {@link Principal} is in its life. Only {@link #ACTIVE} principals are ever allowed
 * anything.
 */
public enum LifecycleState {
  /** Allowed whatever its grants allow. */
  ACTIVE,
  /** Temporarily denied everything, for example while an incident is investigated. */
  SUSPENDED,
  /** Retired for good; denied everything. */
  DECOMMISSIONED
}
