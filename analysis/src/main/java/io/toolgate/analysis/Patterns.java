package io.toolgate.analysis;

import io.toolgate.internal.Glob;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Set algebra over Toolgate's globs (tool and resource patterns alike): whether one pattern's
 * matches include another's, whether two patterns share a match, and a witness string that a
 * pattern matches. Stateless.
 *
 * <p>How: a glob is a sequence of tokens (a literal character, {@code *} for any run without {@code
 * /}, {@code **} for any run), i.e. a small NFA whose states are token positions. A glob only ever
 * asks of an input character whether it equals one of its literals and whether it is {@code /}, so
 * the characters of both patterns, {@code /}, and one character standing for "anything else" form a
 * finite alphabet on which the two NFAs behave as on every input. A breadth-first search over pairs
 * of reachable state sets (a lazy product of the two subset constructions) then decides inclusion
 * (no reachable pair where the first accepts and the second does not) and intersection (a reachable
 * pair where both accept). Patterns are short, so the product stays small in practice; the worst
 * case is exponential in the pattern lengths.
 */
final class Patterns {
  private static final int STAR = Glob.STAR;
  private static final int DOUBLE_STAR = Glob.DOUBLE_STAR;

  /** Stands for every character that is neither '/' nor a literal of either pattern. */
  private static final int OTHER = -3;

  private Patterns() {}

  /** Whether every string {@code specific} matches is matched by {@code general}. */
  static boolean covers(String general, String specific) {
    return search(tokens(specific), tokens(general), true);
  }

  /** Whether some string is matched by both patterns. */
  static boolean intersects(String a, String b) {
    return search(tokens(a), tokens(b), false);
  }

  /**
   * A string the pattern matches, readable and distinct per shape: each {@code **} becomes {@code
   * x/x} (so it shows that the pattern crosses segments) and each {@code *} becomes {@code x}; a
   * pattern without wildcards is its own witness.
   */
  static String witness(String pattern) {
    return pattern.replace("**", "\u0000").replace("*", "x").replace("\u0000", "x/x");
  }

  /** Whether the pattern holds a wildcard. */
  static boolean isWildcard(String pattern) {
    return pattern.indexOf('*') >= 0;
  }

  static int[] tokens(String glob) {
    return Glob.tokens(glob);
  }

  /**
   * Explores pairs of state sets of {@code a} and {@code b}. With {@code inclusion}, answers
   * whether L(a) is included in L(b); otherwise whether L(a) and L(b) intersect.
   */
  private static boolean search(int[] a, int[] b, boolean inclusion) {
    Set<Integer> chars = new TreeSet<>();
    for (int[] t : new int[][] {a, b}) {
      for (int x : t) {
        if (x >= 0) {
          chars.add(x);
        }
      }
    }
    chars.add((int) '/');
    chars.add(OTHER);
    BitSet startA = closure(a, single(0));
    BitSet startB = closure(b, single(0));
    ArrayDeque<BitSet[]> queue = new ArrayDeque<>();
    Set<List<BitSet>> seen = new HashSet<>();
    queue.add(new BitSet[] {startA, startB});
    seen.add(List.of(startA, startB));
    while (!queue.isEmpty()) {
      BitSet[] pair = queue.poll();
      boolean acceptA = pair[0].get(a.length);
      boolean acceptB = pair[1].get(b.length);
      if (inclusion && acceptA && !acceptB) {
        return false;
      }
      if (!inclusion && acceptA && acceptB) {
        return true;
      }
      for (int c : chars) {
        BitSet nextA = step(a, pair[0], c);
        if (nextA.isEmpty()) {
          continue;
        }
        BitSet nextB = step(b, pair[1], c);
        if (!inclusion && nextB.isEmpty()) {
          continue;
        }
        if (seen.add(List.of(nextA, nextB))) {
          queue.add(new BitSet[] {nextA, nextB});
        }
      }
    }
    return inclusion;
  }

  static BitSet single(int i) {
    BitSet s = new BitSet();
    s.set(i);
    return s;
  }

  static BitSet closure(int[] tokens, BitSet states) {
    BitSet out = (BitSet) states.clone();
    for (int i = 0; i < tokens.length; i++) {
      if (out.get(i) && tokens[i] < 0) {
        out.set(i + 1);
      }
    }
    return out;
  }

  static BitSet step(int[] tokens, BitSet states, int c) {
    BitSet next = new BitSet();
    for (int i = states.nextSetBit(0); i >= 0 && i < tokens.length; i = states.nextSetBit(i + 1)) {
      int t = tokens[i];
      if (t >= 0) {
        if (t == c) {
          next.set(i + 1);
        }
      } else if (t == DOUBLE_STAR || c != '/') {
        next.set(i);
      }
    }
    return closure(tokens, next);
  }
}
