package io.toolgate.rbac;

import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;

/**
 * A resource pattern with one {@code {tenant}} capture, such as {@code repo:{tenant}/**} or {@code
 * https://{tenant}.example.com/**}, that takes a request's tenant from its resource.
 *
 * <p>Shape: a literal prefix (no wildcard), then {@code {tenant}}, then an optional rest that
 * starts with a literal delimiter character and is matched as a {@link ResourcePattern}. The
 * capture is the non-empty run after the prefix up to the first delimiter, never crossing {@code
 * /}; without a rest it runs to the end of the resource. Matching is a prefix comparison, one scan
 * for the delimiter and one linear glob match: no backtracking.
 */
final class TenantPattern {
  static final String CAPTURE = "{tenant}";

  private final String source;
  private final String prefix;
  private final char delimiter;
  private final ResourcePattern rest;

  private TenantPattern(String source, String prefix, char delimiter, ResourcePattern rest) {
    this.source = source;
    this.prefix = prefix;
    this.delimiter = delimiter;
    this.rest = rest;
  }

  /**
   * Parses a tenant pattern.
   *
   * @throws IllegalArgumentException if the text does not hold exactly one {@code {tenant}}, has a
   *     wildcard before it, or has a wildcard or {@code /}-less gap right after it
   */
  static TenantPattern parse(String text) {
    java.util.Objects.requireNonNull(text, "tenant pattern");
    int at = text.indexOf(CAPTURE);
    if (at < 0 || text.indexOf(CAPTURE, at + 1) >= 0) {
      throw new IllegalArgumentException(
          "tenant pattern '" + text + "' must hold exactly one " + CAPTURE);
    }
    String prefix = text.substring(0, at);
    if (prefix.indexOf('*') >= 0) {
      throw new IllegalArgumentException(
          "tenant pattern '"
              + text
              + "' has a wildcard before "
              + CAPTURE
              + "; only a literal prefix may precede it");
    }
    String after = text.substring(at + CAPTURE.length());
    if (after.isEmpty()) {
      return new TenantPattern(text, prefix, '\0', null);
    }
    char delimiter = after.charAt(0);
    if (delimiter == '*' || delimiter == '{') {
      throw new IllegalArgumentException(
          "tenant pattern '"
              + text
              + "' must follow "
              + CAPTURE
              + " with a literal delimiter such as '/' or '.', not '"
              + delimiter
              + "'");
    }
    ResourcePattern rest;
    try {
      rest = ResourcePattern.parse(after);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tenant pattern '" + text + "': " + e.getMessage(), e);
    }
    return new TenantPattern(text, prefix, delimiter, rest);
  }

  /** The tenant this resource names, or null if the pattern does not match it. */
  String capture(ResourceId resource) {
    String v = resource.value();
    if (!v.startsWith(prefix)) {
      return null;
    }
    int start = prefix.length();
    int end;
    if (rest == null) {
      end = v.length();
      if (v.indexOf('/', start) >= 0) {
        return null;
      }
    } else {
      end = v.indexOf(delimiter, start);
      if (end < 0) {
        return null;
      }
      if (delimiter != '/') {
        int slash = v.indexOf('/', start);
        if (slash >= 0 && slash < end) {
          return null;
        }
      }
    }
    if (end == start) {
      return null;
    }
    if (rest != null && !rest.matches(ResourceId.of(v.substring(end)))) {
      return null;
    }
    return v.substring(start, end);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TenantPattern p && source.equals(p.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
