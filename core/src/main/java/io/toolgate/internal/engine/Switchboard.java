package io.toolgate.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.toolgate.KillSwitchSnapshot;
import io.toolgate.ToolId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live kill switches of one engine, which outlive policy swaps.
 *
 * <p>Design: every principal, tool and delegation id a cached residual depends on is interned as
 * one {@link Switch}, and the residual keeps references to its switches. Residuals are built as if
 * nothing were switched; a hit reads its switches' states and only when one is set recomputes the
 * decision from the policy and these live switches (so the reason is the one a fresh engine would
 * give). Throwing or lifting a switch therefore writes one volatile field: O(1), whatever the size
 * of the cache or the number of switches thrown before, and no other residual is touched.
 *
 * <p>Memory: principal switches are interned for the principals of the policies the engine has
 * decided from, plus any principal a switch named; tool and delegation switches are weakly held
 * while residuals refer to them, and strongly while they are on. A revoked delegation id is kept
 * until every hop seen carrying it has expired (its horizon, see {@link Switch#horizon()}, or a
 * later bound given at revocation), then forgotten: a chain carrying it is denied by its own expiry
 * from then on. An id revoked before any chain carrying it was seen, and without a bound, or one
 * seen on a hop that never expires, is kept for the life of the engine.
 *
 * <p>Thread safety: reads from any thread; changes only under the engine's write lock.
 */
final class Switchboard implements KillSwitches {
  private final ConcurrentHashMap<String, Switch> principals = new ConcurrentHashMap<>();
  // Maintenance (clearing collected values) runs on the calling thread: with the default executor
  // every few reads handed it to the common pool, and waking a pool thread cost a deciding thread
  // more than the rest of an uncached decision (a third of a 3-hop miss, profiled).
  private final Cache<ToolId, Switch> tools =
      Caffeine.newBuilder().weakValues().executor(Runnable::run).build();
  private final Cache<String, Switch> delegations =
      Caffeine.newBuilder().weakValues().executor(Runnable::run).build();

  /** Strong references to the switches that are on, so the weak caches above cannot lose them. */
  private final Map<ToolId, Switch> disabled = new ConcurrentHashMap<>();

  private final Map<String, Switch> revoked = new ConcurrentHashMap<>();

  /** Revocations waiting for their horizon, earliest first; guarded by the engine's write lock. */
  private final PriorityQueue<Pending> forgetting =
      new PriorityQueue<>(Comparator.comparingLong(Pending::horizon));

  private record Pending(String id, long horizon) {}

  // ---- interning, for the dependencies of residuals (any thread) ----

  Switch principal(String id) {
    Switch s = principals.get(id);
    return s != null ? s : principals.computeIfAbsent(id, k -> new Switch());
  }

  Switch tool(ToolId tool) {
    return tools.get(tool, k -> new Switch());
  }

  /**
   * The switch of a delegation id seen on a hop expiring at {@code expiryMillis} ({@link
   * Switch#HORIZON_NEVER} if never).
   */
  Switch delegation(String id, long expiryMillis) {
    Switch s = delegations.get(id, k -> new Switch());
    s.extendHorizon(expiryMillis);
    return s;
  }

  // ---- reads (any thread) ----

  @Override
  public boolean isSuspended(String principalId) {
    Switch s = principals.get(principalId);
    return s != null && s.is(Switch.SUSPENDED);
  }

  @Override
  public boolean isDecommissioned(String principalId) {
    Switch s = principals.get(principalId);
    return s != null && s.is(Switch.DECOMMISSIONED);
  }

  @Override
  public boolean isDisabled(ToolId tool) {
    return disabled.containsKey(tool);
  }

  @Override
  public boolean isRevoked(String delegationId) {
    return revoked.containsKey(delegationId);
  }

  /** How many revoked delegation ids are remembered now. */
  int revokedCount() {
    return revoked.size();
  }

  /** The switches in force now, sorted. */
  KillSwitchSnapshot snapshot() {
    TreeSet<String> suspended = new TreeSet<>();
    TreeSet<String> decommissioned = new TreeSet<>();
    principals.forEach(
        (id, s) -> {
          if (s.is(Switch.SUSPENDED)) {
            suspended.add(id);
          }
          if (s.is(Switch.DECOMMISSIONED)) {
            decommissioned.add(id);
          }
        });
    TreeSet<ToolId> tools = new TreeSet<>();
    tools.addAll(disabled.keySet());
    return new KillSwitchSnapshot(
        suspended, decommissioned, tools, new TreeSet<>(revoked.keySet()));
  }

  /** Passes every principal with a switch on, with its bits, to {@code sink}. */
  void forEachSwitchedPrincipal(java.util.function.BiConsumer<String, Integer> sink) {
    principals.forEach(
        (id, s) -> {
          int state = s.state;
          if (state != 0) {
            sink.accept(id, state);
          }
        });
  }

  /** The switch bits of a principal now. */
  int principalState(String id) {
    Switch s = principals.get(id);
    return s == null ? 0 : s.state;
  }

  // ---- changes (under the engine's write lock) ----

  void suspend(String id) {
    principal(id).set(Switch.SUSPENDED);
  }

  void reinstate(String id) {
    Switch s = principals.get(id);
    if (s != null) {
      s.clear(Switch.SUSPENDED);
    }
  }

  void decommission(String id) {
    principal(id).set(Switch.DECOMMISSIONED);
  }

  void disable(ToolId tool) {
    Switch s = tool(tool);
    disabled.put(tool, s);
    s.set(Switch.DISABLED);
  }

  void enable(ToolId tool) {
    Switch s = disabled.remove(tool);
    if (s != null) {
      s.clear(Switch.DISABLED);
    }
  }

  /**
   * Revokes {@code id}; {@code boundMillis} is the caller's word that no delegation carrying it
   * outlives that instant ({@link Switch#HORIZON_UNKNOWN} when not given).
   */
  void revoke(String id, long boundMillis) {
    Switch s = delegations.get(id, k -> new Switch());
    s.extendHorizon(boundMillis);
    revoked.put(id, s);
    s.set(Switch.REVOKED);
    queue(id, s.horizon());
  }

  /** Forgets the revocations whose every delegation has expired by {@code nowMillis}. */
  void forgetExpired(long nowMillis) {
    List<Pending> later = new ArrayList<>();
    while (!forgetting.isEmpty() && forgetting.peek().horizon() <= nowMillis) {
      Pending p = forgetting.poll();
      Switch s = revoked.get(p.id());
      if (s == null) {
        continue;
      }
      long h = s.horizon();
      if (h > nowMillis) {
        later.add(new Pending(p.id(), h)); // a hop seen since extended it
      } else {
        revoked.remove(p.id());
        s.clear(Switch.REVOKED);
      }
    }
    later.forEach(p -> queue(p.id(), p.horizon()));
  }

  private void queue(String id, long horizon) {
    if (horizon != Switch.HORIZON_UNKNOWN && horizon != Switch.HORIZON_NEVER) {
      forgetting.add(new Pending(id, horizon));
    }
  }
}
