package io.toolgate.analysis;

import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import java.util.Objects;

/**
 * One tool the analysis probes: a tool of a catalog, or a witness standing for a tool pattern.
 *
 * @param label what reports show: the tool id, or the pattern a witness stands for
 * @param tool the tool probed: its catalog entry (with annotations), or for a pattern a witness
 *     tool it matches ({@code github/list_*} is probed as {@code github/list_x}), unannotated
 */
public record CatalogTool(String label, Tool tool) {
  /** Validates. */
  public CatalogTool {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(tool, "tool");
  }

  /** Whether this stands for a tool pattern rather than one tool. */
  public boolean isPattern() {
    return Patterns.isWildcard(label);
  }

  /**
   * Whether the tool may be destructive: its annotations say so, as the MCP defaults assume for an
   * unannotated tool ({@link ToolAnnotations} already makes a read-only tool not destructive).
   */
  public boolean isDestructive() {
    return tool.annotations().destructive();
  }

  /** Whether the tool reaches an open world (the web, say), by its annotations. */
  public boolean isOpenWorld() {
    return tool.annotations().openWorld();
  }

  @Override
  public String toString() {
    return label;
  }
}
