package io.toolgate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * each refers to the switches of the principals, tool and delegation ids it depends on, which a
 * hit reads; so a switch costs O(1) and touches only the decisions that depend on it. Either way,
 * every decision that starts after such a call returns sees the change; decisions already running
 * finish against what they started with.
 *
 * <p>Decisions never throw for evaluation problems: unknown principals, tools and resources are
 * denied with a reason, and any exception inside a decision (a plug-in, a condition, the cache)
 * is logged and becomes a denial with reason {@link Reason#ERROR}. Listeners cannot change a
 * decision. Only null arguments throw ({@link NullPointerException}).
 */
public final class DecisionEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionEngine.class);

  private final InstantSource clock;
  private final ZoneId zone;
  private final long cacheSize;
  private final DecisionListener[] listeners;
  /** Must take every event, else the call is denied (AUDIT_UNAVAILABLE); null when not required. */
  private final AsyncDecisionListener requiredAudit;
  private final boolean measureLatency;
  private final LongAdder auditRefusals = new LongAdder();
  private final Object writeLock = new Object();
  private final Switchboard switches = new Switchboard();
  private volatile State state;

  private DecisionEngine(Builder b) {
    this.clock = b.clock != null ? b.clock : InstantSource.system();
    this.zone = b.zone != null ? b.zone : ZoneOffset.UTC;
    this.cacheSize = b.cacheSize >= 0 ? b.cacheSize : Builder.DEFAULT_CACHE_SIZE;
    this.listeners = b.listeners.toArray(new DecisionListener[0]);
    this.requiredAudit = b.requiredAudit;
    this.measureLatency = b.measureLatency;
    this.state = new State(b.policy, switches, cacheSize);
  }

  /** Starts an engine over {@code policy}. */
  public static Builder builder(Policy policy) {
    return new Builder(policy);
  }

  /** Whether {@code principalId}, acting for itself, may invoke {@code tool} on {@code resource}. */
  public boolean canInvoke(String principalId, ToolId tool, ResourceId resource) {
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    if (listeners.length != 0) {
      return decide(Request.of(principalId, tool, resource)).isAllowed();
    }
    State s = state;
    try {
      return s.allows(principalId, tool, resource, clock, zone);
    } catch (Throwable t) {
      failed(s, principalId, tool, resource, t);
      return false;
    }
  }

  /** Whether the last principal of {@code chain}, acting through it, may invoke {@code tool} on {@code resource}. */
  public boolean canInvoke(DelegationChain chain, ToolId tool, ResourceId resource) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    if (listeners.length != 0) {
      return decide(Request.of(chain, tool, resource)).isAllowed();
    }
    State s = state;
    try {
      return s.allows(CacheKey.subject(chain), tool, resource, clock, zone);
    } catch (Throwable t) {
      failed(s, chain, tool, resource, t);
      return false;
    }
  }

  /** Decides a direct call with no arguments. */
  public Decision decide(String principalId, ToolId tool, ResourceId resource) {
    return decide(Request.of(principalId, tool, resource));
  }

  /** Decides a request, explaining the answer. */
  public Decision decide(Request request) {
    Objects.requireNonNull(request, "request");
    State s = state;
    boolean heard = listeners.length != 0;
    long start = heard && measureLatency ? System.nanoTime() : 0;
    Decision decision;
    try {
      decision = s.decide(CacheKey.subject(request.chain()), request.tool(), request.resource(),
          request.session(), clock, zone, request);
    } catch (Throwable t) {
      decision = failed(s, request.chain(), request.tool(), request.resource(), t);
    }
    if (heard) {
      decision = publish(request, decision, measureLatency ? System.nanoTime() - start : -1);
    }
    return decision;
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

  /** The policy snapshot decisions are made from now. */
  public Policy policy() {
    return state.policy;
  }

  /**
   * Replaces the policy atomically. Every decision that starts after this returns uses the new
   * policy; kill switches stay in force.
   *
   * @return the policy that was replaced
   */
  public Policy replacePolicy(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    synchronized (writeLock) {
      Policy old = state.policy;
      state = new State(policy, switches, cacheSize);
      LOG.info("policy {} replaced by {}", old.version(), policy.version());
      return old;
    }
  }

  /** Suspends a principal: it, every agent it owns, and every chain through it are denied until {@link #reinstate}. */
  public void suspend(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    changePrincipal(principalId, s -> s.suspend(principalId), "suspended principal " + principalId);
  }

  /** Lifts a suspension made with {@link #suspend}; a suspension stated in the policy stays. */
  public void reinstate(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    changePrincipal(principalId, s -> s.reinstate(principalId), "reinstated principal " + principalId);
  }

  /** Decommissions a principal for the life of this engine: there is no way back. */
  public void decommission(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    changePrincipal(principalId, s -> s.decommission(principalId), "decommissioned principal " + principalId);
  }

  /** Disables a tool for everyone until {@link #enableTool}. */
  public void disableTool(ToolId tool) {
    Objects.requireNonNull(tool, "tool");
    change(s -> s.disable(tool), "disabled tool " + tool);
  }

  /** Re-enables a tool disabled with {@link #disableTool}. */
  public void enableTool(ToolId tool) {
    Objects.requireNonNull(tool, "tool");
    change(s -> s.enable(tool), "enabled tool " + tool);
  }

  /**
   * Revokes a delegation by id: every chain with a hop carrying it is denied from now on
   * ({@link Reason#DELEGATION_REVOKED}). The engine remembers the id until every hop it has seen
   * carrying it has expired (after which those chains are denied by their own expiry), and for
   * the life of the engine when it saw a hop without expiry, or none at all: ids of delegations
   * that carry an expiry cost memory only while they could still be used. Use
   * {@link #revokeDelegation(String, Instant)} to revoke an id before any chain carrying it was
   * decided.
   */
  public void revokeDelegation(String delegationId) {
    Objects.requireNonNull(delegationId, "delegationId");
    change(s -> s.revoke(delegationId, Switch.HORIZON_UNKNOWN), "revoked delegation " + delegationId);
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
    change(s -> s.revoke(delegationId, Expiry.millis(validUntil)),
        "revoked delegation " + delegationId + " (valid until " + validUntil + ")");
  }

  /** The kill switches in force now. */
  public KillSwitchSnapshot killSwitches() {
    return switches.snapshot();
  }

  /** How many revoked delegation ids the engine remembers now (for tests of the memory bound). */
  int revokedDelegationsRemembered() {
    return switches.revokedCount();
  }

  /** The number of residuals cached now (an estimate; 0 when caching is off). */
  public long cachedResiduals() {
    Cache<CacheKey, CachedResidual> cache = state.cache;
    return cache == null ? 0 : cache.estimatedSize();
  }

  /**
   * Whether some call of {@code tool} through {@code chain} could be allowed now, on some resource
   * ({@link Reachability}); false when the question itself fails. For tool visibility only.
   */
  boolean mayInvokeSome(DelegationChain chain, ToolId tool, Session session) {
    State s = state;
    try {
      return new Reachability(s.policy, switches, clock.millis()).reachable(chain, tool, session);
    } catch (Throwable t) {
      LOG.error("visibility of {} for {} failed; hiding it", tool, chain, t);
      return false;
    }
  }

  private void change(Consumer<Switchboard> f, String what) {
    synchronized (writeLock) {
      f.accept(switches);
      switches.forgetExpired(clock.millis());
    }
    LOG.warn("kill switch: {}", what);
  }

  /** A principal's switch changes: the switchboard and the current state's packed bits, under one lock. */
  private void changePrincipal(String principalId, Consumer<Switchboard> f, String what) {
    change(s -> {
      f.accept(s);
      state.principalStates.set(principalId, s.principalState(principalId));
    }, what);
  }

  private Decision failed(State s, Object subject, ToolId tool, ResourceId resource, Throwable t) {
    LOG.error("decision for {} calling {} on {} failed; denying", subject, tool, resource, t);
    String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return Decision.builder(Effect.DENY, Reason.ERROR, s.policy.version())
        .errors(List.of(new DecisionError("engine", message)))
        .detail("evaluation failed, so the engine denies").build();
  }

  /**
   * Hands the decision to the listeners; returns it, or a denial when a required audit could not
   * take it.
   */
  private Decision publish(Request request, Decision decision, long nanos) {
    DecisionEvent event;
    try {
      event = new DecisionEvent(clock.millis(), request, decision, nanos);
      if (requiredAudit != null && !requiredAudit.offer(event)) {
        auditRefusals.increment();
        decision = Decision.builder(Effect.DENY, Reason.AUDIT_UNAVAILABLE, decision.policyVersion())
            .detail("the audit queue could not take the record of this call, so it is denied").build();
        event = new DecisionEvent(event.epochMillis(), request, decision, nanos);
      }
    } catch (Throwable e) {
      LOG.warn("could not publish the decision event; listeners skipped", e);
      return requiredAudit == null ? decision : Decision.builder(Effect.DENY, Reason.AUDIT_UNAVAILABLE,
          decision.policyVersion()).detail("the decision could not be audited, so it is denied").build();
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

  /**
   * One policy snapshot and the residual cache that belongs to it: a bounded Caffeine cache,
   * fronted by a set-associative table of recent residuals. Cached residuals are built without
   * kill switches ({@link KillSwitches#NONE}) and carry the switches they depend on; the live
   * compiler decides with the engine's switches, for an uncached engine and for hits whose
   * switches are on.
   */
  private static final class State {
    final Policy policy;
    final Cache<CacheKey, CachedResidual> cache;
    final HotResiduals hot;
    final Function<CacheKey, CachedResidual> loader;
    final ResidualCompiler live;
    final Dependencies deps;
    final PrincipalStates principalStates;

    State(Policy policy, Switchboard switches, long cacheSize) {
      this.policy = policy;
      this.live = new ResidualCompiler(policy, switches);
      ResidualCompiler unswitched = new ResidualCompiler(policy, KillSwitches.NONE);
      this.principalStates = new PrincipalStates(policy, switches);
      Dependencies deps = new Dependencies(policy, switches, principalStates);
      this.deps = deps;
      this.loader = key -> {
        DelegationChain chain = key.chain();
        return deps.entry(key, chain, unswitched.compile(chain, key.tool(), key.resource(), key.session()));
      };
      this.cache = cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).build();
      this.hot = cacheSize == 0 ? null : new HotResiduals(cacheSize);
    }

    /** The decision of a call whose cached residual depends on a switch that is on: from the policy and the live switches. */
    Decision live(CachedResidual e, InstantSource clock, ZoneId zone, Request request) {
      DelegationChain chain = e.subject instanceof DelegationChain c ? c : DelegationChain.of((String) e.subject);
      Residual r = live.compile(chain, e.tool, e.resource, e.session);
      Decision constant = r.constantOrNull();
      return constant != null ? constant : r.apply(clock, zone, request);
    }

    /**
     * The decision for these parts: from the cached residual unless a switch it depends on is on;
     * without a cache, built from the policy and the live switches every time.
     *
     * @param request the request, or null for a call without arguments or environment values
     */
    Decision decide(Object subject, ToolId tool, ResourceId resource, Session session,
        InstantSource clock, ZoneId zone, Request request) {
      if (cache == null) {
        DelegationChain chain = subject instanceof DelegationChain c ? c : DelegationChain.of((String) subject);
        deps.learn(chain);
        Residual r = live.compile(chain, tool, resource, session);
        Decision constant = r.constantOrNull();
        return constant != null ? constant : r.apply(clock, zone, request);
      }
      CachedResidual e = entry(subject, tool, resource, session);
      if (e.switched()) {
        return live(e, clock, zone, request);
      }
      return e.constant != null ? e.constant : e.residual.apply(clock, zone, request);
    }

    /**
     * The cached residual for these parts: from the hot table (no allocation, no bookkeeping),
     * else from Caffeine (promoted to the table), else built and cached.
     */
    CachedResidual entry(Object subject, ToolId tool, ResourceId resource, Session session) {
      int hash = CacheKey.hash(subject, tool, resource, session);
      CachedResidual e = hot.get(subject, tool, resource, session, hash);
      if (e == null) {
        e = cache.get(new CacheKey(subject, tool, resource, session, hash), loader);
        hot.put(e);
      }
      return e;
    }

    /** Whether a call with no arguments and no environment values is allowed. */
    boolean allows(Object subject, ToolId tool, ResourceId resource, InstantSource clock, ZoneId zone) {
      if (cache == null) {
        return decide(subject, tool, resource, Session.DEFAULT, clock, zone, null).isAllowed();
      }
      CachedResidual e = entry(subject, tool, resource, Session.DEFAULT);
      if (e.switched()) {
        return live(e, clock, zone, null).isAllowed();
      }
      return e.constant != null ? e.constantAllows : e.residual.apply(clock, zone, null).isAllowed();
    }
  }

  /** Configures a {@link DecisionEngine}; each setting may be given once. */
  public static final class Builder {
    static final long DEFAULT_CACHE_SIZE = 100_000;

    private final Policy policy;
    private InstantSource clock;
    private ZoneId zone;
    private long cacheSize = -1;
    private final List<DecisionListener> listeners = new ArrayList<>();
    private AsyncDecisionListener requiredAudit;
    private boolean measureLatency;
    private boolean measureLatencySet;

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
     * The most residuals cached at once (default {@value #DEFAULT_CACHE_SIZE}); 0 turns caching off,
     * so every decision is computed from the policy.
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
    public Builder requireAudit(AsyncDecisionListener audit) {
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

    /** Builds the engine; the builder is left unchanged. */
    public DecisionEngine build() {
      return new DecisionEngine(this);
    }
  }
}
