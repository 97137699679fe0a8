package io.toolgate.rbac;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of role ids as a bit set, closed under inheritance (a role's ancestors are in whenever it
 * is), plus the dynamic separation-of-duty constraints it violates when every role in it is active.
 * Immutable apart from the lazily built name set, which is published safely (computed from final
 * state, written to a volatile field; a race only computes it twice).
 *
 * <p>Principals with equal effective role sets share one instance: the compiled module interns
 * them, so 10,000 principals over a few hundred distinct role combinations cost a few hundred sets.
 */
final class RoleSet {
  static final RoleSet EMPTY = new RoleSet(new long[0], List.of(), null);

  private final long[] bits;
  private final int hash;

  /** The dynamic constraints violated when all of this set is active; empty if none. */
  final List<RoleGraph.Violation> dsd;

  private final RoleGraph graph;
  private volatile Set<String> names;

  RoleSet(long[] bits, List<RoleGraph.Violation> dsd, RoleGraph graph) {
    this.bits = bits;
    this.hash = Arrays.hashCode(bits);
    this.dsd = dsd;
    this.graph = graph;
  }

  /** Whether role {@code id} is in the set. */
  boolean has(int id) {
    int w = id >>> 6;
    return w < bits.length && (bits[w] & (1L << id)) != 0;
  }

  boolean isEmpty() {
    for (long w : bits) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  long[] bits() {
    return bits;
  }

  /** The role names in the set, in role definition order. */
  Set<String> names() {
    Set<String> n = names;
    if (n == null) {
      Set<String> s = new LinkedHashSet<>();
      for (int i = nextSetBit(0); i >= 0; i = nextSetBit(i + 1)) {
        s.add(graph.name(i));
      }
      n = Collections.unmodifiableSet(s);
      names = n;
    }
    return n;
  }

  /** The first id at or after {@code from} in the set, or -1. */
  int nextSetBit(int from) {
    int w = from >>> 6;
    if (w >= bits.length) {
      return -1;
    }
    long word = bits[w] & (-1L << from);
    while (true) {
      if (word != 0) {
        return w * 64 + Long.numberOfTrailingZeros(word);
      }
      if (++w == bits.length) {
        return -1;
      }
      word = bits[w];
    }
  }

  /** Equal sets of bits; the violations follow from the bits. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RoleSet s && hash == s.hash && Arrays.equals(bits, s.bits);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return names().toString();
  }
}
