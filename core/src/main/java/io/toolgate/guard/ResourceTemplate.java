package io.toolgate.guard;

import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.internal.ResourceCanonicalizer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A declarative {@link ResourceResolver}: a resource id with placeholders filled from the call's
 * top-level arguments, such as {@code repo:{owner}/{repo}} or {@code file:///sandbox/{+path}}.
 * Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code {name}} takes one path segment: a non-empty string, number or boolean argument
 *       without {@code /} or {@code \}, and not {@code .} or {@code ..}.
 *   <li>{@code {+name}} takes a relative path: split on {@code /}, empty and {@code .} segments
 *       dropped, {@code ..} removing the segment before it. A path that climbs above its start
 *       ({@code ../etc/passwd}, {@code a/../../b}), holds {@code \}, or is empty after
 *       normalization is refused, so a template rooted at a sandbox cannot name anything outside
 *       it. A leading {@code /} is dropped: {@code /notes.txt} is {@code notes.txt} in the root.
 * </ul>
 *
 * <p>A missing argument, a list or map where a scalar belongs, or a value with a control character
 * is refused: the guard then denies the call with {@link Reason#RESOURCE_UNRESOLVED}, so a call
 * never falls back to another resource by accident.
 */
public final class ResourceTemplate implements ResourceResolver {
  private final String source;
  private final List<Part> parts;

  private ResourceTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
  }

  /** One literal run, or one placeholder. */
  private record Part(String literal, String argument, boolean path) {}

  /**
   * Compiles a template.
   *
   * @throws IllegalArgumentException if a brace is unbalanced, a placeholder is empty or not an
   *     identifier, or the template has no placeholder and is empty
   */
  public static ResourceTemplate of(String template) {
    Objects.requireNonNull(template, "template");
    if (template.isEmpty()) {
      throw new IllegalArgumentException("an empty resource template");
    }
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int close = template.indexOf('}', i);
      if (close >= 0 && (open < 0 || close < open)) {
        throw new IllegalArgumentException(
            "unbalanced '}' at offset " + close + " in template " + template);
      }
      if (open < 0) {
        parts.add(new Part(template.substring(i), null, false));
        break;
      }
      if (open > i) {
        parts.add(new Part(template.substring(i, open), null, false));
      }
      if (close < 0) {
        throw new IllegalArgumentException(
            "unclosed '{' at offset " + open + " in template " + template);
      }
      String name = template.substring(open + 1, close);
      boolean path = name.startsWith("+");
      if (path) {
        name = name.substring(1);
      }
      if (name.isEmpty()
          || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        throw new IllegalArgumentException(
            "placeholder '{"
                + template.substring(open + 1, close)
                + "}' in template "
                + template
                + " must name an argument (letters, digits, '_', '-')");
      }
      parts.add(new Part(null, name, path));
      i = close + 1;
    }
    return new ResourceTemplate(template, List.copyOf(parts));
  }

  /** The names of the arguments the template reads, in order. */
  public List<String> arguments() {
    return parts.stream().filter(p -> p.argument() != null).map(Part::argument).toList();
  }

  /**
   * Fills the template.
   *
   * @throws IllegalArgumentException naming the argument that is missing or malformed, or the path
   *     that escapes its root
   */
  @Override
  public ResourceId resolve(Map<String, Object> arguments) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p.argument() == null) {
        out.append(p.literal());
        continue;
      }
      String value = decoded(p.argument(), scalar(arguments, p.argument()));
      out.append(p.path() ? normalizedPath(p.argument(), value) : segment(p.argument(), value));
    }
    return ResourceId.of(out.toString());
  }

  private static String scalar(Map<String, Object> arguments, String name) {
    Object v = arguments.get(name);
    if (v == null) {
      throw new IllegalArgumentException("argument '" + name + "' is missing");
    }
    String s;
    if (v instanceof String str) {
      s = str;
    } else if (v instanceof Boolean
        || v instanceof Long
        || v instanceof Integer
        || v instanceof BigInteger) {
      s = v.toString();
    } else if (v instanceof BigDecimal d) {
      s = d.toPlainString();
    } else {
      throw new IllegalArgumentException(
          "argument '"
              + name
              + "' must be a string, integer or boolean, was "
              + v.getClass().getSimpleName());
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("argument '" + name + "' is empty");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new IllegalArgumentException(
            "argument '" + name + "' has a control character at offset " + i);
      }
    }
    return s;
  }

  /**
   * The value with its unreserved percent-encodings decoded (so {@code %2e%2e} is judged as {@code
   * ..}), refusing what canonical resource ids refuse (encoded separators, double encoding, {@code
   * ;} parameters, backslashes, NUL).
   */
  private static String decoded(String name, String value) {
    try {
      return ResourceCanonicalizer.decodePathValue(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("argument '" + name + "' holds " + e.getMessage());
    }
  }

  private static String segment(String name, String value) {
    if (value.indexOf('/') >= 0
        || value.indexOf('\\') >= 0
        || value.equals(".")
        || value.equals("..")) {
      throw new IllegalArgumentException(
          "argument '" + name + "' must be a single path segment, was '" + value + "'");
    }
    return value;
  }

  private static String normalizedPath(String name, String value) {
    if (value.indexOf('\\') >= 0) {
      throw new IllegalArgumentException(
          "argument '" + name + "' holds a backslash: '" + value + "'");
    }
    Deque<String> kept = new ArrayDeque<>();
    for (String segment : value.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (kept.isEmpty()) {
          throw new IllegalArgumentException(
              "argument '" + name + "' escapes its root: '" + value + "'");
        }
        kept.removeLast();
      } else {
        kept.addLast(segment);
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("argument '" + name + "' names no path: '" + value + "'");
    }
    return String.join("/", kept);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceTemplate t && source.equals(t.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  /** Returns the template as written. */
  @Override
  public String toString() {
    return source;
  }
}
