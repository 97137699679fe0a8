package io.toolgate;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The answer to a {@link Request}: allow or deny, the {@link Reason}, the ids of the entries and
 * rules that decided it, the version of the policy that decided it, the hop of the delegation chain
 * that refused (for hop-specific denials), any evaluation errors, and a readable detail. Immutable.
 */
public final class Decision {
  private final Effect effect;
  private final Reason reason;
  private final List<String> ruleIds;
  private final String policyVersion;
  private final int refusingHop;
  private final String refusingPrincipal;

  /**
   * What few decisions carry (errors, a retry time, log-only matches, obligations, an approval), or
   * null when it would be all empty: kept apart so the common decision, which the engine builds on
   * every uncached call, stays one small object.
   */
  private final Extras extras;

  /**
   * The rarely set parts of a decision.
   *
   * @param errors evaluation errors
   * @param retryAt when the next call is possible, for {@link Reason#RATE_LIMITED}; else null
   * @param logOnlyMatches the ids of log-only entries and rules that matched
   * @param obligations what the enforcer must do before an allowed call runs
   * @param approval the answer to an {@link Obligation#APPROVAL}, once the guard asked; else null
   */
  private record Extras(
      List<DecisionError> errors,
      Instant retryAt,
      List<String> logOnlyMatches,
      Set<Obligation> obligations,
      Approval approval) {
    static final Extras NONE = new Extras(List.of(), null, List.of(), Set.of(), null);

    /** These parts, or null when all are empty. */
    static Extras of(
        List<DecisionError> errors,
        Instant retryAt,
        List<String> logOnlyMatches,
        Set<Obligation> obligations,
        Approval approval) {
      return errors.isEmpty()
              && retryAt == null
              && logOnlyMatches.isEmpty()
              && obligations.isEmpty()
              && approval == null
          ? null
          : new Extras(errors, retryAt, logOnlyMatches, obligations, approval);
    }
  }

  /**
   * The detail text, or null until {@link #detailSource} is formatted (racy but idempotent, like
   * String's hash).
   */
  private String detail;

  /**
   * Formats the detail on first use, so a decision built on a cache miss formats nothing; null when
   * given as text.
   */
  private final Supplier<String> detailSource;

  private Decision(Builder b) {
    this.effect = b.effect;
    this.reason = b.reason;
    this.ruleIds = b.ruleIds;
    this.policyVersion = b.policyVersion;
    this.refusingHop = b.refusingHop;
    this.refusingPrincipal = b.refusingPrincipal;
    this.extras = Extras.of(b.errors, b.retryAt, b.logOnlyMatches, b.obligations, b.approval);
    this.detail = b.detailSource == null ? b.detail : null;
    this.detailSource = b.detailSource;
  }

  /** A copy of {@code d} with {@code logOnly} as its log-only matches. */
  private Decision(Decision d, List<String> logOnly) {
    this.effect = d.effect;
    this.reason = d.reason;
    this.ruleIds = d.ruleIds;
    this.policyVersion = d.policyVersion;
    this.refusingHop = d.refusingHop;
    this.refusingPrincipal = d.refusingPrincipal;
    Extras x = d.extras();
    this.extras = Extras.of(x.errors, x.retryAt, List.copyOf(logOnly), x.obligations, x.approval);
    this.detail = d.detail;
    this.detailSource = d.detailSource;
  }

  private Extras extras() {
    return extras == null ? Extras.NONE : extras;
  }

  /**
   * Starts a denial. Anyone may build one: a denial can only take access away. Allow decisions come
   * only from the engine (see {@link Minter}).
   *
   * @throws IllegalArgumentException if {@code reason} is {@link Reason#PERMITTED}
   */
  public static Builder denial(Reason reason, String policyVersion) {
    return new Builder(Effect.DENY, reason, policyVersion);
  }

  /** Allow or deny. */
  public Effect effect() {
    return effect;
  }

  /** Whether the call may proceed. */
  public boolean isAllowed() {
    return effect == Effect.ALLOW;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }

  /** The ids of the entries and rules that decided, in chain order. */
  public List<String> ruleIds() {
    return ruleIds;
  }

  /** The version of the policy snapshot that decided. */
  public String policyVersion() {
    return policyVersion;
  }

  /**
   * The index in the chain (0 = origin) of the principal that refused, for hop-specific denials.
   */
  public OptionalInt refusingHop() {
    return refusingHop < 0 ? OptionalInt.empty() : OptionalInt.of(refusingHop);
  }

  /** The id of the principal that refused, for hop-specific denials. */
  public Optional<String> refusingPrincipal() {
    return Optional.ofNullable(refusingPrincipal);
  }

  /** Evaluation errors met on the way, each naming its source. */
  public List<DecisionError> errors() {
    return extras().errors;
  }

