package io.toolgate.document;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one document object, recording a located problem for every missing, mistyped
 * or unknown field instead of stopping at the first. Section readers use it for every object they
 * read; {@link #finish(String...)} reports the keys nobody asked for.
 *
 * <p>Every getter returns null when the field is absent or wrong (the problem is recorded).
 */
public final class Fields {
  private final DocNode.Obj object;
  private final DocNode at;
  private final String what;
  private final Problems problems;
  private final Set<String> read = new LinkedHashSet<>();
  private final Set<String> known = new LinkedHashSet<>();

  private Fields(DocNode.Obj object, DocNode at, String what, Problems problems) {
    this.object = object;
    this.at = at;
    this.what = what;
    this.problems = problems;
  }

  /**
   * Reads {@code node} as an object called {@code what} in messages ("a principal"). If it is not
   * an object, records the problem and returns a reader with no fields.
   */
  public static Fields of(DocNode node, String what, Problems problems) {
    if (node instanceof DocNode.Obj obj) {
      return new Fields(obj, node, what, problems);
    }
    problems.add(node, "expected " + what + " (an object), found " + node.kind());
    return new Fields(new DocNode.Obj(node.location(), Map.of()), node, what, problems);
  }

  /** The object node read, or the non-object node that stood in its place. */
  DocNode nodeOrNull() {
    return at;
  }

  /** The object's location. */
  public Location location() {
    return at.location();
  }

  /** The location of a field's key, or of the object when the field is absent. */
  public Location location(String key) {
    DocNode.Field f = object.fields().get(key);
    return f == null ? at.location() : f.keyLocation();
  }

  /** Whether the field is present (even if null). */
  public boolean has(String key) {
    known.add(key);
    return object.fields().containsKey(key);
  }

  /** The raw node of a field, or null when absent. Marks the field as read. */
  public DocNode node(String key) {
    known.add(key);
    read.add(key);
    DocNode.Field f = object.fields().get(key);
    return f == null ? null : f.value();
  }

  /**
   * Declares a field as handled elsewhere (so {@link #finish(String...)} does not call it unknown).
   */
  public void claim(String key) {
    known.add(key);
    read.add(key);
  }

  /** A required string. */
  public String requiredString(String key) {
    DocNode n = node(key);
    if (n == null) {
      problems.add(at, what + " has no '" + key + "'; expected a string");
      return null;
    }
    return asString(n, key);
  }

  /** An optional string. */
  public String string(String key) {
    DocNode n = node(key);
    return n == null ? null : asString(n, key);
  }

  private String asString(DocNode n, String key) {
    if (n instanceof DocNode.Scalar s && s.value() instanceof String str) {
      return str;
    }
    problems.add(n, "'" + key + "' must be a string, found " + n.kind());
    return null;
  }

  /** An optional boolean. */
  public Boolean bool(String key) {
    DocNode n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof DocNode.Scalar s && s.value() instanceof Boolean b) {
      return b;
    }
    problems.add(n, "'" + key + "' must be true or false, found " + n.kind());
    return null;
  }

  /** An optional integer within [min, max]. */
  public Integer integer(String key, int min, int max) {
    DocNode n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof DocNode.Scalar s && s.value() instanceof Long l) {
      if (l < min || l > max) {
        problems.add(
            n,
            "'"
                + key
                + "' must be "
                + (min == max ? String.valueOf(min) : "between " + min + " and " + max)
                + ", found "
                + l);
        return null;
      }
      return l.intValue();
    }
    problems.add(n, "'" + key + "' must be an integer, found " + n.kind());
    return null;
  }

  /** An optional ISO-8601 instant ({@code 2027-01-01T00:00:00Z}). */
  public Instant instant(String key) {
    DocNode n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof DocNode.Scalar s && s.value() instanceof String str) {
      try {
        return Instant.parse(str);
      } catch (DateTimeParseException e) {
        problems.add(
            n,
            "'"
                + key
                + "' is not a date-time: '"
                + str
                + "'; expected ISO-8601 in UTC, like 2027-01-01T00:00:00Z");
        return null;
      }
    }
    problems.add(n, "'" + key + "' must be an ISO-8601 date-time string, found " + n.kind());
    return null;
  }

  /** An optional enum constant, written in any case ({@code active}, {@code ACTIVE}). */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String s = string(key);
    if (s == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(s)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    problems.add(
        node(key), "'" + key + "' is '" + s + "'; expected one of " + String.join(", ", names));
    return null;
  }

  /** An optional array of strings; each string node is passed along for precise errors. */
  public List<Located<String>> stringList(String key) {
    DocNode n = node(key);
    if (n == null) {
      return null;
    }
    if (!(n instanceof DocNode.Arr arr)) {
      problems.add(n, "'" + key + "' must be an array of strings, found " + n.kind());
      return null;
    }
    List<Located<String>> out = new ArrayList<>(arr.items().size());
    for (DocNode item : arr.items()) {
      if (item instanceof DocNode.Scalar s && s.value() instanceof String str) {
        out.add(new Located<>(str, item.location()));
      } else {
        problems.add(item, "'" + key + "' must hold strings only, found " + item.kind());
      }
    }
    return out;
  }

  /** An optional array; each item is returned as a node. */
  public List<DocNode> array(String key) {
    DocNode n = node(key);
    if (n == null) {
      return null;
    }
    if (n instanceof DocNode.Arr arr) {
      return arr.items();
    }
    problems.add(n, "'" + key + "' must be an array, found " + n.kind());
    return null;
  }

  /** An optional object of JSON-like values, as plain Java maps, lists and scalars. */
  public Map<String, Object> jsonObject(String key) {
    DocNode n = node(key);
    if (n == null) {
      return null;
    }
    if (!(n instanceof DocNode.Obj)) {
      problems.add(n, "'" + key + "' must be an object, found " + n.kind());
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) toJava(n, key);
    return map;
  }

  private Object toJava(DocNode n, String path) {
    if (n instanceof DocNode.Obj o) {
      Map<String, Object> out = new LinkedHashMap<>();
      o.fields()
          .forEach(
              (k, f) -> {
                Object v = toJava(f.value(), path + "." + k);
                if (v != null) {
                  out.put(k, v);
                }
              });
      return out;
    }
    if (n instanceof DocNode.Arr a) {
      List<Object> out = new ArrayList<>();
      for (DocNode item : a.items()) {
        Object v = toJava(item, path + "[]");
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
    Object v = ((DocNode.Scalar) n).value();
    if (v == null) {
      problems.add(n, "'" + path + "' is null; omit the key instead");
    } else if (v instanceof BigInteger || v instanceof BigDecimal) {
      return v;
    }
    return v;
  }

  /**
   * Reports every field nobody read or claimed, naming the fields this object accepts.
   *
   * @param accepted the field names to suggest, in the order to list them
   */
  public void finish(String... accepted) {
    for (Map.Entry<String, DocNode.Field> e : object.fields().entrySet()) {
      if (!read.contains(e.getKey()) && !known.contains(e.getKey())) {
        problems.add(
            e.getValue().keyLocation(),
            "unknown key '"
                + e.getKey()
                + "' in "
                + what
                + "; expected one of: "
                + String.join(", ", accepted));
      }
    }
  }

  /**
   * A value with the location it was read from.
   *
   * @param value the value
   * @param location where it was
   * @param <T> the value's type
   */
  public record Located<T>(T value, Location location) {}
}
