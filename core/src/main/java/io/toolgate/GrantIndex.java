package io.toolgate;

import io.toolgate.internal.Glob;
import io.toolgate.internal.PatternIndex;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An immutable index of grants, each a (tool pattern, resource pattern) pair carrying a value, that
 * finds the grants covering a (tool, resource) without scanning them all. The whitelist, the role
 * closure of {@code toolgate-rbac} and rule targets of {@code toolgate-abac} all use it.
 * Thread-safe.
 *
 * <p>Exact names go to hash maps; wildcard patterns are filed in a trie under their literal prefix,
 * first by tool pattern, then, under each distinct tool pattern, by resource pattern. A lookup
 * costs one walk of the tool id and one walk of the resource id per matching tool pattern, plus a
 * full match of each candidate whose literal prefix matched.
 *
 * @param <V> what each grant carries (an entry, a role, a rule)
 */
public final class GrantIndex<V> {
  private final PatternIndex<PatternIndex<V>> byTool;
  private final int size;

  private GrantIndex(PatternIndex<PatternIndex<V>> byTool, int size) {
    this.byTool = byTool;
    this.size = size;
  }

  /** Returns a builder. */
  public static <V> Builder<V> builder() {
    return new Builder<>();
  }

  /** The number of grants indexed. */
  public int size() {
    return size;
  }

  /** Whether no grant is indexed. */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Passes the value of every grant covering {@code tool} on {@code resource} to {@code sink}. A
   * value added under several grants that all match is passed once per grant.
   */
  public void forEachMatch(ToolId tool, ResourceId resource, Consumer<? super V> sink) {
    forEachMatch(tool, resource, sink, Consumer::accept);
  }

  /**
   * Passes the value of every grant covering {@code tool} on {@code resource} to {@code sink} with
   * {@code context}: the allocation-free form of {@link #forEachMatch(ToolId, ResourceId,
   * Consumer)} when {@code sink} captures nothing.
   */
  public <C> void forEachMatch(
      ToolId tool, ResourceId resource, C context, BiConsumer<? super C, ? super V> sink) {
    byTool.forEachMatch(
        tool.qualifiedName(), resource.value(), context, sink, GrantIndex::inResources);
  }

  /** A tool pattern matched: the grants under it whose resource pattern matches. */
  private static <C, V> void inResources(
      String resource,
      C context,
      BiConsumer<? super C, ? super V> sink,
      PatternIndex<V> resources) {
    resources.forEachMatch(resource, context, sink, null, GrantIndex::deliver);
  }

  private static <C, V> void deliver(
      C context, BiConsumer<? super C, ? super V> sink, Object unused, V value) {
    sink.accept(context, value);
  }

  /** Collects grants; {@link #build()} freezes them and leaves the builder usable. */
  public static final class Builder<V> {
    private final Map<Glob, PatternIndex.Builder<V>> byTool = new java.util.HashMap<>();
    private int size;

    private Builder() {}

    /** Adds one grant. */
    public Builder<V> add(ToolPattern tool, ResourcePattern resource, V value) {
      Objects.requireNonNull(value, "value");
      byTool.computeIfAbsent(tool.glob(), g -> PatternIndex.builder()).add(resource.glob(), value);
      size++;
      return this;
    }

    /**
     * Adds the grants of an entry: each of its tool patterns times each of its resource patterns
     * (or {@link ResourcePattern#ANY} when it names none).
     */
    public Builder<V> add(AccessEntry entry, V value) {
      for (ToolPattern tool : entry.tools()) {
        if (entry.resources().isEmpty()) {
          add(tool, ResourcePattern.ANY, value);
        } else {
          for (ResourcePattern resource : entry.resources()) {
            add(tool, resource, value);
          }
        }
      }
      return this;
    }

    /** Freezes the grants added so far. */
    public GrantIndex<V> build() {
      PatternIndex.Builder<PatternIndex<V>> tools = PatternIndex.builder();
      byTool.forEach((glob, resources) -> tools.add(glob, resources.build()));
      return new GrantIndex<>(tools.build(), size);
    }
  }
}
