package io.toolgate.internal.engine;

import io.toolgate.Policy;
import io.toolgate.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The kill-switch bits of one policy's principals, packed in one int array indexed by the
 * principal's position in the policy, so that a cached hit checks its principals' switches in a few
 * hundred bytes that stay in the CPU's cache instead of in objects scattered over the heap. One per
 * engine state; the engine writes it under its lock (mirroring its {@link Switchboard}) and
 * decisions read it.
 */
final class PrincipalStates {
  private final Map<String, Integer> ordinals;
  private final AtomicIntegerArray bits;

  PrincipalStates(Policy policy, Switchboard switches) {
    this.ordinals = new HashMap<>(policy.principals().size() * 2);
    for (Principal p : policy.principals()) {
      ordinals.put(p.id(), ordinals.size());
    }
    this.bits = new AtomicIntegerArray(Math.max(1, ordinals.size()));
    switches.forEachSwitchedPrincipal(this::set);
  }

  /** The principal's position, or -1 if the policy does not define it. */
  int ordinal(String principalId) {
    Integer i = ordinals.get(principalId);
    return i == null ? -1 : i;
  }

  /** Mirrors the switch bits of a principal; called under the engine's write lock. */
  void set(String principalId, int state) {
    Integer i = ordinals.get(principalId);
    if (i != null) {
      bits.set(i, state);
    }
  }

  /** Whether the principal at {@code ordinal} has a switch on. */
  boolean on(int ordinal) {
    return bits.get(ordinal) != 0;
  }
}
