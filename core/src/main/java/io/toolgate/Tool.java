package io.toolgate;

import io.toolgate.internal.JsonValues;
import java.util.Map;
import java.util.Objects;

/**
 * A tool in a policy's catalog: its id, the annotations its server declares, and free attributes
 * (risk, data class, ...). Immutable.
 *
 * @param id the tool's identity
 * @param annotations the server's behaviour hints; never grant anything
 * @param attributes JSON-like values, in insertion order
 */
public record Tool(ToolId id, ToolAnnotations annotations, Map<String, Object> attributes) {
  /** Validates and deep-copies. */
  public Tool {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(annotations, "annotations");
    // The label is built only when there is something to copy: a cache miss builds these often.
    attributes =
        attributes.isEmpty()
            ? Map.of()
            : JsonValues.freezeMap(attributes, "attributes of tool " + id);
  }

  /** A catalog entry with the MCP default annotations and no attributes. */
  public static Tool of(ToolId id) {
    return new Tool(id, ToolAnnotations.UNANNOTATED, Map.of());
  }

  /** A catalog entry with the given annotations and no attributes. */
  public static Tool of(ToolId id, ToolAnnotations annotations) {
    return new Tool(id, annotations, Map.of());
  }

  /** A catalog entry parsed from {@code server/name}, with the given annotations. */
  public static Tool of(String qualifiedName, ToolAnnotations annotations) {
    return new Tool(ToolId.parse(qualifiedName), annotations, Map.of());
  }
}
