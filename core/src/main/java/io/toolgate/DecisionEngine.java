package io.toolgate;

import io.toolgate.internal.engine.Engine;
import io.toolgate.internal.engine.StatsCounter;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a principal, or a delegation chain, may invoke a tool on a resource. Thread-safe;
 * one engine serves the whole application.
 *
 * <p>The engine holds one immutable state, a {@link Policy} snapshot with the bounded cache of
 * residuals that belongs to it, and the live kill switches, which outlive policy swaps. Replacing
 * the policy builds a new state with an empty cache and publishes it atomically. Throwing or
 * lifting a kill switch drops nothing: cached residuals are built as if nothing were switched and
 * each refers to the switches of the principals, tool and delegation ids it depends on, which a hit
 * reads; so a switch costs O(1) and touches only the decisions that depend on it. Either way, every
 * decision that starts after such a call returns sees the change; decisions already running finish
 * against what they started with.
 *
 * <p>Decisions never throw for evaluation problems: unknown principals, tools and resources are
 * denied with a reason, and any exception inside a decision (a plug-in, a condition, the cache) is
 * logged and becomes a denial with reason {@link Reason#ERROR}. Listeners cannot change a decision.
 * Only null arguments throw ({@link NullPointerException}).
 */
public final class DecisionEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionEngine.class);

  private final Engine engine;
  private final DecisionListener[] listeners;

  /** Must take every event, else the call is denied (AUDIT_UNAVAILABLE); null when not required. */
  private final DecisionListener requiredAudit;

  private final boolean measureLatency;
  private final LongAdder auditRefusals = new LongAdder();
  private final Rollout rollout;

  /** Counts decisions, cache lookups and residual builds; null unless {@code recordStats()}. */
  private final StatsCounter stats;

  private DecisionEngine(Builder b) {
    this.stats = b.recordStats ? new StatsCounter() : null;
    this.engine =
        new Engine(
            b.policy,
            b.clock != null ? b.clock : InstantSource.system(),
            b.zone != null ? b.zone : ZoneOffset.UTC,
            b.cacheSize >= 0 ? b.cacheSize : Builder.DEFAULT_CACHE_SIZE,
            new Decision.Minter(),
            b.limitStore != null
                ? b.limitStore
                : LocalLimitStore.over(b.clock != null ? b.clock : InstantSource.system()),
            stats,
            b.gate);
    this.listeners = b.listeners.toArray(new DecisionListener[0]);
    this.requiredAudit = b.requiredAudit;
    this.measureLatency = b.measureLatency;
    this.rollout = new Rollout(engine, listeners);
  }

  /** Starts an engine over {@code policy}. */
  public static Builder builder(Policy policy) {
    return new Builder(policy);
  }

  /**
   * Whether {@code principalId}, acting for itself, may invoke {@code tool} on {@code resource}:
   * allowed outright, so false for an allow that awaits approval ({@link Obligation#APPROVAL}; run
   * such calls through {@link io.toolgate.guard.ToolGuard}).
   */
  public boolean canInvoke(String principalId, ToolId tool, ResourceId resource) {
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    if (listeners.length != 0) {
      return decide(Request.of(principalId, tool, resource)).isAllowedOutright();
    }
    if (stats != null) {
      return counted(principalId, tool, resource);
    }
    return engine.allows(principalId, tool, resource);
  }

  /**
   * Whether the last principal of {@code chain}, acting through it, may invoke {@code tool} on
   * {@code resource}: allowed outright (see {@link #canInvoke(String, ToolId, ResourceId)}).
   */
  public boolean canInvoke(DelegationChain chain, ToolId tool, ResourceId resource) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    if (listeners.length != 0) {
      return decide(Request.of(chain, tool, resource)).isAllowedOutright();
    }
    if (stats != null) {
      return counted(Engine.subject(chain), tool, resource);
    }
    return engine.allows(Engine.subject(chain), tool, resource);
  }

  /** Decides a direct call with no arguments. */
  public Decision decide(String principalId, ToolId tool, ResourceId resource) {
    return decide(Request.of(principalId, tool, resource));
  }

  /** Decides a request, explaining the answer. */
  public Decision decide(Request request) {
    Objects.requireNonNull(request, "request");
    boolean heard = listeners.length != 0;
    long start = heard && measureLatency ? System.nanoTime() : 0;
    Decision decision =
        engine.decide(
            Engine.subject(request.chain()),
            request.tool(),
            request.resource(),
            request.session(),
            request);
    if (heard) {
      decision = publish(request, decision, measureLatency ? System.nanoTime() - start : -1);
    }
    if (stats != null) {
      stats.decided(decision);
    }
    return decision;
  }

  /** {@code canInvoke} of an engine that records stats: the decision is made, counted, dropped. */
  private boolean counted(Object subject, ToolId tool, ResourceId resource) {
    Decision decision = engine.decide(subject, tool, resource, Session.DEFAULT, null);
    stats.decided(decision);
    return decision.isAllowedOutright();
  }

  /**
   * Decides a request and throws if it is denied: the paired, throwing form of {@link #decide}.
   *
   * @return the allow decision
   * @throws AccessDeniedException carrying the decision, if denied
   */
  public Decision check(Request request) {
    Decision d = decide(request);
    if (!d.isAllowed()) {
      throw new AccessDeniedException(d);
    }
    return d;
  }

  /**
   * Hands the outcome of an approval to the listeners, as a decision of its own ({@link
   * io.toolgate.guard.ToolGuard} calls this once it has asked its approval handler): an allow
   * carrying the granted {@link Decision#approval()}, or a denial with {@link
   * Reason#APPROVAL_DENIED} or {@link Reason#APPROVAL_TIMEOUT}. Returns it, or a denial with {@link
   * Reason#AUDIT_UNAVAILABLE} when a required audit could not take the record: no audit record of
   * the approval, no action.
   *
   * @throws IllegalArgumentException if {@code settled} is not such an outcome
   */
  public Decision recordApproval(Request request, Decision settled) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(settled, "settled");
    boolean outcome =
        settled.isAllowed()
            ? settled.approval().isPresent()
            : settled.reason() == Reason.APPROVAL_DENIED
                || settled.reason() == Reason.APPROVAL_TIMEOUT;
    if (!outcome) {
      throw new IllegalArgumentException("not the outcome of an approval: " + settled);
    }
    return listeners.length == 0 ? settled : publish(request, settled, -1);
  }

  /** The policy snapshot decisions are made from now. */
  public Policy policy() {
    return engine.policy();
  }

  /**
   * Replaces the policy atomically. Every decision that starts after this returns uses the new
   * policy; kill switches stay in force.
   *
   * @return the policy that was replaced
   */
  public Policy replacePolicy(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    return engine.replacePolicy(policy);
  }

  /**
   * Suspends a principal: it, every agent it owns, and every chain through it are denied until
   * {@link #reinstate}.
   */
  public void suspend(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    engine.suspend(principalId);
  }

  /** Lifts a suspension made with {@link #suspend}; a suspension stated in the policy stays. */
  public void reinstate(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    engine.reinstate(principalId);
  }

  /** Decommissions a principal for the life of this engine: there is no way back. */
  public void decommission(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    engine.decommission(principalId);
  }

  /** Disables a tool for everyone until {@link #enableTool}. */
  public void disableTool(ToolId tool) {
    Objects.requireNonNull(tool, "tool");
    engine.disableTool(tool);
  }

  /** Re-enables a tool disabled with {@link #disableTool}. */
  public void enableTool(ToolId tool) {
    Objects.requireNonNull(tool, "tool");
    engine.enableTool(tool);
  }

  /**
   * Revokes a delegation by id: every chain with a hop carrying it is denied from now on ({@link
   * Reason#DELEGATION_REVOKED}). The engine remembers the id until every hop it has seen carrying
   * it has expired (after which those chains are denied by their own expiry), and for the life of
   * the engine when it saw a hop without expiry, or none at all: ids of delegations that carry an
   * expiry cost memory only while they could still be used. Use {@link #revokeDelegation(String,
   * Instant)} to revoke an id before any chain carrying it was decided.
   */
  public void revokeDelegation(String delegationId) {
    Objects.requireNonNull(delegationId, "delegationId");
    engine.revokeDelegation(delegationId);
  }

  /**
   * Revokes a delegation by id, as {@link #revokeDelegation(String)}, with the caller's word that
   * no delegation carrying it is valid after {@code validUntil} (the issued delegation's expiry):
   * the id is forgotten once that instant, and the expiry of every hop seen carrying it, have
   * passed.
   */
  public void revokeDelegation(String delegationId, Instant validUntil) {
    Objects.requireNonNull(delegationId, "delegationId");
    Objects.requireNonNull(validUntil, "validUntil");
    engine.revokeDelegation(delegationId, validUntil);
  }

  /** Shadow runs and canaries of a candidate policy beside the active one; see {@link Rollout}. */
  public Rollout rollout() {
    return rollout;
  }

  /** The kill switches in force now. */
  public KillSwitchSnapshot killSwitches() {
    return engine.killSwitches();
  }

  /** How many revoked delegation ids the engine remembers now (for tests of the memory bound). */
  int revokedDelegationsRemembered() {
    return engine.revokedDelegationsRemembered();
  }

  /** The number of residuals cached now (an estimate; 0 when caching is off). */
  public long cachedResiduals() {
    return engine.cachedResiduals();
  }

  /** Whether this engine counts what it does ({@link Builder#recordStats()}). */
  public boolean recordsStats() {
    return stats != null;
  }

  /**
   * What this engine has counted since it was built: decisions per reason, cache hits and misses,
   * residual builds and their time. {@link EngineStats#EMPTY} unless built with {@link
   * Builder#recordStats()}. Decisions are counted as the engine returns them (a decision a required
   * audit turned into {@link Reason#AUDIT_UNAVAILABLE} counts as that); denials a {@link
   * io.toolgate.guard.ToolGuard} makes before asking the engine are not the engine's.
   */
  public EngineStats stats() {
    return stats == null ? EngineStats.EMPTY : stats.snapshot();
  }

  /**
   * Whether some call of {@code tool} through {@code chain} could be allowed now, on some resource
   * by the same admission checks a decision makes, without enumerating resources; false when the
   * question itself fails. For tool visibility ({@code tools/list}): it errs toward showing, and
   * every call of a shown tool is still decided in full.
   */
  public boolean mayInvokeSome(DelegationChain chain, ToolId tool, Session session) {
    return engine.mayInvokeSome(chain, tool, session);
  }

  /**
   * The argument-recording rules of the policy that made a decision with this version: a volatile
   * read and a reference compare; the arguments themselves are picked on the listener's side.
   */
  private List<AuditArguments> auditArguments(String policyVersion) {
    Policy active = engine.policy();
    if (active.version().equals(policyVersion)) {
      return active.auditArguments();
    }
    Policy candidate = engine.candidatePolicy();
    return candidate != null && candidate.version().equals(policyVersion)
        ? candidate.auditArguments()
        : List.of();
  }

  /**
   * Hands the decision to the listeners; returns it, or a denial when a required audit could not
   * take it.
   */
  private Decision publish(Request request, Decision decision, long nanos) {
    DecisionEvent event;
    try {
      event =
          new DecisionEvent(
              engine.millis(), request, decision, nanos, auditArguments(decision.policyVersion()));
      if (requiredAudit != null && !requiredAudit.offer(event)) {
        auditRefusals.increment();
        decision =
            Decision.denial(Reason.AUDIT_UNAVAILABLE, decision.policyVersion())
                .detail("the audit queue could not take the record of this call, so it is denied")
                .build();
        event =
            new DecisionEvent(
                event.epochMillis(), request, decision, nanos, event.auditArguments());
      }
    } catch (Throwable e) {
      LOG.warn("could not publish the decision event; listeners skipped", e);
      return requiredAudit == null
          ? decision
          : Decision.denial(Reason.AUDIT_UNAVAILABLE, decision.policyVersion())
              .detail("the decision could not be audited, so it is denied")
              .build();
    }
    for (DecisionListener l : listeners) {
      if (l == requiredAudit) {
        continue;
      }
      try {
        l.onDecision(event);
      } catch (Throwable t) {
        LOG.warn("decision listener {} failed; the decision stands", l, t);
      }
    }
    return decision;
  }

  /** How many calls were denied because the required audit queue could not take their record. */
  public long auditRefusals() {
    return auditRefusals.sum();
  }

  /** Configures a {@link DecisionEngine}; each setting may be given once. */
  public static final class Builder {
    static final long DEFAULT_CACHE_SIZE = 100_000;

    private final Policy policy;
    private InstantSource clock;
    private ZoneId zone;
    private long cacheSize = -1;
    private final List<DecisionListener> listeners = new ArrayList<>();
    private DecisionListener requiredAudit;
    private boolean measureLatency;
    private boolean measureLatencySet;
    private boolean recordStats;
    private io.toolgate.spi.LimitStore limitStore;
    private io.toolgate.spi.DecisionGate gate;

    private Builder(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The clock for expiry and time conditions (default: the system clock). */
    public Builder clock(InstantSource value) {
      if (clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The zone of the {@code hour} and {@code weekday} environment values (default UTC). */
    public Builder zone(ZoneId value) {
      if (zone != null) {
        throw new IllegalStateException("zone was already set");
      }
      this.zone = Objects.requireNonNull(value, "zone");
      return this;
    }

    /**
     * The most residuals cached at once (default {@value #DEFAULT_CACHE_SIZE}); 0 turns caching
     * off, so every decision is computed from the policy.
     */
    public Builder cacheSize(long entries) {
      if (cacheSize >= 0) {
        throw new IllegalStateException("cacheSize was already set");
      }
      if (entries < 0) {
        throw new IllegalArgumentException("cacheSize must be >= 0, was " + entries);
      }
      this.cacheSize = entries;
      return this;
    }

    /** Adds a listener that hears every decision. */
    public Builder listener(DecisionListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Audits every decision through {@code audit} and denies a call whose record the audit queue
     * cannot take (full or closed) with {@link Reason#AUDIT_UNAVAILABLE}, for regimes that demand
     * "no audit record, no action". Without this, a full queue drops the record and counts it.
     */
    public Builder requireAudit(DecisionListener audit) {
      if (requiredAudit != null) {
        throw new IllegalStateException("requireAudit was already set");
      }
      this.requiredAudit = Objects.requireNonNull(audit, "audit");
      listeners.add(audit);
      return this;
    }

    /**
     * Whether decision events carry how long deciding took (default false: reading the monotonic
     * clock twice per call costs more than a cached decision does; events then carry -1).
     */
    public Builder measureLatency(boolean value) {
      if (measureLatencySet) {
        throw new IllegalStateException("measureLatency was already set");
      }
      this.measureLatencySet = true;
      this.measureLatency = value;
      return this;
    }

    /**
     * Where the counters of the policy's {@link Limit}s live (default: a {@link LocalLimitStore}
     * over this engine's clock, counting in this process). The store outlives policy swaps: a limit
     * a new policy keeps unchanged keeps its counters. Plug in a shared store to count limits
     * across a fleet of engines; any exception it throws denies the call ({@link Reason#ERROR}).
     */
    public Builder limitStore(io.toolgate.spi.LimitStore store) {
      if (limitStore != null) {
        throw new IllegalStateException("limitStore was already set");
      }
      this.limitStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Counts decisions per reason, residual cache hits and misses, and the residuals built with
     * their time, for {@link DecisionEngine#stats()} (default off, as with Caffeine's {@code
     * recordStats()}: without it a cached decision writes nothing shared). Each count is a striped
     * {@link LongAdder}, so threads deciding at once do not contend on one counter.
     */
    public Builder recordStats() {
      if (recordStats) {
        throw new IllegalStateException("recordStats was already set");
      }
      this.recordStats = true;
      return this;
    }

    /**
     * A gate every decision passes first (default: none): while it is closed, every call is denied
     * with {@link Reason#FLEET_UNAVAILABLE}, cached or not. A fleet replica closes it when its kill
     * switches may be stale. The engine asks it once per decision, so it must be as cheap as one
     * volatile read.
     */
    public Builder gate(io.toolgate.spi.DecisionGate value) {
      if (gate != null) {
        throw new IllegalStateException("gate was already set");
      }
      this.gate = Objects.requireNonNull(value, "gate");
      return this;
    }

    /** Builds the engine; the builder is left unchanged. */
    public DecisionEngine build() {
      return new DecisionEngine(this);
    }
  }
}
