package io.toolgate.spi;

import java.util.List;
import java.util.Objects;

/** Where a {@link Grant} comes from: the closed set of grant kinds Toolgate knows. Immutable. */
public sealed interface GrantSource {
  /** A direct whitelist entry of the principal. */
  GrantSource ENTRY = new Entry();

  /** A whitelist entry written on the principal itself. */
  record Entry() implements GrantSource {
    @Override
    public String toString() {
      return "direct entry";
    }
  }

  /**
   * An entry of a role the principal holds.
   *
   * @param role the role whose own entry it is
   * @param path the inheritance path from the role the principal is assigned down to {@code role}
   *     ({@code [triager, reader]}); {@code [role]} when the role itself is assigned
   */
  record Role(String role, List<String> path) implements GrantSource {
    /** Validates and copies. */
    public Role {
      Objects.requireNonNull(role, "role");
      path = List.copyOf(path);
      if (path.isEmpty() || !path.get(path.size() - 1).equals(role)) {
        throw new IllegalArgumentException("path " + path + " must end with role '" + role + "'");
      }
    }

    @Override
    public String toString() {
      return path.size() == 1
          ? "role " + role
          : "role " + role + " via " + String.join(" -> ", path);
    }
  }

  /**
   * A rule (an attribute-based rule, say) that targets the principal.
   *
   * @param description a short readable description of whom the rule targets, or empty
   */
  record Rule(String description) implements GrantSource {
    /** Validates. */
    public Rule {
      Objects.requireNonNull(description, "description");
    }

    @Override
    public String toString() {
      return description.isEmpty() ? "rule" : "rule " + description;
    }
  }
}
