package io.toolgate.analysis;

import java.util.List;
import java.util.Objects;

/**
 * One (tool, resource) of a catalog that a principal or chain can invoke, how, and through which
 * grants. Immutable.
 *
 * @param tool the tool, or the tool pattern a witness stands for
 * @param resource the resource, or the resource pattern a witness stands for
 * @param access whether it is reached always or only under conditions
 * @param conditions for {@link Access#CONDITIONAL}: {@code when ...} for the conditional allows one
 *     of which must hold (per principal of a chain), {@code unless ...} for conditional denies that
 *     must not; empty for {@link Access#ALWAYS}
 * @param grants the grants that allow it, for every principal of the chain
 */
public record Reach(
    CatalogTool tool,
    CatalogResource resource,
    Access access,
    List<String> conditions,
    List<GrantRef> grants) {
  /** Validates and copies. */
  public Reach {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(access, "access");
    conditions = List.copyOf(conditions);
    grants = List.copyOf(grants);
  }

  /** Returns {@code tool on resource through grants}, with conditions when there are some. */
  @Override
  public String toString() {
    return tool.label()
        + " on "
        + resource.label()
        + (grants.isEmpty()
            ? ""
            : " through " + String.join(", ", grants.stream().map(GrantRef::toString).toList()))
        + (conditions.isEmpty() ? "" : " " + String.join(" ", conditions));
  }
}
