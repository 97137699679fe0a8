package io.toolgate.internal.engine;

import io.toolgate.Policy;
import io.toolgate.Principal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * The kill-switch bits of one policy's principals, packed in one int array indexed by the
 * principal's position in the policy, so that a cached hit checks its principals' switches in a few
 * hundred bytes that stay in the CPU's cache instead of in objects scattered over the heap. One per
 * engine state; the engine writes it under its lock (mirroring its {@link Switchboard}) and
 * decisions read it.
 */
final class PrincipalStates {
  /** Volatile access to the elements of {@link #bits}. */
  private static final VarHandle BIT = MethodHandles.arrayElementVarHandle(int[].class);

  private final Map<String, Integer> ordinals;

  /**
   * The switch bits by ordinal, read and written only through {@link #BIT}. A plain array rather
   * than an {@code AtomicIntegerArray}, so that a cached entry holds it directly and a hit reaches
   * a principal's bits in one load instead of three.
   */
  private final int[] bits;

  PrincipalStates(Policy policy, Switchboard switches) {
    this.ordinals = new HashMap<>(policy.principals().size() * 2);
    for (Principal p : policy.principals()) {
      ordinals.put(p.id(), ordinals.size());
    }
    this.bits = new int[Math.max(1, ordinals.size())];
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
      BIT.setVolatile(bits, i, state);
    }
  }

  /** The bits array, for entries to keep and read with {@link #on(int[], int)}. */
  int[] bits() {
    return bits;
  }

  /** Whether the principal at {@code ordinal} of a state's {@link #bits()} has a switch on. */
  static boolean on(int[] bits, int ordinal) {
    return (int) BIT.getVolatile(bits, ordinal) != 0;
  }
}
