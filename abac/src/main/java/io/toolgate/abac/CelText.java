package io.toolgate.abac;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders names and JSON-like values as CEL source text. Touches no CEL type. */
final class CelText {
  private CelText() {}

  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  /** Whether {@code s} can follow a dot in CEL ({@code args.amount}); otherwise index it. */
  static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return !RESERVED.contains(s);
  }

  /** {@code operand.name}, or {@code operand["name"]} when the name is not an identifier. */
  static String field(String operand, String name) {
    return isIdentifier(name) ? operand + "." + name : operand + "[" + literal(name) + "]";
  }

  /** A CEL literal for a JSON-like value (null renders as {@code null}). */
  static String literal(Object v) {
    if (v instanceof String s) {
      StringBuilder b = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '"' -> b.append("\\\"");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException("CEL has no literal for " + d);
      }
      String t = Double.toString(d);
      return t.contains(".") || t.contains("E") ? t : t + ".0";
    }
    if (v instanceof Float f) {
      return literal(f.doubleValue());
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return String.valueOf(((Number) v).longValue());
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(literal(l.get(i)));
      }
      return b.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        b.append(first ? "" : ", ")
            .append(literal(e.getKey()))
            .append(": ")
            .append(literal(e.getValue()));
        first = false;
      }
      return b.append('}').toString();
    }
    if (v == null) {
      return "null";
    }
    if (v instanceof Long || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw new IllegalArgumentException("no CEL literal for a " + v.getClass().getName());
  }
}
