package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import java.util.List;
import java.util.Objects;

/**
 * One entry a principal holds through a role, with the inheritance path that brings it: for
 * explanations and least-privilege tooling. Immutable.
 *
 * @param role the role whose own entry this is
 * @param path the inheritance path from a role the principal is assigned down to {@code role}:
 *     {@code [assigned, ..., role]}; {@code [role]} when the role itself is assigned
 * @param entry the allow or deny entry
 */
public record Permission(String role, List<String> path, AccessEntry entry) {
  /** Validates and copies. */
  public Permission {
    Objects.requireNonNull(role, "role");
    path = List.copyOf(path);
    Objects.requireNonNull(entry, "entry");
    if (path.isEmpty() || !path.get(path.size() - 1).equals(role)) {
      throw new IllegalArgumentException("path " + path + " must end with role '" + role + "'");
    }
  }

  /** Whether the entry allows or denies. */
  public Effect effect() {
    return entry.effect();
  }

  /** The role the principal is assigned that brings this entry: the path's first role. */
  public String assignedRole() {
    return path.get(0);
  }

  @Override
  public String toString() {
    return entry.id() + " via " + String.join(" -> ", path);
  }
}
