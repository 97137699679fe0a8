package io.toolgate.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    List<V> literal = exact.get(input);
    if (literal != null) {
      literal.forEach(sink);
    }
    Node<V> node = root;
    int i = 0;
    while (true) {
      node.offer(input, sink);
      if (i == input.length()) {
        return;
      }
      node = node.child(input.charAt(i++));
      if (node == null) {
        return;
      }
    }
  }

  /** Whether some glob matches {@code input}. */
  public boolean anyMatch(String input) {
    boolean[] found = new boolean[1];
    forEachMatch(input, v -> found[0] = true);
    return found[0];
  }

  /** One trie node: its children by character (sorted for binary search) and the globs filed here. */
  private static final class Node<V> {
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
      int at = Arrays.binarySearch(labels, c);
      return at < 0 ? null : children[at];
    }

    @SuppressWarnings("unchecked")
    void offer(String input, Consumer<? super V> sink) {
      for (int i = 0; i < globs.length; i++) {
        if (globs[i].matches(input)) {
          sink.accept((V) values[i]);
        }
      }
    }
  }

  /** Collects (glob, value) pairs; {@link #build()} freezes them into an index. */
  public static final class Builder<V> {
    private final Map<String, List<V>> exact = new LinkedHashMap<>();
    private final MutableNode root = new MutableNode();
    private int size;

    private Builder() {}

    /** Files {@code value} under {@code glob}. */
    public Builder<V> add(Glob glob, V value) {
      size++;
      if (glob.isLiteral()) {
        exact.computeIfAbsent(glob.source(), k -> new ArrayList<>(1)).add(value);
        return this;
      }
      MutableNode node = root;
      String prefix = glob.literalPrefix();
      for (int i = 0; i < prefix.length(); i++) {
        node = node.children.computeIfAbsent(prefix.charAt(i), c -> new MutableNode());
      }
      node.globs.add(glob);
      node.values.add(value);
      return this;
    }

    /** Freezes the pairs added so far into an index; the builder stays usable. */
    public PatternIndex<V> build() {
      Map<String, List<V>> frozen = new HashMap<>(Math.max(16, exact.size() * 2));
      exact.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return new PatternIndex<>(frozen, root.freeze(), size);
    }

    private final class MutableNode {
      final TreeMap<Character, MutableNode> children = new TreeMap<>();
      final List<Glob> globs = new ArrayList<>(0);
      final List<Object> values = new ArrayList<>(0);

      @SuppressWarnings("unchecked")
      Node<V> freeze() {
        // Iterative would avoid deep recursion, but depth is bounded by the longest literal
        // prefix, which the policy limits keep short.
        char[] labels = new char[children.size()];
        Node<V>[] frozen = (Node<V>[]) new Node<?>[children.size()];
        int i = 0;
        for (Map.Entry<Character, MutableNode> e : children.entrySet()) {
          labels[i] = e.getKey();
          frozen[i++] = e.getValue().freeze();
        }
        return new Node<>(labels, frozen, globs.toArray(new Glob[0]), values.toArray());
      }
    }
  }
}
