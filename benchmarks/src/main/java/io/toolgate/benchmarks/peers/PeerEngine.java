package io.toolgate.benchmarks.peers;

/**
 * One engine compiled for one scenario: the scenario's policy in the engine's own form, built once.
 * {@link #prepare} turns a request into the engine's own request object ahead of time (as the
 * peers' own benchmarks pre-build theirs); {@link #decide} is what is timed.
 */
interface PeerEngine {
  /** A short name, as in the result table. */
  String name();

  /** The engine's own request for {@code check}, built outside the timed path. */
  Object prepare(Check check);

  /** Whether the engine allows a request built by {@link #prepare}. */
  boolean decide(Object prepared);
}
