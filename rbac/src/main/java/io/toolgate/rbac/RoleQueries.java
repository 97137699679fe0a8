package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.spi.RoleDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Questions about the roles of one compiled policy snapshot: the effective roles of a principal,
 * the principals holding a role, and the effective permissions of a principal with the role and
 * inheritance path granting each. Obtain one with {@link RbacPolicy#queries(io.toolgate.Policy)};
 * it is also what the compiled module publishes as its {@link RoleDirectory} service. Immutable and
 * thread-safe; every returned collection is immutable.
 *
 * <p>A {@code tenant} argument names the tenant a request would act in: tenant-free assignments
 * count in every tenant, tenant-scoped ones only in theirs. The overloads without it answer for a
 * request naming no tenant. All roles count as active; {@link #rolesOf} takes a {@link Session} to
 * answer for a subset of active roles.
 */
public final class RoleQueries implements RoleDirectory {
  private final RoleHoldings holdings;
  private final RoleGraph graph;

  RoleQueries(RoleHoldings holdings) {
    this.holdings = holdings;
    this.graph = holdings.graph;
  }

  /** Every tenant an assignment names, in first-mention order. */
  public Set<String> tenants() {
    Set<String> t = new LinkedHashSet<>();
    holdings.module.assignments().forEach(a -> a.tenant().ifPresent(t::add));
    return Collections.unmodifiableSet(t);
  }

  /**
   * The roles {@code principalId} holds in a request naming no tenant, inherited ones included, in
   * role definition order.
   *
   * @throws IllegalArgumentException if the policy does not define the principal
   */
  public Set<String> effectiveRoles(String principalId) {
    return held(principalId, null).names();
  }

  /**
   * The roles {@code principalId} holds in {@code tenant}, inherited ones included, in role
   * definition order.
   *
   * @throws IllegalArgumentException if the policy does not define the principal
   */
  public Set<String> effectiveRoles(String principalId, String tenant) {
    return held(principalId, Objects.requireNonNull(tenant, "tenant")).names();
  }

  /**
   * The roles {@code principalId} is assigned, as effective in {@code tenant} (null: none named):
   * bounded assignments appear only where the owner holds the role.
   *
   * @throws IllegalArgumentException if the policy does not define the principal
   */
  public Set<String> assignedRoles(String principalId, String tenant) {
    held(principalId, tenant);
    Set<String> names = new LinkedHashSet<>();
    seeds(principalId, tenant).forEach(id -> names.add(graph.name(id)));
    return Collections.unmodifiableSet(names);
  }

  /**
   * The principals holding {@code role}, directly or through a senior role, in a request naming no
   * tenant; sorted.
   *
   * @throws IllegalArgumentException if the role is not defined
   */
  public Set<String> principalsHolding(String role) {
    return holding(role, null);
  }

  /**
   * The principals holding {@code role}, directly or through a senior role, in {@code tenant};
   * sorted.
   *
   * @throws IllegalArgumentException if the role is not defined
   */
  public Set<String> principalsHolding(String role, String tenant) {
    return holding(role, Objects.requireNonNull(tenant, "tenant"));
  }

  /**
   * Every entry {@code principalId} holds through its roles in a request naming no tenant, with the
   * granting role and the inheritance path from an assigned role; in role definition order, then
   * entry order. Log-only entries grant and forbid nothing, so they are not listed.
   *
   * @throws IllegalArgumentException if the policy does not define the principal
   */
  public List<Permission> effectivePermissions(String principalId) {
    return permissions(principalId, null);
  }

  /**
   * Every entry {@code principalId} holds through its roles in {@code tenant}; see {@link
   * #effectivePermissions(String)}.
   *
   * @throws IllegalArgumentException if the policy does not define the principal
   */
  public List<Permission> effectivePermissions(String principalId, String tenant) {
    return permissions(principalId, Objects.requireNonNull(tenant, "tenant"));
  }

  /**
   * The roles {@code principalId} holds and has active in {@code session}, in its tenant, inherited
   * ones included. Never throws for an unknown principal: it holds no roles.
   */
  @Override
  public Set<String> rolesOf(String principalId, Session session) {
    return holdings
        .active(holdings.held(principalId, session.tenant().orElse(null)), session)
        .names();
  }

  /**
   * The roles of a call on {@code resource}, in the tenant the module decides it in: the session's,
   * else the one its tenant patterns take from the resource. Never throws for an unknown principal.
   */
  @Override
  public Set<String> rolesOf(String principalId, Session session, ResourceId resource) {
    return holdings
        .active(holdings.held(principalId, holdings.tenantOf(session, resource)), session)
        .names();
  }

  @Override
  public List<Set<String>> actingRoleSets(String principalId, Session session) {
    RoleHoldings.Holder holder = holdings.holders.get(principalId);
    if (holder == null) {
      return List.of(Set.of());
    }
    return holdings.actingSets(holder, session).stream().map(RoleSet::names).toList();
  }

  /**
   * Every role, in definition order, with the principals holding it in a request naming no tenant
   * or in some tenant, sorted.
   */
  @Override
  public Map<String, Set<String>> roleHolders() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Set<String> tenants = tenants();
    for (Role r : holdings.module.roles()) {
      Set<String> who = new TreeSet<>(principalsHolding(r.name()));
      for (String t : tenants) {
        who.addAll(principalsHolding(r.name(), t));
      }
      out.put(r.name(), Collections.unmodifiableSet(who));
    }
    return Collections.unmodifiableMap(out);
  }

  private RoleSet held(String principalId, String tenant) {
    Objects.requireNonNull(principalId, "principalId");
    if (!holdings.principals.contains(principalId)) {
      throw new IllegalArgumentException("principal '" + principalId + "' is not defined");
    }
    return holdings.held(principalId, tenant);
  }

  private Set<String> holding(String role, String tenant) {
    int id = graph.id(Objects.requireNonNull(role, "role"));
    if (id < 0) {
      throw new IllegalArgumentException("role '" + role + "' is not defined");
    }
    Set<String> found = new TreeSet<>();
    holdings.holders.forEach(
        (p, h) -> {
          if (h.forTenant(tenant).has(id)) {
            found.add(p);
          }
        });
    return Collections.unmodifiableSet(found);
  }

  private List<Integer> seeds(String principalId, String tenant) {
    List<Assignment> list = holdings.module.assignmentsByPrincipal().get(principalId);
    if (list == null) {
      return List.of();
    }
    String owner = holdings.owners.get(principalId);
    RoleSet ownerRoles = owner == null ? RoleSet.EMPTY : holdings.held(owner, tenant);
    return RoleHoldings.seeds(graph, list, tenant, ownerRoles);
  }

  private List<Permission> permissions(String principalId, String tenant) {
    RoleSet held = held(principalId, tenant);
    List<Integer> seeds = seeds(principalId, tenant);
    List<Permission> out = new ArrayList<>();
    for (int r = held.nextSetBit(0); r >= 0; r = held.nextSetBit(r + 1)) {
      List<AccessEntry> entries = graph.role(r).entries();
      if (entries.isEmpty()) {
        continue;
      }
      List<String> path = graph.path(seeds, r);
      for (AccessEntry e : entries) {
        if (!e.isLogOnly()) { // recorded when it matches, but grants and forbids nothing
          out.add(new Permission(graph.name(r), path, e));
        }
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "RoleQueries[" + holdings.holders.size() + " principals with roles, " + graph + "]";
  }
}
