package io.toolgate;

import io.toolgate.internal.JsonValues;
import java.util.Map;
import java.util.Objects;

/**
 * A resource in a policy's catalog, with free attributes (owner, data class, ...). Immutable.
 *
 * @param id the resource's identity
 * @param attributes JSON-like values, in insertion order
 */
public record Resource(ResourceId id, Map<String, Object> attributes) {
  /** Validates and deep-copies. */
  public Resource {
    Objects.requireNonNull(id, "id");
    // The label is built only when there is something to copy: a cache miss builds these often.
    attributes =
        attributes.isEmpty()
            ? Map.of()
            : JsonValues.freezeMap(attributes, "attributes of resource " + id);
  }

  /** A resource with no attributes. */
  public static Resource of(ResourceId id) {
    return new Resource(id, Map.of());
  }
}
