package io.toolgate.document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps an offset inside a string scalar's value back to its line and column in the document text,
 * for {@link SectionContext#locate}. One per load; not thread-safe; the text is decoded only when
 * first asked.
 *
 * <p>The scalar is re-read from the source line at its location: a JSON or YAML double-quoted
 * string (escapes count as the one character they stand for, placed at their backslash), a YAML
 * single-quoted one ({@code ''} is one quote) or a plain one. The mapping is used only when that
 * re-reading reproduces the parsed value exactly; block scalars, strings folded over several lines
 * and anything unexpected fall back to the node's own location, so the answer is never wrong, at
 * worst less precise.
 */
final class ScalarPositions {
  private final byte[] bytes;
  private final DocumentFormat format;
  private String text;
  private List<Integer> lineStarts;

  ScalarPositions(byte[] bytes, DocumentFormat format) {
    this.bytes = bytes;
    this.format = format;
  }

  Location locate(DocNode node, int offset) {
    Location at = node.location();
    if (!(node instanceof DocNode.Scalar s)
        || !(s.value() instanceof String value)
        || offset < 0
        || offset > value.length()) {
      return at;
    }
    String line = line(at.line());
    int start = at.column() - 1;
    if (line == null || start < 0 || start >= line.length()) {
      return at;
    }
    int[] sources = sourceIndexes(line, start, value);
    if (sources == null) {
      return at;
    }
    int index = sources[offset];
    return new Location(at.source(), at.line(), at.column() + (index - start));
  }

  /**
   * For each char of {@code value}, its index in {@code line}, and last the index just past the
   * value (a closing quote, or the end of a plain scalar); null unless the scalar starting at
   * {@code start} is on this line alone and reads back as {@code value}.
   */
  private int[] sourceIndexes(String line, int start, String value) {
    char first = line.charAt(start);
    int[] out = new int[value.length() + 1];
    StringBuilder read = new StringBuilder(value.length());
    if (first == '"') {
      int i = start + 1;
      while (i < line.length() && line.charAt(i) != '"') {
        int from = i;
        char c = line.charAt(i);
        if (c == '\\') {
          if (i + 1 >= line.length()) {
            return null;
          }
          char e = line.charAt(i + 1);
          int hex =
              e == 'u'
                  ? 4
                  : e == 'x' && format == DocumentFormat.YAML
                      ? 2
                      : e == 'U' && format == DocumentFormat.YAML ? 8 : 0;
          if (hex > 0) {
            if (i + 2 + hex > line.length()) {
              return null;
            }
            int cp;
            try {
              cp = Integer.parseInt(line.substring(i + 2, i + 2 + hex), 16);
            } catch (NumberFormatException notHex) {
              return null;
            }
            if (!Character.isValidCodePoint(cp)) {
              return null;
            }
            i += 2 + hex;
            for (char ch : Character.toChars(cp)) {
              if (!append(read, out, ch, from)) {
                return null;
              }
            }
            continue;
          }
          char decoded = unescape(e);
          if (decoded == 0 && e != '0') {
            return null;
          }
          i += 2;
          if (!append(read, out, decoded, from)) {
            return null;
          }
          continue;
        }
        i++;
        if (!append(read, out, c, from)) {
          return null;
        }
      }
      if (i >= line.length()) {
        return null; // continues on the next line
      }
      out[value.length()] = i;
    } else if (first == '\'' && format == DocumentFormat.YAML) {
      int i = start + 1;
      while (true) {
        if (i >= line.length()) {
          return null;
        }
        char c = line.charAt(i);
        if (c == '\'') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '\'') {
            if (!append(read, out, '\'', i)) {
              return null;
            }
            i += 2;
            continue;
          }
          out[value.length()] = i;
          break;
        }
        if (!append(read, out, c, i)) {
          return null;
        }
        i++;
      }
    } else if (format == DocumentFormat.YAML && first != '|' && first != '>') {
      if (!line.startsWith(value, start)) {
        return null;
      }
      for (int k = 0; k <= value.length(); k++) {
        out[k] = start + k;
      }
      return out;
    } else {
      return null;
    }
    return read.toString().equals(value) ? out : null;
  }

  private static boolean append(StringBuilder read, int[] out, char c, int source) {
    if (read.length() >= out.length - 1) {
      return false;
    }
    out[read.length()] = source;
    read.append(c);
    return true;
  }

  /** The char a one-letter escape stands for (JSON's and YAML's), or 0 when unknown. */
  private static char unescape(char e) {
    return switch (e) {
      case '"', '\\', '/', '\'' -> e;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't', '\t' -> '\t';
      case '0' -> '\0';
      case 'a' -> '\u0007';
      case 'v' -> '\u000b';
      case 'e' -> '\u001b';
      case ' ' -> ' ';
      case 'N' -> '\u0085';
      case '_' -> '\u00a0';
      case 'L' -> '\u2028';
      case 'P' -> '\u2029';
      default -> 0;
    };
  }

  /** Line {@code n} (from 1) without its line break, or null. */
  private String line(int n) {
    if (text == null) {
      text = new String(bytes, StandardCharsets.UTF_8);
      lineStarts = new ArrayList<>();
      lineStarts.add(0);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
          lineStarts.add(i + 1);
        }
      }
    }
    if (n < 1 || n > lineStarts.size()) {
      return null;
    }
    int from = lineStarts.get(n - 1);
    int to = n < lineStarts.size() ? lineStarts.get(n) : text.length();
    while (to > from && (text.charAt(to - 1) == '\n' || text.charAt(to - 1) == '\r')) {
      to--;
    }
    return text.substring(from, to);
  }
}
