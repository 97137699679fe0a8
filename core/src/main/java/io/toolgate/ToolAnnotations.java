package io.toolgate;

/**
 * MCP-style behaviour hints a tool's server declares. They are hints from a party the policy does
 * not control: conditions and findings may use them to narrow access, and nothing ever grants
 * access because of them. The defaults follow the MCP specification's pessimistic defaults.
 *
 * @param readOnly the tool does not modify its environment
 * @param destructive the tool may perform destructive updates (false whenever read-only)
 * @param idempotent calling the tool again with the same arguments has no further effect (true
 *     whenever read-only)
 * @param openWorld the tool interacts with an open world of external entities (the web, say)
 */
public record ToolAnnotations(
    boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
  /**
   * Applies MCP's rule in the one place every reader sees: {@code destructiveHint} and {@code
   * idempotentHint} are meaningful only when {@code readOnlyHint} is false. A read-only tool does
   * not modify its environment, so it is not destructive and calling it again has no further
   * effect: read-only forces {@code destructive} false and {@code idempotent} true, so CEL
   * conditions ({@code tool.annotations.destructive}), least-privilege findings and visibility
   * agree.
   */
  public ToolAnnotations {
    if (readOnly) {
      destructive = false;
      idempotent = true;
    }
  }

  /**
   * What an unannotated tool is assumed to be: writable, destructive, not idempotent, open-world.
   */
  public static final ToolAnnotations UNANNOTATED = new ToolAnnotations(false, true, false, true);

  /** Hints for a tool that only reads: read-only, not destructive, idempotent, closed-world. */
  public static final ToolAnnotations READ_ONLY = new ToolAnnotations(true, false, true, false);
}
