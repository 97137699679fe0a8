package io.toolgate.document;

/**
 * Limits a document must stay within before anything else is done with it; a document over a limit
 * is refused as soon as the limit is crossed. The defaults admit a 100,000-grant policy and refuse
 * anything much larger or stranger.
 *
 * @param maxBytes the largest document, in bytes (checked before parsing)
 * @param maxDepth the deepest nesting of objects and arrays
 * @param maxStringLength the longest string, in characters
 * @param maxTokens the most tokens (keys, values, brackets) in the document
 */
public record DocumentLimits(long maxBytes, int maxDepth, int maxStringLength, long maxTokens) {
  /** 32 MiB, depth 32, strings up to 16,384 characters, 4,000,000 tokens. */
  public static final DocumentLimits DEFAULTS =
      new DocumentLimits(32L << 20, 32, 16_384, 4_000_000);

  /** Validates: every limit positive. */
  public DocumentLimits {
    if (maxBytes <= 0 || maxDepth <= 0 || maxStringLength <= 0 || maxTokens <= 0) {
      throw new IllegalArgumentException("every document limit must be positive");
    }
  }
}
