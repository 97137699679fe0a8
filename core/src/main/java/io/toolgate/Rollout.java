package io.toolgate;

import io.toolgate.internal.engine.Engine;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safe change of an engine's policy: a candidate policy runs beside the active one, in one of two
 * modes, until it is promoted or rolled back (one call each). Obtained from {@link
 * DecisionEngine#rollout()}; thread-safe. At most one candidate runs at a time; starting one
 * replaces the one before.
 *
 * <ul>
 *   <li><b>Shadow</b> ({@link #shadow}): the active policy decides every call, as before; a sample
 *       of the decisions is handed to a bounded queue and decided again against the candidate on a
 *       thread of its own, at the instant the active policy decided and under the same kill
 *       switches, counting no limits. Each call on which the two disagree about allowing is a
 *       {@link Divergence}, delivered to every {@link DecisionListener#onDivergence} on that thread
 *       and counted in {@link #report()}. A shadow run never changes a decision, and costs a
 *       deciding thread one queue offer per sampled call; a full queue drops the comparison and
 *       counts it.
 *   <li><b>Canary</b> ({@link #canary}): the candidate decides every call whose origin principal is
 *       in a {@link CanarySlice}, the active policy every other; each decision carries the version
 *       of the policy that decided it ({@link Decision#policyVersion()}).
 * </ul>
 *
 * <p>The candidate keeps a cache of its own, shares the engine's kill switches (a suspension, a
 * disabled tool or a revoked delegation holds for it as for the active policy), and survives {@link
 * DecisionEngine#replacePolicy} (a reload replaces the active policy; a percentage slice is drawn
 * again over the new policy's principals). {@link #promote()} makes it the active policy with a
 * fresh cache; {@link #rollback()} drops it. Every decision that starts after either returns is
 * made by the policy that remains. A shadow run's thread lives until the run ends: end it with
 * {@link #promote()} or {@link #rollback()} before dropping the engine.
 */
public final class Rollout {
  private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);

  /** What the candidate does now. */
  public enum Mode {
    /** No candidate runs. */
    NONE,
    /** The candidate is compared off the decision path. */
    SHADOW,
    /** The candidate decides for a slice of origins. */
    CANARY
  }

  private final Engine engine;
  private final DecisionListener[] listeners;

  Rollout(Engine engine, DecisionListener[] listeners) {
    this.engine = engine;
    this.listeners = listeners;
  }

  /**
   * Starts a shadow run of {@code candidate}, replacing any candidate running.
   *
   * @param options the sample rate and queue capacity
   */
  public void shadow(Policy candidate, ShadowOptions options) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(options, "options");
    engine.startShadow(
        candidate, options.sampleRate(), options.queueCapacity(), this::publishDivergence);
  }

  /** Starts a canary of {@code candidate} for {@code slice}, replacing any candidate running. */
  public void canary(Policy candidate, CanarySlice slice) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(slice, "slice");
    engine.startCanary(candidate, slice);
  }

  /**
   * Makes the candidate the active policy and ends the shadow run or canary (a shadow run first
   * compares what it has queued, waiting at most 10 seconds).
   *
   * @return the policy that was active
   * @throws IllegalStateException if no candidate runs
   */
  public Policy promote() {
    return engine.promote();
  }

  /**
   * Drops the candidate and ends the shadow run or canary (a shadow run first compares what it has
   * queued, waiting at most 10 seconds); the active policy stays.
   *
   * @return the candidate dropped
   * @throws IllegalStateException if no candidate runs
   */
  public Policy rollback() {
    return engine.rollback();
  }

  /** What the candidate does now. */
  public Mode mode() {
    Boolean shadow = engine.candidateInShadow();
    return shadow == null ? Mode.NONE : shadow ? Mode.SHADOW : Mode.CANARY;
  }

  /** The candidate policy, if one runs. */
  public Optional<Policy> candidate() {
    return Optional.ofNullable(engine.candidatePolicy());
  }

  /**
   * The report of the shadow run now (so far), or of the last one ended; empty before any. After
   * {@link #promote()} or {@link #rollback()} of a shadow run it counts every decision the run
   * took.
   */
  public ShadowReport report() {
    return engine.shadowReport();
  }

  private void publishDivergence(Divergence d) {
    for (DecisionListener l : listeners) {
      try {
        l.onDivergence(d);
      } catch (Throwable t) {
        LOG.warn("decision listener {} failed on a divergence; the shadow run goes on", l, t);
      }
    }
  }
}