  /**
   * The earliest instant at which the same call may be allowed again: set on {@link
   * Reason#RATE_LIMITED} denials (the start of the window in which the exhausted limit has calls
   * again), empty otherwise.
   */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(extras().retryAt);
  }

  /**
   * The ids of the log-only entries and rules ({@link AccessEntry.Mode#LOG_ONLY}) that matched the
   * call, in chain order: they did not take part in this decision, and are recorded so a rule can
   * be watched before it is enforced. Empty when none matched, or when the call was refused before
   * the entries were consulted.
   */
  public List<String> logOnlyMatches() {
    return extras().logOnlyMatches;
  }

  /**
   * What whoever enforces this allow must do before the call runs ({@link Obligation#APPROVAL});
   * empty for a denial and for most allows. An enforcement point that does not fulfil every
   * obligation must not run the call: {@link io.toolgate.guard.ToolGuard} does, and {@link
   * DecisionEngine#canInvoke} answers false for an allow that carries one.
   */
  public Set<Obligation> obligations() {
    return extras().obligations;
  }

  /**
   * The answer to this decision's {@link Obligation#APPROVAL}, once the guard asked for one: a
   * {@link Approval.Granted} on the allow that then ran, a {@link Approval.Refused} on the denial
   * ({@link Reason#APPROVAL_DENIED}) that followed; empty before asking, and when no answer came.
   */
  public Optional<Approval> approval() {
    return Optional.ofNullable(extras().approval);
  }

  /**
   * Whether the call may run with nothing more to do: allowed, and every obligation fulfilled (an
   * approval granted).
   */
  public boolean isAllowedOutright() {
    return effect == Effect.ALLOW
        && (extras == null || extras.obligations.isEmpty() || extras.approval != null);
  }

  /**
   * This allow, settled by a granted approval: the same decision, now carrying {@code granted}.
   *
   * @throws IllegalStateException if this decision is not an allow that asks for approval, or
   *     already carries an answer
   */
  public Decision approvedBy(Approval.Granted granted) {
    Objects.requireNonNull(granted, "granted");
    Extras x = extras();
    if (!x.obligations.contains(Obligation.APPROVAL) || x.approval != null) {
      throw new IllegalStateException(
          "only an allow that awaits approval can be approved: " + this);
    }
    Builder b = new Builder(effect, reason, policyVersion);
    b.ruleIds = ruleIds;
    b.errors = x.errors;
    b.retryAt = x.retryAt;
    b.obligations = x.obligations;
    b.approval = granted;
    b.logOnlyMatches = x.logOnlyMatches;
    b.detail = detail();
    return new Decision(b);
  }

  /** A readable explanation. */
  public String detail() {
    String d = detail;
    if (d == null) {
      d = detailSource.get();
      detail = d;
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Decision d
        && effect == d.effect
        && reason == d.reason
        && ruleIds.equals(d.ruleIds)
        && policyVersion.equals(d.policyVersion)
        && refusingHop == d.refusingHop
        && Objects.equals(refusingPrincipal, d.refusingPrincipal)
        && extras().equals(d.extras())
        && detail().equals(d.detail());
  }

  @Override
  public int hashCode() {
    return Objects.hash(effect, reason, ruleIds, policyVersion, refusingHop, extras(), detail());
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder().append(effect).append(' ').append(reason);
    if (refusingPrincipal != null) {
      s.append(" at hop ").append(refusingHop).append(" (").append(refusingPrincipal).append(')');
    }
    if (!ruleIds.isEmpty()) {
      s.append(" rules=").append(ruleIds);
    }
    Extras x = extras();
    if (!x.errors.isEmpty()) {
      s.append(" errors=").append(x.errors);
    }
    if (x.retryAt != null) {
      s.append(" retryAt=").append(x.retryAt);
    }
    if (!x.logOnlyMatches.isEmpty()) {
      s.append(" logOnly=").append(x.logOnlyMatches);
    }
    if (!x.obligations.isEmpty()) {
      s.append(" obligations=").append(x.obligations);
    }
    if (x.approval != null) {
      s.append(" approval=").append(x.approval);
    }
    String d = detail();
    if (!d.isEmpty()) {
      s.append(": ").append(d);
    }
    return s.append(" [policy ").append(policyVersion).append(']').toString();
  }

  /** Builds a {@link Decision}. */
  public static final class Builder {
    private final Effect effect;
    private final Reason reason;
    private final String policyVersion;
    private List<String> ruleIds = List.of();
    private int refusingHop = -1;
    private String refusingPrincipal;
    private List<DecisionError> errors = List.of();
    private String detail = "";
    private Supplier<String> detailSource;
    private Instant retryAt;
    private List<String> logOnlyMatches = List.of();
    private Set<Obligation> obligations = Set.of();
    private Approval approval;

    private Builder(Effect effect, Reason reason, String policyVersion) {
      this.effect = Objects.requireNonNull(effect, "effect");
      this.reason = Objects.requireNonNull(reason, "reason");
      this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
      if ((effect == Effect.ALLOW) != (reason == Reason.PERMITTED)) {
        throw new IllegalArgumentException(effect + " cannot have reason " + reason);
      }
    }

    /** The ids of the deciding entries and rules. */
    public Builder ruleIds(Collection<String> ids) {
      this.ruleIds = List.copyOf(ids); // no copy when already an unmodifiable JDK list
      return this;
    }

    /** The hop that refused: its index in the chain and its principal id. */
    public Builder refusedAt(int hop, String principalId) {
      if (hop < 0) {
        throw new IllegalArgumentException("hop must be >= 0, was " + hop);
      }
      this.refusingHop = hop;
      this.refusingPrincipal = Objects.requireNonNull(principalId, "principalId");
      return this;
    }

    /** Evaluation errors met on the way. */
    public Builder errors(Collection<DecisionError> values) {
      this.errors = List.copyOf(values);
      return this;
    }

    /** When the next call is possible ({@link Reason#RATE_LIMITED} denials). */
    public Builder retryAt(Instant instant) {
      this.retryAt = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /** The ids of log-only entries and rules that matched ({@link #logOnlyMatches()}). */
    public Builder logOnlyMatches(Collection<String> ids) {
      this.logOnlyMatches = List.copyOf(ids);
      return this;
    }

    /**
     * What the enforcer must do before the call runs (allows only).
     *
     * @throws IllegalStateException if this builds a denial and {@code values} is not empty
     */
    public Builder obligations(Collection<Obligation> values) {
      if (values.isEmpty()) {
        this.obligations = Set.of();
        return this;
      }
      if (effect != Effect.ALLOW) {
        throw new IllegalStateException("a denial carries no obligation: " + values);
      }
      this.obligations = Collections.unmodifiableSet(EnumSet.copyOf(values));
      return this;
    }

    /**
     * The answer that refused the call ({@link Reason#APPROVAL_DENIED} denials); a granted approval
     * is put on an allow with {@link Decision#approvedBy}.
     *
     * @throws IllegalStateException if this builds an allow
     */
    public Builder approval(Approval.Refused refused) {
      if (effect == Effect.ALLOW) {
        throw new IllegalStateException("an allow is approved with Decision.approvedBy");
      }
      this.approval = Objects.requireNonNull(refused, "refused");
      return this;
    }

    /** A readable explanation. */
    public Builder detail(String text) {
      this.detail = Objects.requireNonNull(text, "text");
      this.detailSource = null;
      return this;
    }

    /**
     * Sets the detail, formatted only when someone reads it (the engine's cache misses format
     * nothing).
     */
    public Builder detail(Supplier<String> text) {
      this.detailSource = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Builds the decision. */
    public Decision build() {
      return new Decision(this);
    }
  }

  /**
   * The capability to build allow decisions. Only this package can create one; the engine hands its
   * instance to its internals, so no caller outside the engine can mint an allow.
   */
  public static final class Minter {
    Minter() {}

    /** Starts an allow decision ({@link Reason#PERMITTED}). */
    public Builder allow(String policyVersion) {
      return new Builder(Effect.ALLOW, Reason.PERMITTED, policyVersion);
    }

    /**
     * An allow decided by {@code ruleIds}, in chain order, with no errors: the engine's constant
     * allow, built without copying the ids again. The array is owned by the decision from now.
     */
    public Decision allow(String policyVersion, String... ruleIds) {
      Builder b = new Builder(Effect.ALLOW, Reason.PERMITTED, policyVersion);
      for (String id : ruleIds) {
        Objects.requireNonNull(id, "rule id");
      }
      b.ruleIds = ruleIds.length == 0 ? List.of() : new RuleIds(ruleIds);
      return new Decision(b);
    }

    /** {@code decision} recording the log-only entries and rules {@code ids} that matched. */
    public Decision withLogOnlyMatches(Decision decision, List<String> ids) {
      return new Decision(decision, ids);
    }
  }

  /**
   * An unmodifiable view of an array nobody else holds: one small object where {@code
   * unmodifiableList(asList(..))} makes two, on the path of every allow a miss builds.
   */
  private static final class RuleIds extends AbstractList<String> implements RandomAccess {
    private final String[] ids;

    RuleIds(String[] ids) {
      this.ids = ids;
    }

    @Override
    public String get(int index) {
      return ids[index];
    }

    @Override
    public int size() {
      return ids.length;
    }
  }
}
