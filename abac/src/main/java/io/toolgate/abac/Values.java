package io.toolgate.abac;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CEL's value semantics over the JSON-like Java values conditions see: {@code Long} (int), {@code
 * Double} (double), {@code String}, {@code Boolean}, {@code List}, {@code Map} and CEL's null.
 * Equality is CEL's heterogeneous equality (numbers compare by value across int and double, values
 * of different kinds are unequal); ordering is defined within numbers, strings and booleans and is
 * an error across kinds, as in CEL with heterogeneous numeric comparisons enabled.
 *
 * <p>Big numbers (from a JSON parser that keeps them exact, or passed from Java) are used only when
 * CEL's int or double holds them exactly: a {@link BigInteger} within the int64 range, a {@link
 * BigDecimal} that is the shortest decimal of a double ({@code 0.1}, {@code 1000.5}, {@code 1e3}).
 * Any other ({@code 1000.00000000000001}, {@code 2^64}, {@code 1e400}) is refused with an {@link
 * EvaluationError} where a condition reads it, so it can never pass a comparison it would fail as a
 * decimal: the engine fails closed.
 */
final class Values {
  private Values() {}

  /**
   * A scalar as CEL sees it: a big number becomes the int or double that holds it exactly; anything
   * else is returned as is. Cheap enough for every comparison.
   *
   * @throws EvaluationError for a big number no int or double holds exactly
   */
  static Object canon(Object v) {
    if (v instanceof BigInteger b) {
      if (b.bitLength() < 64) {
        return b.longValue();
      }
      throw new EvaluationError("an integer outside the int64 range cannot be compared exactly");
    }
    if (v instanceof BigDecimal d) {
      double x = d.doubleValue();
      // Exact when the double's shortest decimal is the same number: 0.1 is, 1000.00000000000001 is
      // not.
      if (!Double.isInfinite(x) && new BigDecimal(Double.toString(x)).compareTo(d) == 0) {
        return x;
      }
      throw new EvaluationError(
          "a number with more digits than a double holds cannot be compared exactly");
    }
    return v;
  }

  /** Whether any value inside needs {@link #normalize}: a big number from a JSON parser. */
  static boolean needsNormalizing(Object v) {
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      return true;
    }
    if (v instanceof Map<?, ?> m) {
      for (Object o : m.values()) {
        if (needsNormalizing(o)) {
          return true;
        }
      }
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        if (needsNormalizing(o)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Maps values CEL does not know to ones it does, as {@link #canon} maps each big number. Returns
   * {@code v} itself when nothing needs mapping, which is the common case.
   *
   * @param path the variable's name, for the error ({@code args})
   * @throws EvaluationError naming the path of a big number no int or double holds exactly
   */
  static Object normalize(Object v, String path) {
    if (!needsNormalizing(v)) {
      return v;
    }
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      try {
        return canon(v);
      } catch (EvaluationError e) {
        throw new EvaluationError(path + ": " + e.getMessage());
      }
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, normalize(x, path + "." + k)));
      return java.util.Collections.unmodifiableMap(out);
    }
    List<Object> out = new ArrayList<>();
    List<?> list = (List<?>) v;
    for (int i = 0; i < list.size(); i++) {
      out.add(normalize(list.get(i), path + "[" + i + "]"));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /**
   * {@link #normalize}, or {@code v} as it is when some number in it is not exact: the closures
   * then refuse that number where a condition compares it, so one such attribute does not fail the
   * conditions that never read it.
   */
  static Object normalizeOrKeep(Object v, String path) {
    try {
      return normalize(v, path);
    } catch (EvaluationError inexact) {
      return v;
    }
  }

  /**
   * CEL's heterogeneous equality, as CEL's Java runtime computes it: an int and a double are
   * compared through {@link #compareDoubleInt} (so {@code 0 == -0.0} is false there, while {@code
   * 0.0 == -0.0} is true), lists element by element, maps key by key.
   */
  static boolean equal(Object a, Object b) {
    if (a == b) {
      return true;
    }
    a = canon(a);
    b = canon(b);
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return x.longValue() == y.longValue();
      }
      return b instanceof Double y && compareDoubleInt(y, x) == 0;
    }
    if (a instanceof Double x) {
      if (b instanceof Double y) {
        return x.doubleValue() == y.doubleValue();
      }
      return b instanceof Long y && compareDoubleInt(x, y) == 0;
    }
    if (a instanceof List<?> la) {
      if (!(b instanceof List<?> lb) || la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!equal(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> ma) {
      if (!(b instanceof Map<?, ?> mb) || ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        Object key = findKey(mb, e.getKey());
        if (key == null || !equal(e.getValue(), mb.get(key))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** CEL's {@code element in list}: Java equality first, then numeric equality for numbers. */
  static boolean inList(List<?> list, Object element) {
    element = canon(element);
    if (list.contains(element)) {
      return true;
    }
    if (element instanceof Long || element instanceof Double) {
      for (Object x : list) {
        if (equal(x, element)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The key of {@code map} that CEL's map lookup finds for {@code key}, or null: the key itself, or
   * for a double with an integral value, that int.
   */
  static Object findKey(Map<?, ?> map, Object key) {
    key = canon(key);
    if (map.containsKey(key)) {
      return key;
    }
    if (key instanceof Double d) {
      long l = (long) d.doubleValue();
      if (l == d && map.containsKey(l)) {
        return l;
      }
    }
    return null;
  }

  /**
   * CEL's ordering: negative, zero or positive, or {@link #UNORDERED} when a double compared with a
   * double is NaN.
   *
   * @throws EvaluationError when the values are of kinds CEL does not order against each other
   */
  static int compare(Object a, Object b, String op) {
    a = canon(a);
    b = canon(b);
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return Long.compare(x, y);
      }
      if (b instanceof Double y) {
        return -compareDoubleInt(y, x);
      }
    } else if (a instanceof Double x) {
      if (b instanceof Double y) {
        double p = x;
        double q = y;
        return p < q ? -1 : p > q ? 1 : p == q ? 0 : UNORDERED;
      }
      if (b instanceof Long y) {
        return compareDoubleInt(x, y);
      }
    } else if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    } else if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    throw EvaluationError.noOverload(op, a, b);
  }

  /** A comparison result that makes every ordering test false (NaN). */
  static final int UNORDERED = Integer.MIN_VALUE;

  /**
   * Compares a double and an int as CEL's Java runtime does: doubles beyond the int64 range are
   * beyond every int; otherwise the int is converted to a double and {@link Double#compare} decides
   * (so {@code -0.0} is below {@code 0}, NaN above everything, and large ints round).
   */
  static int compareDoubleInt(double d, long l) {
    if (d < -0x1p63) {
      return -1;
    }
    if (d > 0x1p63) {
      return 1;
    }
    return Double.compare(d, (double) l);
  }

  /** Whether {@code v} is a boolean; otherwise the error CEL reports. */
  static boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw new EvaluationError("expected a bool, found " + describe(v));
  }

  /** CEL's name of a value's type. */
  static String typeName(Object v) {
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "double";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof List) {
      return "list";
    }
    if (v instanceof Map) {
      return "map";
    }
    if (v instanceof NullValue) {
      return "null_type";
    }
    return v == null ? "null" : v.getClass().getSimpleName();
  }

  /**
   * A value as error messages show it: its type only. Error messages reach decisions and the audit
   * log, which must never carry argument or environment values.
   */
  static String describe(Object v) {
    return typeName(v);
  }
}
