package io.toolgate.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON text of JSON-like values (as {@link JsonValues} freezes them), in the style of RFC
 * 8785 (JCS): object keys sorted by UTF-16 code units at every level, no insignificant whitespace,
 * strings escaped only where JSON requires it (quote, backslash, the short escapes b, f, n, r, t,
 * other control characters as lowercase six-character escapes), and one spelling per numeric value:
 * trailing zeros dropped, plain notation when the leading digit's exponent is in [-6, 21),
 * otherwise {@code 1.5e+30} / {@code 1e-9} as ECMAScript writes them. Unlike JCS, a number is
 * written exactly (a {@code long} or {@code BigDecimal} beyond a double's precision keeps its
 * digits); {@code 1}, {@code 1L} and {@code 1.0} are all {@code 1}.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical text of a JSON-like value. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put((String) k, v));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Number n) {
      out.append(number(n));
    } else {
      throw new IllegalArgumentException("not a JSON-like value: " + value);
    }
  }

  /** One spelling per numeric value, as the class documentation describes. */
  static String number(Number n) {
    BigDecimal d;
    if (n instanceof BigDecimal b) {
      d = b;
    } else if (n instanceof BigInteger i) {
      d = new BigDecimal(i);
    } else if (n instanceof Double || n instanceof Float) {
      double x = n.doubleValue();
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        throw new IllegalArgumentException("JSON has no " + x);
      }
      d = BigDecimal.valueOf(x);
    } else {
      d = BigDecimal.valueOf(n.longValue());
    }
    if (d.signum() == 0) {
      return "0";
    }
    d = d.stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= -6 && exponent < 21) {
      return d.toPlainString();
    }
    String digits = d.unscaledValue().abs().toString();
    return (d.signum() < 0 ? "-" : "")
        + digits.charAt(0)
        + (digits.length() > 1 ? "." + digits.substring(1) : "")
        + "e"
        + (exponent > 0 ? "+" : "-")
        + Math.abs(exponent);
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
