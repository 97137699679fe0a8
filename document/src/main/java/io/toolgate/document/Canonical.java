package io.toolgate.document;

import io.toolgate.internal.Digests;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of a document: JSON with object keys sorted, no insignificant whitespace, and
 * numbers in one spelling, so the same policy written in JSON or YAML, in any key order, has one
 * digest. The policy version is {@code sha256:} and the first 16 hex digits of its SHA-256.
 */
final class Canonical {
  private Canonical() {}

  static String version(DocNode root) {
    StringBuilder out = new StringBuilder();
    write(root, out);
    return "sha256:" + Digests.sha256Hex16(out.toString());
  }

  private static void write(DocNode node, StringBuilder out) {
    if (node instanceof DocNode.Obj o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, DocNode.Field> e : new TreeMap<>(o.fields()).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue().value(), out);
      }
      out.append('}');
    } else if (node instanceof DocNode.Arr a) {
      out.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(a.items().get(i), out);
      }
      out.append(']');
    } else {
      Object v = ((DocNode.Scalar) node).value();
      if (v == null) {
        out.append("null");
      } else if (v instanceof String s) {
        string(s, out);
      } else if (v instanceof Boolean b) {
        out.append(b);
      } else {
        out.append(new BigDecimal(v.toString()).stripTrailingZeros().toPlainString());
      }
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
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
