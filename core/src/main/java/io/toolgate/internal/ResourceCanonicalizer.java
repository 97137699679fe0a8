package io.toolgate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one canonical form of resource ids and resource patterns, so that the engine, the guard,
 * documents and every module compare the same thing and no spelling reaches what the policy did not
 * allow. Rules (docs/architecture.md, "Canonical resources"):
 *
 * <ul>
 *   <li>the scheme is lower-cased; a {@code //authority} is kept as written, after decoding;
 *   <li>percent-encoded unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded; other
 *       encodings stay encoded with upper-case hex;
 *   <li>refused: a malformed {@code %}, {@code %00}, an encoded separator ({@code %2F}, {@code
 *       %5C}), double encoding ({@code %25} followed by two hex digits), a backslash, a {@code ;}
 *       in the path (path parameters such as {@code ..;/}), a {@code #} fragment, an empty segment
 *       inside the path ({@code //}), a {@code ..} that climbs above the root;
 *   <li>dot segments are removed (RFC 3986 {@code remove_dot_segments}) from the path, after
 *       decoding, so {@code %2e%2e} is {@code ..};
 *   <li>the query ({@code ?...}) is kept as written.
 * </ul>
 *
 * <p>A pattern follows the same rules, with {@code *} as an ordinary path character, except that it
 * may hold no dot segment at all: a pattern is written by a person, and {@code ..} in it is a
 * mistake.
 */
public final class ResourceCanonicalizer {
  private ResourceCanonicalizer() {}

  /**
   * The canonical form of {@code raw}.
   *
   * @param pattern whether {@code raw} is a pattern (no dot segments allowed at all)
   * @throws IllegalArgumentException saying why it cannot be made canonical
   */
  public static String canonical(String raw, boolean pattern) {
    if (isPlain(raw)) {
      return raw;
    }
    if (raw.indexOf('#') >= 0) {
      throw new IllegalArgumentException("a fragment ('#') has no place in a resource id");
    }
    int colon = schemeEnd(raw);
    String scheme = colon < 0 ? "" : raw.substring(0, colon).toLowerCase(Locale.ROOT) + ":";
    int i = colon + 1;
    String authority = "";
    if (raw.startsWith("//", i)) {
      int end = i + 2;
      while (end < raw.length() && raw.charAt(end) != '/' && raw.charAt(end) != '?') {
        end++;
      }
      authority = "//" + decode(raw.substring(i + 2, end), false);
      i = end;
    }
    int q = raw.indexOf('?', i);
    String path = decode(q < 0 ? raw.substring(i) : raw.substring(i, q), true);
    String query = q < 0 ? "" : raw.substring(q);
    return scheme + authority + removeDotSegments(path, pattern) + query;
  }

  /**
   * Decodes an argument value that a template puts into a path: unreserved encodings decoded, the
   * refusals above applied, dot segments left for the template to judge.
   */
  public static String decodePathValue(String value) {
    return decode(value, true);
  }

  /**
   * Whether the id has nothing to normalise: no scheme in upper case, no {@code %}, {@code \},
   * {@code ;}, {@code #}, no dot segment and no empty segment. One scan, no allocation.
   */
  private static boolean isPlain(String s) {
    int colon = schemeEnd(s);
    for (int i = 0; i < colon; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return false;
      }
    }
    int pathStart = colon + 1;
    if (s.startsWith("//", pathStart)) {
      pathStart += 2;
    }
    boolean segmentStart = true;
    int dots = 0;
    for (int i = pathStart; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '?') {
        return dots == 0 || !segmentStart; // the query is kept as written
      }
      if (c == '%' || c == '\\' || c == ';' || c == '#') {
        return false;
      }
      if (c == '/') {
        if (segmentStart && (dots > 0 || i > pathStart)) {
          return false; // a "." or ".." segment, or an empty one
        }
        segmentStart = true;
        dots = 0;
      } else if (c == '.' && segmentStart) {
        dots++;
        if (dots > 2) {
          segmentStart = false;
        }
      } else {
        segmentStart = false;
      }
    }
    return !(segmentStart && dots > 0);
  }

  /**
   * The index of the ':' ending a scheme ({@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}), or
   * -1.
   */
  private static int schemeEnd(String s) {
    if (s.isEmpty() || !isAlpha(s.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':') {
        return i;
      }
      if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isUnreserved(int c) {
    return isAlpha((char) c)
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static String decode(String s, boolean path) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        throw new IllegalArgumentException("a backslash is an ambiguous separator");
      }
      if (c == ';' && path) {
        throw new IllegalArgumentException("';' path parameters are refused");
      }
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
        throw new IllegalArgumentException("a malformed percent-encoding at offset " + i);
      }
      int v = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
      if (v == 0) {
        throw new IllegalArgumentException("an encoded NUL (%00)");
      }
      if (v == '/' || v == '\\') {
        throw new IllegalArgumentException(
            "an encoded separator (%" + s.substring(i + 1, i + 3) + ") is ambiguous");
      }
      if (v == '%'
          && i + 4 < s.length()
          && hex(s.charAt(i + 3)) >= 0
          && hex(s.charAt(i + 4)) >= 0) {
        throw new IllegalArgumentException("double percent-encoding at offset " + i);
      }
      if (isUnreserved(v)) {
        out.append((char) v);
      } else {
        out.append('%')
            .append(Character.toUpperCase(s.charAt(i + 1)))
            .append(Character.toUpperCase(s.charAt(i + 2)));
      }
      i += 2;
    }
    return out.toString();
  }

  /**
   * RFC 3986 {@code remove_dot_segments}, refusing empty segments inside the path and a {@code ..}
   * above the root; a pattern may hold no dot segment at all.
   */
  private static String removeDotSegments(String path, boolean pattern) {
    boolean absolute = path.startsWith("/");
    String[] segments = (absolute ? path.substring(1) : path).split("/", -1);
    List<String> kept = new ArrayList<>(segments.length);
    boolean trailingSlash = false;
    for (int k = 0; k < segments.length; k++) {
      String seg = segments[k];
      boolean last = k == segments.length - 1;
      if (seg.equals(".") || seg.equals("..")) {
        if (pattern) {
          throw new IllegalArgumentException("a '" + seg + "' segment in a pattern");
        }
        if (seg.equals("..")) {
          if (kept.isEmpty()) {
            throw new IllegalArgumentException("'..' climbs above the root");
          }
          kept.remove(kept.size() - 1);
        }
        trailingSlash = last; // "a/." and "a/.." name a directory
        continue;
      }
      if (seg.isEmpty()) {
        if (last && k > 0) {
          trailingSlash = true;
          continue;
        }
        if (!(k == 0 && segments.length == 1)) {
          throw new IllegalArgumentException("an empty path segment ('//')");
        }
        continue;
      }
      kept.add(seg);
      trailingSlash = false;
    }
    StringBuilder out = new StringBuilder(path.length());
    if (absolute) {
      out.append('/');
    }
    out.append(String.join("/", kept));
    if (trailingSlash && !kept.isEmpty()) {
      out.append('/');
    }
    return out.toString();
  }
}
