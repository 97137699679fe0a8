package io.toolgate.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.toolgate.CanarySlice;
import io.toolgate.Decision;
import io.toolgate.DecisionError;
import io.toolgate.DelegationChain;
import io.toolgate.Divergence;
import io.toolgate.KillSwitchSnapshot;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ShadowReport;
import io.toolgate.ToolId;
import io.toolgate.spi.DecisionGate;
import io.toolgate.spi.LimitStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  /** The engine's counters, or null when it records no stats (then nothing shared is written). */
  private final StatsCounter stats;

  /** Asked before every decision; null when there is none (then a decision pays one branch). */
  private final DecisionGate gate;

  private final Object writeLock = new Object();
  private final Switchboard switches = new Switchboard();
  private volatile State state;

  /** The candidate policy of a shadow run or a canary, or null (see {@link Candidate}). */
  private volatile Candidate candidate;

  /** The final report of the last shadow run stopped. */
  private volatile ShadowReport lastShadowReport = ShadowReport.empty();

  /**
   * An engine over {@code policy}.
   *
   * @param cacheSize the most residuals cached at once; 0 turns caching off
   * @param minter the capability to build allow decisions
   * @param limitStore where the counters of the policy's limits live; it outlives policy swaps
   * @param stats the counters of cache lookups and residual builds, or null to count nothing
   * @param gate asked before every decision, or null
   */
  public Engine(
      Policy policy,
      InstantSource clock,
      ZoneId zone,
      long cacheSize,
      Decision.Minter minter,
      LimitStore limitStore,
      StatsCounter stats,
      DecisionGate gate) {
    this.gate = gate;
    this.clock = clock;
    this.zone = zone;
    this.cacheSize = cacheSize;
    this.minter = minter;
    this.limitStore = limitStore;
    this.stats = stats;
    this.state = new State(policy, switches, cacheSize, minter, limitStore, stats);
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
    Candidate c = candidate;
    try {
      if (gate != null) {
        String closed = gate.closedBecause();
        if (closed != null) {
          if (stats != null) {
            stats.skippedCache();
          }
          return gateClosed(s, closed);
        }
      }
      if (c == null) {
        return s.decide(subject, tool, resource, session, clock, zone, request);
      }
      return withCandidate(c, s, subject, tool, resource, session, request);
    } catch (Throwable t) {
      return failed(s, subject, tool, resource, t);
    }
  }

  /** A decision while a candidate runs: routed (canary), or decided and handed over (shadow). */
  private Decision withCandidate(
      Candidate c,
      State s,
      Object subject,
      ToolId tool,
      ResourceId resource,
      Session session,
      Request request) {
    if (c.shadow == null) {
      return c.route(s, subject).decide(subject, tool, resource, session, clock, zone, request);
    }
    Decision d = s.decide(subject, tool, resource, session, clock, zone, request);
    try {
      c.shadow.offer(clock, subject, tool, resource, session, request, d);
    } catch (Throwable t) {
      LOG.warn("could not hand a decision to the shadow run; it is skipped", t); // d stands
    }
    return d;
  }

  /**
   * Whether a call without arguments or environment values is allowed outright (an allow that
   * awaits approval is not); never throws.
   */
  public boolean allows(Object subject, ToolId tool, ResourceId resource) {
    if (candidate != null) {
      return decide(subject, tool, resource, Session.DEFAULT, null).isAllowedOutright();
    }
    State s = state;
    try {
      if (gate != null && gate.closedBecause() != null) {
        return false;
      }
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
      state = new State(policy, switches, cacheSize, minter, limitStore, stats);
      Candidate c = candidate;
      if (c != null && c.routed != null) {
        candidate = c.routedFor(policy); // the slice draws from the new policy's principals too
      }
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
    Candidate c = candidate;
    if (c != null && c.shadow == null) {
      s = c.route(s, chain.origin());
    }
    try {
      return new Reachability(s.policy, switches, clock.millis()).reachable(chain, tool, session);
    } catch (Throwable t) {
      LOG.error("visibility of {} for {} failed; hiding it", tool, chain, t);
      return false;
    }
  }

  /**
   * Starts a shadow run of {@code policy}, replacing any candidate: a sample of decisions is
   * decided again against it on a thread of its own (no limits counted), and each divergence goes
   * to {@code sink} on that thread.
   */
  public void startShadow(
      Policy policy, double sampleRate, int queueCapacity, Consumer<Divergence> sink) {
    Candidate old;
    synchronized (writeLock) {
      old = candidate;
      State cs = new State(policy, switches, cacheSize, minter, null, null);
      ShadowRunner runner =
          new ShadowRunner(
              sampleRate,
              queueCapacity,
              p -> {
                try {
                  return cs.decide(
                      p.subject(),
                      p.tool(),
                      p.resource(),
                      p.session(),
                      InstantSource.fixed(Instant.ofEpochMilli(p.millis())),
                      zone,
                      p.request());
                } catch (Throwable t) {
                  return failed(cs, p.subject(), p.tool(), p.resource(), t);
                }
              },
              sink);
      candidate = new Candidate(cs, null, null, runner);
    }
    stopped(old);
    LOG.info("shadow run of policy {} started (sample rate {})", policy.version(), sampleRate);
  }

  /**
   * Starts a canary of {@code policy}, replacing any candidate: it decides every call whose origin
   * is in {@code slice}, the active policy every other.
   */
  public void startCanary(Policy policy, CanarySlice slice) {
    Candidate old;
    synchronized (writeLock) {
      old = candidate;
      State cs = new State(policy, switches, cacheSize, minter, limitStore, stats);
      candidate = new Candidate(cs, slice, null, null).routedFor(state.policy);
    }
    stopped(old);
    LOG.info("canary of policy {} started for {}", policy.version(), slice);
  }

  /**
   * Makes the candidate the active policy (with a fresh state) and ends the shadow run or canary.
   *
   * @return the policy that was active
   * @throws IllegalStateException if no candidate runs
   */
  public Policy promote() {
    Candidate c;
    Policy old;
    synchronized (writeLock) {
      c = requireCandidate();
      old = state.policy;
      // State first: a decision that still reads the old candidate routes to the same policy.
      state = new State(c.state.policy, switches, cacheSize, minter, limitStore, stats);
      candidate = null;
    }
    stopped(c);
    LOG.info("candidate policy {} promoted over {}", c.state.policy.version(), old.version());
    return old;
  }

  /**
   * Drops the candidate and ends the shadow run or canary; the active policy stays.
   *
   * @return the candidate policy dropped
   * @throws IllegalStateException if no candidate runs
   */
  public Policy rollback() {
    Candidate c;
    synchronized (writeLock) {
      c = requireCandidate();
      candidate = null;
    }
    stopped(c);
    LOG.info("candidate policy {} rolled back", c.state.policy.version());
    return c.state.policy;
  }

  /** The candidate policy, or null when none runs. */
  public Policy candidatePolicy() {
    Candidate c = candidate;
    return c == null ? null : c.state.policy;
  }

  /** Whether the candidate runs in shadow (true), as a canary (false); null when none runs. */
  public Boolean candidateInShadow() {
    Candidate c = candidate;
    return c == null ? null : c.shadow != null;
  }

  /** The report of the shadow run now, or of the last one stopped. */
  public ShadowReport shadowReport() {
    Candidate c = candidate;
    return c != null && c.shadow != null ? c.shadow.report() : lastShadowReport;
  }

  private Candidate requireCandidate() {
    Candidate c = candidate;
    if (c == null) {
      throw new IllegalStateException("no candidate policy runs: start a shadow run or a canary");
    }
    return c;
  }

  /** Ends a replaced candidate's shadow run, if any, outside the write lock (it may wait). */
  private void stopped(Candidate c) {
    if (c != null && c.shadow != null) {
      lastShadowReport = c.shadow.stop(SHADOW_STOP_TIMEOUT);
    }
  }

  private static final Duration SHADOW_STOP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A candidate policy beside the active one: its own state (cache, principal states; the
   * switchboard is the engine's, so kill switches hold for it too), and either the origins it
   * decides for (a canary) or the shadow run that compares it.
   */
  private static final class Candidate {
    final State state;
    final CanarySlice slice;

    /** Canary: the origin ids the candidate decides for; null in shadow. */
    final Set<String> routed;

    /** Shadow: the run; null for a canary. */
    final ShadowRunner shadow;

    Candidate(State state, CanarySlice slice, Set<String> routed, ShadowRunner shadow) {
      this.state = state;
      this.slice = slice;
      this.routed = routed;
      this.shadow = shadow;
    }

    /**
     * This canary with its slice drawn, once, from the principals of both policies: only a
     * principal a policy defines can be allowed anything, so membership is a set lookup on the
     * decision path instead of a hash per call. Others are routed to the active policy.
     */
    Candidate routedFor(Policy active) {
      Set<String> in = new HashSet<>();
      if (slice instanceof CanarySlice.Named named) {
        in.addAll(named.origins());
      } else {
        for (Policy p : List.of(active, state.policy)) {
          for (Principal principal : p.principals()) {
            if (slice.contains(principal.id())) {
              in.add(principal.id());
            }
          }
        }
      }
      return new Candidate(state, slice, Set.copyOf(in), null);
    }

    /** The state deciding for {@code subject} (a principal id or a chain). */
    State route(State active, Object subject) {
      String origin = subject instanceof DelegationChain chain ? chain.origin() : (String) subject;
      return routed.contains(origin) ? state : active;
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
          Candidate c = candidate;
          if (c != null) {
            c.state.principalStates.set(principalId, s.principalState(principalId));
          }
        },
        what);
  }

  private static Decision gateClosed(State s, String why) {
    return Decision.denial(Reason.FLEET_UNAVAILABLE, s.policy.version()).detail(why).build();
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

    /** The hot table in front of the cache ({@link HotResiduals}), or null without a cache. */
    final CachedResidual[] hot;

    final Function<CacheKey, CachedResidual> loader;
    final ResidualCompiler live;
    final Dependencies deps;
    final PrincipalStates principalStates;

    /** The policy's limits, or null when it has none: then a decision costs one branch more. */
    final Limiter limiter;

    /** The engine's counters, or null. */
    final StatsCounter stats;

    State(
        Policy policy,
        Switchboard switches,
        long cacheSize,
        Decision.Minter minter,
        LimitStore limitStore,
        StatsCounter stats) {
      this.policy = policy;
      this.stats = stats;
      Limiter limiter = limitStore == null ? null : Limiter.of(policy, limitStore);
      this.limiter = limiter;
      this.live = new ResidualCompiler(policy, switches, minter);
      ResidualCompiler unswitched = new ResidualCompiler(policy, KillSwitches.NONE, minter);
      this.principalStates = new PrincipalStates(policy, switches);
      Dependencies deps = new Dependencies(policy, switches, principalStates);
      this.deps = deps;
      this.loader =
          key -> {
            long start = 0;
            if (stats != null) {
              stats.miss(); // counted first: a build that throws was a miss too
              start = System.nanoTime();
            }
            DelegationChain chain = key.chain();
            CachedResidual built =
                deps.entry(
                    key,
                    chain,
                    unswitched.compile(chain, key.tool(), key.resource(), key.session()),
                    limiter);
            if (stats != null) {
              stats.compiled(start);
            }
            return built;
          };
      this.cache = cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).build();
      this.hot = cacheSize == 0 ? null : HotResiduals.table(cacheSize);
    }

    /**
     * The decision of a call whose cached residual depends on a switch that is on: from the policy
     * and the live switches.
     */
    Decision live(CachedResidual e, InstantSource clock, ZoneId zone, Request request) {
      DelegationChain chain =
          e.subject instanceof DelegationChain c ? c : DelegationChain.of((String) e.subject);
      Residual r = compileLive(chain, e.tool, e.resource, e.session);
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
      CachedResidual e = hot == null ? null : hotEntry(subject, tool, resource, session);
      return e != null && answersAlone(e)
          ? e.constant
          : decideOtherwise(e, subject, tool, resource, session, clock, zone, request);
    }

    /**
     * The hot table's entry for these parts, or null: one probe, nothing written, no cache lookup
     * and no building, so that the JIT compiles the hit path small and inlines it into every caller
     * (with the miss path inside, it compiled too big to inline and every decision paid calls).
     * What is found is handed on, so no path probes twice.
     */
    private CachedResidual hotEntry(
        Object subject, ToolId tool, ResourceId resource, Session session) {
      int hash = CacheKey.hash(subject, tool, resource, session);
      return HotResiduals.get(hot, subject, tool, resource, session, hash);
    }

    /**
     * Whether an entry answers on its own: a constant residual whose switches are all off, under a
     * policy without limits (the common hit).
     */
    private boolean answersAlone(CachedResidual e) {
      return limiter == null && e.constant != null && !e.switched();
    }

    /**
     * {@link #decide} when the hot table's entry does not answer alone: {@code found} is that
     * entry, or null on a miss (or without a cache).
     */
    private Decision decideOtherwise(
        CachedResidual found,
        Object subject,
        ToolId tool,
        ResourceId resource,
        Session session,
        InstantSource clock,
        ZoneId zone,
        Request request) {
      if (cache == null) {
        if (stats != null) {
          stats.skippedCache();
        }
        DelegationChain chain =
            subject instanceof DelegationChain c ? c : DelegationChain.of((String) subject);
        deps.learn(chain);
        Residual r = compileLive(chain, tool, resource, session);
        Decision constant = r.constantOrNull();
        Decision d = constant != null ? constant : r.apply(clock, zone, request);
        return limiter == null ? d : limiter.admit(d, null, subject, tool);
      }
      CachedResidual e = found != null ? found : promote(subject, tool, resource, session);
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

    /** A residual from the policy and the live switches, timed when stats are recorded. */
    Residual compileLive(DelegationChain chain, ToolId tool, ResourceId resource, Session session) {
      if (stats == null) {
        return live.compile(chain, tool, resource, session);
      }
      long start = System.nanoTime();
      Residual r = live.compile(chain, tool, resource, session);
      stats.compiled(start);
      return r;
    }

    /**
     * A hot-table miss: the residual from Caffeine (built on a miss there), entered in the table. A
     * method of its own, apart from the hit path.
     */
    private CachedResidual promote(
        Object subject, ToolId tool, ResourceId resource, Session session) {
      int hash = CacheKey.hash(subject, tool, resource, session);
      CachedResidual e = cache.get(new CacheKey(subject, tool, resource, session, hash), loader);
      HotResiduals.put(hot, e);
      return e;
    }

    /** Whether a call with no arguments and no environment values is allowed. */
    boolean allows(
        Object subject, ToolId tool, ResourceId resource, InstantSource clock, ZoneId zone) {
      if (hot == null || limiter != null) {
        return decide(subject, tool, resource, Session.DEFAULT, clock, zone, null)
            .isAllowedOutright();
      }
      CachedResidual e = hotEntry(subject, tool, resource, Session.DEFAULT);
      return e != null && answersAlone(e)
          ? e.constantAllows
          : allowsOtherwise(e, subject, tool, resource, clock, zone);
    }

    /**
     * {@link #allows} with a cache and no limits, when the hot table's entry ({@code found}, null
     * on a miss) does not answer alone.
     */
    private boolean allowsOtherwise(
        CachedResidual found,
        Object subject,
        ToolId tool,
        ResourceId resource,
        InstantSource clock,
        ZoneId zone) {
      CachedResidual e = found != null ? found : promote(subject, tool, resource, Session.DEFAULT);
      if (e.switched()) {
        return live(e, clock, zone, null).isAllowedOutright();
      }
      return e.constant != null
          ? e.constantAllows
          : e.residual.apply(clock, zone, null).isAllowedOutright();
    }
  }
}
