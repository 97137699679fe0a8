package io.toolgate;

/** The outcome of a decision, or what an access entry or rule asks for. */
public enum Effect {
  /** The call may proceed. */
  ALLOW,
  /** The call must not proceed. */
  DENY
}
