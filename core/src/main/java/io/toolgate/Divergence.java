package io.toolgate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A call on which a shadow candidate policy ({@link Rollout#shadow}) would have decided otherwise
 * than the active policy: the call, both outcomes and the direction. Plain values, so a divergence
 * read back from an audit log equals the one the engine reported.
 *
 * @param epochMillis when the active policy decided, by the engine's clock
 * @param chain the principal ids of the call's chain, origin first
 * @param tool the tool's qualified name
 * @param resource the resource id ({@code ""} for none)
 * @param active what the active policy decided
 * @param candidate what the candidate would have decided
 */
public record Divergence(
    long epochMillis,
    List<String> chain,
    String tool,
    String resource,
    Outcome active,
    Outcome candidate) {

  /** Which way the candidate would move the decision. */
  public enum Direction {
    /** The active policy denies, the candidate would allow. */
    NEWLY_ALLOW,
    /** The active policy allows, the candidate would deny. */
    NEWLY_DENY
  }

  /** Validates and copies; the two outcomes must differ in whether they allow. */
  public Divergence {
    chain = List.copyOf(chain);
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(candidate, "candidate");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a divergence needs the call's chain");
    }
    if (active.allows() == candidate.allows()) {
      throw new IllegalArgumentException(
          "not a divergence: both outcomes " + (active.allows() ? "allow" : "deny"));
    }
  }

  /** Which way the candidate would move the decision. */
  public Direction direction() {
    return candidate.allows() ? Direction.NEWLY_ALLOW : Direction.NEWLY_DENY;
  }

  /** When the active policy decided. */
  public Instant time() {
    return Instant.ofEpochMilli(epochMillis);
  }

  /**
   * One side of a divergence.
   *
   * @param effect allow or deny
   * @param reason why
   * @param rules the ids of the deciding entries and rules
   * @param policyVersion the version of the policy that decided
   */
  public record Outcome(Effect effect, Reason reason, List<String> rules, String policyVersion) {
    /** Validates and copies. */
    public Outcome {
      Objects.requireNonNull(effect, "effect");
      Objects.requireNonNull(reason, "reason");
      rules = List.copyOf(rules);
      Objects.requireNonNull(policyVersion, "policyVersion");
    }

    /** The outcome of a decision. */
    public static Outcome of(Decision d) {
      return new Outcome(d.effect(), d.reason(), d.ruleIds(), d.policyVersion());
    }

    /**
     * Whether the policy allows the call: an allow, or a call the policy allows that a limit
     * refused ({@link Reason#RATE_LIMITED}); a shadow candidate counts no limits, so this is what
     * the two policies are compared on.
     */
    public boolean allows() {
      return effect == Effect.ALLOW || reason == Reason.RATE_LIMITED;
    }
  }
}
