package io.toolgate;

import io.toolgate.internal.Glob;
import io.toolgate.internal.ResourceCanonicalizer;

/**
 * A pattern over resource ids: {@code *} stands for any run of characters without {@code /} (one
 * path segment), {@code **} for any run at all, including {@code /} and nothing. So {@code
 * repo:acme/*} matches {@code repo:acme/api} but not {@code repo:acme/api/wiki}, and {@code
 * repo:acme/**} matches both (but not {@code repo:acme}). {@code **} alone matches every resource,
 * {@link ResourceId#NONE} included. Compiled once; matching never backtracks.
 */
public final class ResourcePattern {
  /** Matches every resource, {@link ResourceId#NONE} included. */
  public static final ResourcePattern ANY = parse("**");

  private final Glob glob;

  private ResourcePattern(Glob glob) {
    this.glob = glob;
  }

  /**
   * Compiles a resource pattern.
   *
   * @throws IllegalArgumentException if the text is empty, holds {@code ***} or a control character
   */
  public static ResourcePattern parse(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw new IllegalArgumentException(
            "resource pattern has a control character at offset " + i + ": " + text);
      }
    }
    try {
      return new ResourcePattern(Glob.compile(ResourceCanonicalizer.canonical(text, true)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("resource pattern '" + text + "': " + e.getMessage(), e);
    }
  }

  /** Whether the resource matches. */
  public boolean matches(ResourceId resource) {
    return glob.matches(resource.value());
  }

  /** Whether the pattern has no wildcard and so names exactly one resource. */
  public boolean isExact() {
    return glob.isLiteral();
  }

  /**
   * The pattern's text, canonical: what it was parsed from (after canonicalisation for resource
   * patterns), for tools that reason about patterns themselves, such as least-privilege analysis.
   */
  public String text() {
    return glob.source();
  }

  /** The compiled glob, for indexes. */
  Glob glob() {
    return glob;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourcePattern p && glob.equals(p.glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }

  /** Returns {@link #text()}. */
  @Override
  public String toString() {
    return glob.source();
  }
}
