package io.toolgate.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.toolgate.Decision;
import io.toolgate.DecisionError;
import io.toolgate.DelegationChain;
import io.toolgate.KillSwitchSnapshot;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.spi.LimitStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind {@code DecisionEngine}: one immutable policy state with its residual cache,
 * the live kill switches, and the write lock that orders changes. The facade checks arguments and
 * publishes decisions to listeners; everything that decides lives here.
 *
 * <p>Cached residuals are built as if nothing were switched and carry the switches they depend on,
 * which a hit reads; a policy swap builds a new state with an empty cache; a kill switch writes one
 * volatile field (see {@link Switchboard}). Any exception inside a decision becomes a denial with
 * {@link Reason#ERROR}.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger("io.toolgate.DecisionEngine");

  private final InstantSource clock;
  private final ZoneId zone;
  private final long cacheSize;
  private final Decision.Minter minter;
  private final LimitStore limitStore;
  private final Object writeLock = new Object();
  private final Switchboard switches = new Switchboard();
  private volatile State state;

  /**
   * An engine over {@code policy}.
   *
   * @param cacheSize the most residuals cached at once; 0 turns caching off
   * @param minter the capability to build allow decisions
   * @param limitStore where the counters of the policy's limits live; it outlives policy swaps
   */
  public Engine(
      Policy policy,
      InstantSource clock,
      ZoneId zone,
      long cacheSize,
      Decision.Minter minter,
      LimitStore limitStore) {
    this.clock = clock;
    this.zone = zone;
    this.cacheSize = cacheSize;
    this.minter = minter;
    this.limitStore = limitStore;
    this.state = new State(policy, switches, cacheSize, minter, limitStore);
  }

  /** The subject key of a chain: the bare principal id for a one-hop chain, else the chain. */
  public static Object subject(DelegationChain chain) {
    return CacheKey.subject(chain);
  }

  /** The milliseconds since the epoch of the engine's clock. */
  public long millis() {
    return clock.millis();
  }

  /**
   * Decides; never throws.
   *
   * @param subject a principal id or a chain, from {@link #subject}
   * @param request the request, or null for a call without arguments or environment values
   */
  public Decision decide(
      Object subject, ToolId tool, ResourceId resource, Session session, Request request) {
    State s = state;
    try {
      return s.decide(subject, tool, resource, session, clock, zone, request);
    } catch (Throwable t) {
      return failed(s, subject, tool, resource, t);
    }
  }

  /**
   * Whether a call without arguments or environment values is allowed outright (an allow that
   * awaits approval is not); never throws.
   */
  public boolean allows(Object subject, ToolId tool, ResourceId resource) {
    State s = state;
    try {
      return s.allows(subject, tool, resource, clock, zone);
    } catch (Throwable t) {
      failed(s, subject, tool, resource, t);
      return false;
    }
  }

  /** The policy decisions are made from now. */
  public Policy policy() {
    return state.policy;
  }

  /** Replaces the policy atomically; returns the one replaced. */
  public Policy replacePolicy(Policy policy) {
    synchronized (writeLock) {
      Policy old = state.policy;
      state = new State(policy, switches, cacheSize, minter, limitStore);
      LOG.info("policy {} replaced by {}", old.version(), policy.version());
      return old;
    }
  }

  /** Suspends a principal. */
  public void suspend(String principalId) {
    changePrincipal(principalId, s -> s.suspend(principalId), "suspended principal " + principalId);
  }

  /** Lifts a suspension made with {@link #suspend}. */
  public void reinstate(String principalId) {
    changePrincipal(
        principalId, s -> s.reinstate(principalId), "reinstated principal " + principalId);
  }

  /** Decommissions a principal for the life of this engine. */
  public void decommission(String principalId) {
    changePrincipal(
        principalId, s -> s.decommission(principalId), "decommissioned principal " + principalId);
  }

  /** Disables a tool. */
  public void disableTool(ToolId tool) {
    change(s -> s.disable(tool), "disabled tool " + tool);
  }

  /** Re-enables a tool. */
  public void enableTool(ToolId tool) {
    change(s -> s.enable(tool), "enabled tool " + tool);
  }

  /** Revokes a delegation id, remembered until every hop seen carrying it has expired. */
  public void revokeDelegation(String delegationId) {
    change(
        s -> s.revoke(delegationId, Switch.HORIZON_UNKNOWN), "revoked delegation " + delegationId);
  }

  /** Revokes a delegation id that no delegation carries after {@code validUntil}. */
  public void revokeDelegation(String delegationId, Instant validUntil) {
    change(
        s -> s.revoke(delegationId, Expiry.millis(validUntil)),
        "revoked delegation " + delegationId + " (valid until " + validUntil + ")");
  }

  /** The kill switches in force now. */
  public KillSwitchSnapshot killSwitches() {
    return switches.snapshot();
  }

  /** How many revoked delegation ids are remembered now. */
  public int revokedDelegationsRemembered() {
    return switches.revokedCount();
  }

  /** The number of residuals cached now (an estimate; 0 when caching is off). */
  public long cachedResiduals() {
    Cache<CacheKey, CachedResidual> cache = state.cache;
    return cache == null ? 0 : cache.estimatedSize();
  }

  /**
   * Whether some call of {@code tool} through {@code chain} could be allowed now, on some resource
   * ({@link Reachability}); false when the question itself fails.
   */
  public boolean mayInvokeSome(DelegationChain chain, ToolId tool, Session session) {
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

  /**
   * A principal's switch changes: the switchboard and the current state's packed bits, under one
   * lock.
   */
  private void changePrincipal(String principalId, Consumer<Switchboard> f, String what) {
    change(
        s -> {
          f.accept(s);
          state.principalStates.set(principalId, s.principalState(principalId));
        },
        what);
  }

  private Decision failed(State s, Object subject, ToolId tool, ResourceId resource, Throwable t) {
    LOG.error("decision for {} calling {} on {} failed; denying", subject, tool, resource, t);
    String message =
        t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return Decision.denial(Reason.ERROR, s.policy.version())
        .errors(List.of(new DecisionError("engine", message)))
        .detail("evaluation failed, so the engine denies")
        .build();
  }

  /**
   * One policy snapshot and the residual cache that belongs to it: a bounded Caffeine cache,
   * fronted by a set-associative table of recent residuals. Cached residuals are built without kill
   * switches ({@link KillSwitches#NONE}) and carry the switches they depend on; the live compiler
   * decides with the engine's switches, for an uncached engine and for hits whose switches are on.
   */
  private static final class State {
    final Policy policy;
    final Cache<CacheKey, CachedResidual> cache;
    final HotResiduals hot;
    final Function<CacheKey, CachedResidual> loader;
    final ResidualCompiler live;
    final Dependencies deps;
    final PrincipalStates principalStates;

    /** The policy's limits, or null when it has none: then a decision costs one branch more. */
    final Limiter limiter;

    State(
        Policy policy,
        Switchboard switches,
        long cacheSize,
        Decision.Minter minter,
        LimitStore limitStore) {
      this.policy = policy;
      Limiter limiter = Limiter.of(policy, limitStore);
      this.limiter = limiter;
      this.live = new ResidualCompiler(policy, switches, minter);
      ResidualCompiler unswitched = new ResidualCompiler(policy, KillSwitches.NONE, minter);
      this.principalStates = new PrincipalStates(policy, switches);
      Dependencies deps = new Dependencies(policy, switches, principalStates);
      this.deps = deps;
      this.loader =
          key -> {
            DelegationChain chain = key.chain();
            return deps.entry(
                key,
                chain,
                unswitched.compile(chain, key.tool(), key.resource(), key.session()),
                limiter);
          };
      this.cache = cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).build();
      this.hot = cacheSize == 0 ? null : new HotResiduals(cacheSize);
    }

    /**
     * The decision of a call whose cached residual depends on a switch that is on: from the policy
     * and the live switches.
     */
    Decision live(CachedResidual e, InstantSource clock, ZoneId zone, Request request) {
      DelegationChain chain =
          e.subject instanceof DelegationChain c ? c : DelegationChain.of((String) e.subject);
      Residual r = live.compile(chain, e.tool, e.resource, e.session);
      Decision constant = r.constantOrNull();
      return constant != null ? constant : r.apply(clock, zone, request);
    }

    /**
     * The decision for these parts: from the cached residual unless a switch it depends on is on;
     * without a cache, built from the policy and the live switches every time.
     */
    Decision decide(
        Object subject,
        ToolId tool,
        ResourceId resource,
        Session session,
        InstantSource clock,
        ZoneId zone,
        Request request) {
      if (cache == null) {
        DelegationChain chain =
            subject instanceof DelegationChain c ? c : DelegationChain.of((String) subject);
        deps.learn(chain);
        Residual r = live.compile(chain, tool, resource, session);
        Decision constant = r.constantOrNull();
        Decision d = constant != null ? constant : r.apply(clock, zone, request);
        return limiter == null ? d : limiter.admit(d, null, subject, tool);
      }
      CachedResidual e = entry(subject, tool, resource, session);
      if (e.switched()) {
        Decision d = live(e, clock, zone, request);
        return limiter == null ? d : limiter.admit(d, null, subject, tool);
      }
      Decision d = e.constant != null ? e.constant : e.residual.apply(clock, zone, request);
      // Limits are counted after the residual, for allowed calls only: a cached decision stays
      // exact, and a policy without limits pays this one branch.
      return limiter == null
          ? d
          : limiter.admit(d, d == e.constant ? e.counters : null, subject, tool);
    }

    /**
     * The cached residual for these parts: from the hot table (no allocation, no bookkeeping), else
     * from Caffeine (promoted to the table), else built and cached.
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
    boolean allows(
        Object subject, ToolId tool, ResourceId resource, InstantSource clock, ZoneId zone) {
      if (cache == null || limiter != null) {
        return decide(subject, tool, resource, Session.DEFAULT, clock, zone, null)
            .isAllowedOutright();
      }
      CachedResidual e = entry(subject, tool, resource, Session.DEFAULT);
      if (e.switched()) {
        return live(e, clock, zone, null).isAllowedOutright();
      }
      return e.constant != null
          ? e.constantAllows
          : e.residual.apply(clock, zone, null).isAllowedOutright();
    }
  }
}
