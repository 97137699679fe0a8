package io.toolgate.analysis;

/**
 * How a subject reaches a (tool, resource): whatever the call's arguments and environment, or only
 * under conditions.
 */
public enum Access {
  /** Allowed whatever the arguments and environment (expiries and kill switches aside). */
  ALWAYS,
  /**
   * Allowed only when the conditions of the rules involved hold (see {@link Reach#conditions()}).
   */
  CONDITIONAL
}
