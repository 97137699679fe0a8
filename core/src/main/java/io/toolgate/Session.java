package io.toolgate;

import io.toolgate.internal.Checks;
import io.toolgate.internal.Frozen;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * The static context of a request beyond who, what and where: the tenant (domain) it acts in and
 * the roles the caller has activated, as in the NIST RBAC model's sessions. The {@link #DEFAULT}
 * session names no tenant and activates every role the caller holds. Immutable; hash precomputed,
 * since a session is part of the cache key.
 */
public final class Session {
  /** No tenant, every role active. */
  public static final Session DEFAULT = new Session(null, null);

  private final String tenant;
  private final SortedSet<String> activeRoles;
  private final int hash;

  private Session(String tenant, SortedSet<String> activeRoles) {
    this.tenant = tenant;
    this.activeRoles = activeRoles;
    this.hash = Objects.hash(tenant, activeRoles);
  }

  /** A session in {@code tenant}, every role active. */
  public static Session tenant(String tenant) {
    return new Session(Checks.identifier(tenant, "tenant"), null);
  }

  /** A copy in which only {@code roles} are active (an empty set activates none). */
  public Session withActiveRoles(Collection<String> roles) {
    roles.forEach(r -> Checks.identifier(r, "role name"));
    return new Session(tenant, Frozen.sortedSet(roles));
  }

  /** A copy in which only {@code roles} are active. */
  public Session withActiveRoles(String... roles) {
    return withActiveRoles(Set.of(roles));
  }

  /** The tenant the request acts in, if it names one. */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** The roles activated for this request; empty means every role the caller holds is active. */
  public Optional<Set<String>> activeRoles() {
    return Optional.ofNullable(activeRoles);
  }

  /** Whether {@code role} is active: every role is, unless the session activates a subset. */
  public boolean isActive(String role) {
    return activeRoles == null || activeRoles.contains(role);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Session s
            && hash == s.hash
            && Objects.equals(tenant, s.tenant)
            && Objects.equals(activeRoles, s.activeRoles));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    if (this.equals(DEFAULT)) {
      return "session{default}";
    }
    return "session{"
        + (tenant != null ? "tenant=" + tenant : "")
        + (tenant != null && activeRoles != null ? " " : "")
        + (activeRoles != null ? "activeRoles=" + activeRoles : "")
        + "}";
  }
}
