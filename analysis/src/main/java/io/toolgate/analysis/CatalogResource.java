package io.toolgate.analysis;

import io.toolgate.ResourceId;
import java.util.Objects;

/**
 * One resource the analysis probes: a resource of a catalog, the "none" resource, or a witness
 * standing for a resource pattern.
 *
 * @param label what reports show: the resource id, {@code (none)}, or the pattern a witness stands
 *     for
 * @param id the resource probed: itself, or for a pattern a witness it matches (each {@code **}
 *     becomes {@code x/x} and each {@code *} becomes {@code x}: {@code repo:acme/**} is probed as
 *     {@code repo:acme/x/x})
 */
public record CatalogResource(String label, ResourceId id) {
  /** The "none" resource of calls that name none. */
  public static final CatalogResource NONE = new CatalogResource("(none)", ResourceId.NONE);

  /** Validates. */
  public CatalogResource {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(id, "id");
  }

  /** Whether this stands for a resource pattern rather than one resource. */
  public boolean isPattern() {
    return !id.isNone() && Patterns.isWildcard(label);
  }

  @Override
  public String toString() {
    return label;
  }
}
