package io.toolgate.rbac;

import java.util.Objects;
import java.util.Optional;

/**
 * A principal holding a role (NIST's user assignment, for users, agents and services alike), in
 * every tenant or in one tenant only, and optionally bounded by the principal's owner. Immutable
 * value; {@link #inTenant} and {@link #boundedByOwner} return changed copies.
 *
 * <p>A <em>bounded</em> assignment is effective, in a tenant, only while the principal's owner
 * holds the same role there (directly or through a senior role, or through its own bounded
 * assignment): an agent can never gain a role its user lacks, and loses it when the user does.
 * Elsewhere it is dormant, not an error.
 */
public final class Assignment {
  private final String principal;
  private final String role;
  private final String tenant;
  private final boolean bounded;

  private Assignment(String principal, String role, String tenant, boolean bounded) {
    this.principal = Names.check(principal, "principal id");
    this.role = Names.check(role, "role name");
    this.tenant = tenant == null ? null : Names.check(tenant, "tenant");
    this.bounded = bounded;
  }

  /**
   * {@code principal} holds {@code role} in every tenant.
   *
   * @throws IllegalArgumentException if a name is empty or holds whitespace or control characters
   */
  public static Assignment of(String principal, String role) {
    return new Assignment(principal, role, null, false);
  }

  /** A copy effective in {@code tenant} only. */
  public Assignment inTenant(String tenant) {
    return new Assignment(principal, role, Objects.requireNonNull(tenant, "tenant"), bounded);
  }

  /** A copy effective only where the principal's owner holds the role too. */
  public Assignment boundedByOwner() {
    return new Assignment(principal, role, tenant, true);
  }

  /** The principal holding the role. */
  public String principal() {
    return principal;
  }

  /** The role held. */
  public String role() {
    return role;
  }

  /** The one tenant the assignment is effective in; empty means every tenant. */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** Whether the assignment is effective only where the principal's owner holds the role. */
  public boolean isBoundedByOwner() {
    return bounded;
  }

  /** Whether the assignment applies in {@code tenantOrNull} (null: a request naming no tenant). */
  boolean appliesIn(String tenantOrNull) {
    return tenant == null || tenant.equals(tenantOrNull);
  }

  String tenantOrNull() {
    return tenant;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Assignment a
        && principal.equals(a.principal)
        && role.equals(a.role)
        && Objects.equals(tenant, a.tenant)
        && bounded == a.bounded;
  }

  @Override
  public int hashCode() {
    return Objects.hash(principal, role, tenant, bounded);
  }

  /** Returns {@code principal -> role [in tenant] [bounded by owner]}. */
  @Override
  public String toString() {
    return principal
        + " -> "
        + role
        + (tenant == null ? "" : " in " + tenant)
        + (bounded ? " bounded by owner" : "");
  }
}
