package io.toolgate.rbac;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A separation-of-duty constraint, as NIST RBAC defines it: a set of conflicting roles and a
 * cardinality {@code n}; a principal may hold (static) or have active in one request (dynamic)
 * fewer than {@code n} roles of the set, counting roles held through inheritance. With the usual
 * {@code n = 2}, no two roles of the set may meet.
 *
 * <ul>
 *   <li>{@link Kind#STATIC}: checked when the policy is built, per principal and tenant; a
 *       violation makes {@link io.toolgate.Policy.Builder#build()} throw.
 *   <li>{@link Kind#DYNAMIC}: checked per request, over the roles active in its {@link
 *       io.toolgate.Session}; a violation denies the request with reason {@link
 *       io.toolgate.Reason#SEPARATION_OF_DUTY} and rule id {@code sod:<name>}.
 * </ul>
 *
 * @param name the constraint's unique name, shown in errors and decisions
 * @param kind static or dynamic
 * @param roles the conflicting roles, at least two, in sorted order
 * @param cardinality {@code n}: fewer than {@code n} roles of the set are allowed; 2 to the set's
 *     size
 */
public record SodConstraint(String name, Kind kind, Set<String> roles, int cardinality) {
  /** When the constraint is checked. */
  public enum Kind {
    /** On the roles a principal holds: checked when the policy is built (NIST SSD). */
    STATIC,
    /** On the roles active in one request: checked per decision (NIST DSD). */
    DYNAMIC
  }

  /**
   * Validates and copies; roles are kept in sorted order.
   *
   * @throws IllegalArgumentException if a name is malformed, fewer than two distinct roles are
   *     given, or the cardinality is outside 2 to the number of roles
   */
  public SodConstraint {
    Names.check(name, "constraint name");
    java.util.Objects.requireNonNull(kind, "kind");
    Set<String> sorted = new TreeSet<>();
    for (String r : roles) {
      sorted.add(Names.check(r, "role name"));
    }
    if (sorted.size() < 2) {
      throw new IllegalArgumentException(
          "constraint '" + name + "' needs at least two distinct roles, has " + sorted);
    }
    if (cardinality < 2 || cardinality > sorted.size()) {
      throw new IllegalArgumentException(
          "constraint '"
              + name
              + "' has cardinality "
              + cardinality
              + "; it must be between 2 and the number of roles, "
              + sorted.size());
    }
    roles = Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
  }

  /** A static constraint: a principal may hold at most one of {@code roles}. */
  public static SodConstraint ofStatic(String name, Collection<String> roles) {
    return new SodConstraint(name, Kind.STATIC, Set.copyOf(roles), 2);
  }

  /** A dynamic constraint: a request may have at most one of {@code roles} active. */
  public static SodConstraint ofDynamic(String name, Collection<String> roles) {
    return new SodConstraint(name, Kind.DYNAMIC, Set.copyOf(roles), 2);
  }

  @Override
  public String toString() {
    return (kind == Kind.STATIC ? "ssd " : "dsd ")
        + name
        + ": fewer than "
        + cardinality
        + " of "
        + roles;
  }
}
