package io.toolgate.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Witnesses for every combination of a set of globs that some string realises: for each set S of
 * patterns such that a string matches exactly the patterns in S, a few strings that do. Those are
 * the "atoms" of the Boolean algebra the patterns generate, so they include the strings a pattern
 * matches and another does not (the part of {@code repo:a*} outside {@code repo:ax*}, witnessed by
 * {@code repo:a}), whichever way round, and every overlap.
 *
 * <p>How: a breadth-first search over the product of the patterns' subset constructions (as in
 * {@link Patterns}), on the alphabet of their literal characters, {@code /}, and one character none
 * of them uses (which stands for every other character), times a small automaton for the shape of a
 * valid id ({@code server/name} for tools; for resources, no empty segment between two {@code /}).
 * Each reachable product state yields its shortest string; up to {@link #PER_ATOM} strings are kept
 * per combination, since the caller checks them with the real matchers and ids and some may not be
 * valid ids. The search stops after {@code maxStates} product states: the result then says it is
 * incomplete.
 */
final class PatternAtoms {
  /** Candidate witnesses kept per combination of patterns. */
  static final int PER_ATOM = 4;

  private static final int DEAD = -1;

  /** The shape a witness must have to be an id. */
  enum Shape {
    /** {@code server/name}: exactly one {@code /}, neither part empty. */
    TOOL,
    /** Not empty, no {@code //}. */
    RESOURCE
  }

  /**
   * The candidate witnesses per combination (the indexes of the patterns that match), and whether
   * the search explored every product state.
   */
  record Result(Map<BitSet, List<String>> candidates, boolean complete) {}

  private PatternAtoms() {}

  static Result of(List<String> patterns, Shape shape, int maxStates) {
    int n = patterns.size();
    int[][] tokens = new int[n][];
    Set<Integer> chars = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      tokens[i] = Patterns.tokens(patterns.get(i));
      for (int t : tokens[i]) {
        if (t >= 0) {
          chars.add(t);
        }
      }
    }
    chars.add((int) '/');
    chars.add((int) other(chars));
    List<BitSet> start = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      start.add(Patterns.closure(tokens[i], Patterns.single(0)));
    }
    Map<BitSet, List<String>> out = new LinkedHashMap<>();
    ArrayDeque<Node> queue = new ArrayDeque<>();
    Set<Node> seen = new HashSet<>();
    Node first = new Node(start, 0, "");
    queue.add(first);
    seen.add(first);
    boolean complete = true;
    while (!queue.isEmpty()) {
      Node node = queue.poll();
      if (accepts(shape, node.shape)) {
        keep(out, signature(tokens, node.states), node.text);
      }
      for (int c : chars) {
        int nextShape = step(shape, node.shape, c);
        if (nextShape == DEAD) {
          continue;
        }
        List<BitSet> next = new ArrayList<>(n);
        boolean alive = false;
        for (int i = 0; i < n; i++) {
          BitSet s = Patterns.step(tokens[i], node.states.get(i), c);
          alive |= !s.isEmpty();
          next.add(s);
        }
        String text = node.text + (char) c;
        if (!alive) {
          // Outside every pattern for good: one witness of that, if the shape allows it now.
          if (accepts(shape, nextShape)) {
            keep(out, new BitSet(), text);
          }
          continue;
        }
        Node child = new Node(next, nextShape, text);
        if (seen.contains(child)) {
          continue;
        }
        if (seen.size() >= maxStates) {
          complete = false;
          continue;
        }
        seen.add(child);
        queue.add(child);
      }
    }
    return new Result(out, complete);
  }

  /** One product state; equal by states and shape, whatever the string that reached it. */
  private record Node(List<BitSet> states, int shape, String text) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Node other && other.shape == shape && other.states.equals(states);
    }

    @Override
    public int hashCode() {
      return states.hashCode() * 31 + shape;
    }
  }

  private static void keep(Map<BitSet, List<String>> out, BitSet signature, String text) {
    List<String> list = out.computeIfAbsent(signature, k -> new ArrayList<>());
    if (list.size() < PER_ATOM && !list.contains(text)) {
      list.add(text);
    }
  }

  private static BitSet signature(int[][] tokens, List<BitSet> states) {
    BitSet sig = new BitSet();
    for (int i = 0; i < tokens.length; i++) {
      if (states.get(i).get(tokens[i].length)) {
        sig.set(i);
      }
    }
    return sig;
  }

  /** A character no pattern uses: it stands for every such character. */
  private static char other(Set<Integer> used) {
    for (char c : "xyzqjkvw0123456789abcdefghilmnoprstu".toCharArray()) {
      if (!used.contains((int) c)) {
        return c;
      }
    }
    for (char c = 0x100; ; c++) {
      if (!used.contains((int) c) && Character.isLetter(c)) {
        return c;
      }
    }
  }

  // Shape states. TOOL: 0 start, 1 in server, 2 after '/', 3 in name. RESOURCE: 0 start,
  // 1 after another character, 2 after '/'.
  private static int step(Shape shape, int state, int c) {
    boolean slash = c == '/';
    if (shape == Shape.TOOL) {
      return switch (state) {
        case 0 -> slash ? DEAD : 1;
        case 1 -> slash ? 2 : 1;
        default -> slash ? DEAD : 3;
      };
    }
    return slash ? (state == 2 ? DEAD : 2) : 1;
  }

  private static boolean accepts(Shape shape, int state) {
    return shape == Shape.TOOL ? state == 3 : state != 0;
  }
}
