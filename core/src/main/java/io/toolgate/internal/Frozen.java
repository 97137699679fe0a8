package io.toolgate.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Unmodifiable copies that keep their order, with the JDK's collections only: the JDK's {@code
 * Map.copyOf} iterates in no fixed order, and documents, audit lines and digests need a
 * deterministic one. Lists need nothing here: {@code List.copyOf} keeps order.
 */
public final class Frozen {
  private Frozen() {}

  /**
   * An unmodifiable copy of {@code map} iterating in its order.
   *
   * @throws NullPointerException if a key or value is null
   */
  public static <K, V> Map<K, V> map(Map<? extends K, ? extends V> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<K, V> copy = new LinkedHashMap<>(Math.max(4, (int) (map.size() / 0.75f) + 1));
    map.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
    return Collections.unmodifiableMap(copy);
  }

  /** An unmodifiable sorted copy of {@code values}. */
  public static SortedSet<String> sortedSet(Collection<String> values) {
    TreeSet<String> copy = new TreeSet<>();
    for (String v : values) {
      copy.add(Objects.requireNonNull(v, "value"));
    }
    return Collections.unmodifiableSortedSet(copy);
  }
}
