package io.toolgate.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of JSON-like values: strings, booleans, numbers, lists and string-keyed
 * maps of those. Maps keep their insertion order, so iteration is deterministic.
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * Returns an immutable deep copy of a string-keyed map of JSON-like values.
   *
   * @throws IllegalArgumentException naming the path of the first value that is not JSON-like
   * @throws NullPointerException if a key or value is null
   */
  public static Map<String, Object> freezeMap(Map<String, ?> map, String what) {
    if (map.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>(capacity(map.size()));
    for (Map.Entry<String, ?> e : map.entrySet()) {
      String key = e.getKey();
      if (key == null) {
        throw new NullPointerException(what + " has a null key");
      }
      out.put(key, freeze(e.getValue(), what + "." + key));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Returns an immutable deep copy of one JSON-like value. */
  public static Object freeze(Object value, String path) {
    if (value == null) {
      throw new NullPointerException(path + " is null (omit the key instead)");
    }
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(path + " is " + d + ", which JSON cannot hold");
      }
      return d;
    }
    if (value instanceof BigInteger || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>(capacity(map.size()));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              path + " has a key that is not a string: " + e.getKey());
        }
        out.put(key, freeze(e.getValue(), path + "." + key));
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      Object[] out = new Object[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = freeze(list.get(i), path + "[" + i + "]");
      }
      return List.of(out);
    }
    throw new IllegalArgumentException(
        path
            + " is a "
            + value.getClass().getName()
            + "; expected a string, boolean, number, list or map");
  }

  private static int capacity(int size) {
    return Math.max(4, (int) (size / 0.75f) + 1);
  }
}
