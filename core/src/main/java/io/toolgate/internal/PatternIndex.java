package io.toolgate.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An immutable multimap from globs to values that finds every value whose glob matches an input
 * without testing every glob.
 *
 * <p>Literal globs live in a hash map. Globs with a wildcard are filed in a character trie under
 * their literal prefix; a lookup walks the input down the trie once, so only globs whose whole
 * prefix matches are tested in full. Globs that start with a wildcard are always tested. Cost of a
 * lookup: O(input length) for the walk plus one full match per candidate glob.
 *
 * <p>Building sorts the wildcard globs by prefix and lays the trie out from the sorted runs, with
 * no intermediate maps: an index of one glob, the common case under a tool pattern, costs a few
 * small arrays, and 100,000 globs build in well under a second.
 *
 * @param <V> the values
 */
public final class PatternIndex<V> {
  private final Map<String, List<V>> exact;
  private final Node<V> root;
  private final int size;

  private PatternIndex(Map<String, List<V>> exact, Node<V> root, int size) {
    this.exact = exact;
    this.root = root;
    this.size = size;
  }

  /** Returns a builder. */
  public static <V> Builder<V> builder() {
    return new Builder<>();
  }

  /** The number of (glob, value) pairs indexed. */
  public int size() {
    return size;
  }

  /** Passes every value whose glob matches {@code input} to {@code sink}, each pair once. */
  public void forEachMatch(String input, Consumer<? super V> sink) {
    forEachMatch(input, sink, null, null, PatternIndex::toConsumer);
  }

  private static <V> void toConsumer(Consumer<? super V> sink, Object b, Object c, V value) {
    sink.accept(value);
  }

  /** Receives a match with three context values, so that a caller's sink need not capture them. */
  @FunctionalInterface
  public interface MatchSink<A, B, C, V> {
    /** One value whose glob matched. */
    void accept(A a, B b, C c, V value);
  }

  /**
   * Passes every value whose glob matches {@code input} to {@code sink} with {@code a}, {@code b}
   * and {@code c}, each pair once: {@link #forEachMatch(String, Consumer)} for hot paths, where a
   * non-capturing sink allocates nothing.
   */
  public <A, B, C> void forEachMatch(
      String input, A a, B b, C c, MatchSink<? super A, ? super B, ? super C, ? super V> sink) {
    if (!exact.isEmpty()) {
      List<V> literal = exact.get(input);
      if (literal != null) {
        for (int i = 0; i < literal.size(); i++) {
          sink.accept(a, b, c, literal.get(i));
        }
      }
    }
    Node<V> node = root;
    int i = 0;
    while (node != null) {
      node.offer(input, a, b, c, sink);
      if (i == input.length()) {
        return;
      }
      node = node.child(input.charAt(i++));
    }
  }

  /**
   * One trie node: its children by character (sorted for binary search) and the globs filed here.
   */
  private static final class Node<V> {
    private static final char[] NO_LABELS = new char[0];

    private final char[] labels;
    private final Node<V>[] children;
    private final Glob[] globs;
    private final Object[] values;

    Node(char[] labels, Node<V>[] children, Glob[] globs, Object[] values) {
      this.labels = labels;
      this.children = children;
      this.globs = globs;
      this.values = values;
    }

    Node<V> child(char c) {
      if (labels.length == 0) {
        return null;
      }
      int at = Arrays.binarySearch(labels, c);
      return at < 0 ? null : children[at];
    }

    @SuppressWarnings("unchecked")
    <A, B, C> void offer(
        String input, A a, B b, C c, MatchSink<? super A, ? super B, ? super C, ? super V> sink) {
      for (int i = 0; i < globs.length; i++) {
        if (globs[i].matches(input)) {
          sink.accept(a, b, c, (V) values[i]);
        }
      }
    }
  }

  /** Collects (glob, value) pairs; {@link #build()} freezes them into an index. */
  public static final class Builder<V> {
    /** Up to this many wildcard globs are tested one by one rather than filed in a trie. */
    private static final int FLAT = 4;

    private final List<Glob> globs = new ArrayList<>(1);
    private final List<V> values = new ArrayList<>(1);

    private Builder() {}

    /** Files {@code value} under {@code glob}. */
    public Builder<V> add(Glob glob, V value) {
      globs.add(glob);
      values.add(value);
      return this;
    }

    /** Freezes the pairs added so far into an index; the builder stays usable. */
    public PatternIndex<V> build() {
      Map<String, List<V>> exact = Map.of();
      List<Integer> wild = new ArrayList<>();
      for (int i = 0; i < globs.size(); i++) {
        Glob g = globs.get(i);
        if (!g.isLiteral()) {
          wild.add(i);
          continue;
        }
        if (exact.isEmpty()) {
          exact = new HashMap<>();
        }
        exact.computeIfAbsent(g.source(), k -> new ArrayList<>(1)).add(values.get(i));
      }
      if (exact.size() == 1) {
        Map.Entry<String, List<V>> only = exact.entrySet().iterator().next();
        exact = Map.of(only.getKey(), List.copyOf(only.getValue()));
      } else if (!exact.isEmpty()) {
        exact.replaceAll((k, v) -> List.copyOf(v));
      }
      Node<V> root = null;
      if (!wild.isEmpty() && wild.size() <= FLAT) {
        // A handful of globs: testing each (a prefix compare first) beats walking a trie.
        Glob[] g = new Glob[wild.size()];
        Object[] v = new Object[wild.size()];
        for (int i = 0; i < g.length; i++) {
          g[i] = globs.get(wild.get(i));
          v[i] = values.get(wild.get(i));
        }
        root = new Node<>(Node.NO_LABELS, noChildren(), g, v);
      } else if (!wild.isEmpty()) {
        Integer[] order = wild.toArray(new Integer[0]);
        Arrays.sort(
            order, (a, b) -> globs.get(a).literalPrefix().compareTo(globs.get(b).literalPrefix()));
        root = node(order, 0, order.length, 0);
      }
      return new PatternIndex<>(exact, root, globs.size());
    }

    @SuppressWarnings("unchecked")
    private static <V> Node<V>[] noChildren() {
      return (Node<V>[]) new Node<?>[0];
    }

    /**
     * The node for depth {@code depth} over {@code order[lo, hi)}, whose prefixes agree up to
     * depth.
     */
    @SuppressWarnings("unchecked")
    private Node<V> node(Integer[] order, int lo, int hi, int depth) {
      // Sorted order puts the prefixes that end here first.
      int here = lo;
      while (here < hi && globs.get(order[here]).literalPrefix().length() == depth) {
        here++;
      }
      Glob[] nodeGlobs = new Glob[here - lo];
      Object[] nodeValues = new Object[here - lo];
      for (int i = lo; i < here; i++) {
        nodeGlobs[i - lo] = globs.get(order[i]);
        nodeValues[i - lo] = values.get(order[i]);
      }
      List<Character> labels = new ArrayList<>();
      List<Node<V>> children = new ArrayList<>();
      int start = here;
      while (start < hi) {
        char c = globs.get(order[start]).literalPrefix().charAt(depth);
        int end = start + 1;
        while (end < hi && globs.get(order[end]).literalPrefix().charAt(depth) == c) {
          end++;
        }
        labels.add(c);
        children.add(node(order, start, end, depth + 1));
        start = end;
      }
      char[] l = labels.isEmpty() ? Node.NO_LABELS : new char[labels.size()];
      for (int i = 0; i < l.length; i++) {
        l[i] = labels.get(i);
      }
      return new Node<>(l, children.toArray((Node<V>[]) new Node<?>[0]), nodeGlobs, nodeValues);
    }
  }
}
