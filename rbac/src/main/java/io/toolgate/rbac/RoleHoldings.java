package io.toolgate.rbac;

import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.spi.PolicyView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds which roles in an {@link RbacPolicy} compiled against one policy snapshot: each
 * principal's effective role set per tenant, precomputed and interned, and the tenant a call is
 * decided in. Immutable and thread-safe.
 *
 * <p>The compiled module ({@link CompiledRoles}: decisions, visibility, grant reports) and the
 * queries ({@link RoleQueries}: the public questions and the {@link io.toolgate.spi.RoleDirectory}
 * service) both read it; the module creates the queries over it, and the queries know nothing of
 * the module. A document reader compiles holdings alone, to place static separation-of-duty
 * violations at the principals.
 */
final class RoleHoldings {
  /**
   * A principal's effective role sets: in no particular tenant, and per tenant where they differ.
   */
  record Holder(RoleSet global, Map<String, RoleSet> tenants) {
    static final Holder NONE = new Holder(RoleSet.EMPTY, Map.of());

    RoleSet forTenant(String tenant) {
      if (tenant == null) {
        return global;
      }
      RoleSet s = tenants.get(tenant);
      return s == null ? global : s;
    }
  }

  /**
   * A problem compiling the module, with the principal it concerns, so that a document reader can
   * place it at that principal's entry.
   *
   * @param principal the principal's id
   * @param message what is wrong
   */
  record Problem(String principal, String message) {}

  final RbacPolicy module;
  final RoleGraph graph;
  private final TenantPattern[] tenantPatterns;

  /** By principal id, in assignment order; only principals with at least one assignment. */
  final Map<String, Holder> holders;

  /** The owners of principals with bounded assignments. */
  final Map<String, String> owners;

  /** Every principal of the policy. */
  final Set<String> principals;

  private RoleHoldings(
      RbacPolicy module,
      Map<String, Holder> holders,
      Map<String, String> owners,
      Set<String> principals) {
    this.module = module;
    this.graph = module.graph();
    this.tenantPatterns = module.compiledTenantPatterns().toArray(new TenantPattern[0]);
    this.holders = holders;
    this.owners = owners;
    this.principals = principals;
  }

  /**
   * Validates the module's assignments against the policy's principals (undefined principals,
   * bounded assignments without an owner, static separation-of-duty violations) and precomputes
   * every effective role set, recording each problem with its principal.
   *
   * @return the holdings, or null when {@code problems} received any
   */
  static RoleHoldings compile(RbacPolicy module, PolicyView view, List<Problem> problems) {
    Map<String, List<Assignment>> byPrincipal = module.assignmentsByPrincipal();
    Map<String, String> owners = new HashMap<>();
    byPrincipal.forEach(
        (principal, list) -> {
          Principal p = view.principal(principal).orElse(null);
          for (Assignment a : list) {
            if (p == null) {
              problems.add(
                  new Problem(
                      principal,
                      "assignment of role '"
                          + a.role()
                          + "' names principal '"
                          + principal
                          + "', which is not defined"));
            } else if (a.isBoundedByOwner()) {
              if (p.owner().isEmpty()) {
                problems.add(
                    new Problem(
                        principal,
                        "assignment of role '"
                            + a.role()
                            + "' to '"
                            + principal
                            + "' is bounded by its owner, but '"
                            + principal
                            + "' has no owner"));
              } else {
                owners.put(principal, p.owner().get());
              }
            }
          }
        });
    if (!problems.isEmpty()) {
      return null;
    }
    Builder b = new Builder(module.graph(), byPrincipal, owners, problems);
    byPrincipal.keySet().forEach(b::holder);
    if (!problems.isEmpty()) {
      return null;
    }
    Set<String> principals = new HashSet<>(view.principals().size() * 2);
    view.principals().forEach(p -> principals.add(p.id()));
    Map<String, Holder> holders = new LinkedHashMap<>(byPrincipal.size() * 2);
    byPrincipal.keySet().forEach(p -> holders.put(p, b.holders.get(p)));
    return new RoleHoldings(module, holders, Map.copyOf(owners), principals);
  }

  /** Whether tenant patterns may take a call's tenant from its resource. */
  boolean hasTenantPatterns() {
    return tenantPatterns.length != 0;
  }

  /** The tenant the first matching tenant pattern captures from {@code resource}, or null. */
  String tenantOf(ResourceId resource) {
    for (TenantPattern p : tenantPatterns) {
      String t = p.capture(resource);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /**
   * The tenant a call is decided in: the session's, else the one a tenant pattern takes from the
   * resource.
   */
  String tenantOf(Session session, ResourceId resource) {
    String tenant = session.tenant().orElse(null);
    return tenant != null || tenantPatterns.length == 0 ? tenant : tenantOf(resource);
  }

  /** The effective role set of {@code principal} in {@code tenant} (null: none named). */
  RoleSet held(String principal, String tenant) {
    Holder h = holders.get(principal);
    return h == null ? RoleSet.EMPTY : h.forTenant(tenant);
  }

  /** {@code held} narrowed to the roles the session activates, if it names any. */
  RoleSet active(RoleSet held, Session session) {
    return session.activeRoles().isPresent()
        ? graph.activate(held, session.activeRoles().get())
        : held;
  }

  /**
   * The role sets a call in {@code session} may be decided with: the session's tenant's (a resource
   * of another tenant is refused, one of the same or of none uses it); without a tenant, the
   * tenant-free set, and when tenant patterns may take the tenant from the resource, each tenant's
   * set too. Each narrowed to the session's active roles.
   */
  List<RoleSet> actingSets(Holder holder, Session session) {
    List<RoleSet> sets = new ArrayList<>(1 + holder.tenants().size());
    String tenant = session.tenant().orElse(null);
    sets.add(holder.forTenant(tenant));
    if (tenant == null && tenantPatterns.length != 0) {
      sets.addAll(holder.tenants().values());
    }
    Optional<Set<String>> active = session.activeRoles();
    if (active.isPresent()) {
      sets.replaceAll(s -> graph.activate(s, active.get()));
    }
    return sets;
  }

  /**
   * The ids of the roles {@code principal} is assigned and that are effective in {@code tenant}:
   * tenant-free and {@code tenant}'s assignments, bounded ones only where the owner holds the role.
   * The seeds whose closures make the effective set.
   */
  static List<Integer> seeds(
      RoleGraph graph, List<Assignment> assignments, String tenant, RoleSet ownerRoles) {
    List<Integer> seeds = new ArrayList<>(assignments.size());
    for (Assignment a : assignments) {
      if (a.appliesIn(tenant)) {
        int id = graph.id(a.role());
        if ((!a.isBoundedByOwner() || ownerRoles.has(id)) && !seeds.contains(id)) {
          seeds.add(id);
        }
      }
    }
    return seeds;
  }

  /** Computes holders, owners first, interning equal role sets and checking static SoD. */
  private static final class Builder {
    final RoleGraph graph;
    final Map<String, List<Assignment>> byPrincipal;
    final Map<String, String> owners;
    final List<Problem> problems;
    final Map<String, Holder> holders = new HashMap<>();
    final Map<RoleSet, RoleSet> interned = new HashMap<>();

    Builder(
        RoleGraph graph,
        Map<String, List<Assignment>> byPrincipal,
        Map<String, String> owners,
        List<Problem> problems) {
      this.graph = graph;
      this.byPrincipal = byPrincipal;
      this.owners = owners;
      this.problems = problems;
    }

    /** The holder of {@code principal}; its owner's first when it has bounded assignments. */
    Holder holder(String principal) {
      Holder done = holders.get(principal);
      if (done != null) {
        return done;
      }
      List<Assignment> list = byPrincipal.get(principal);
      if (list == null) {
        return Holder.NONE;
      }
      // Owners are defined and acyclic (core validated them), so this recursion ends.
      String ownerId = owners.get(principal);
      Holder owner = ownerId == null ? Holder.NONE : holder(ownerId);
      Set<String> tenants = new LinkedHashSet<>();
      for (Assignment a : list) {
        a.tenant().ifPresent(tenants::add);
      }
      if (ownerId != null) {
        tenants.addAll(owner.tenants().keySet());
      }
      List<Integer> globalSeeds = seeds(graph, list, null, owner.global());
      RoleSet global = intern(globalSeeds);
      List<RoleGraph.Violation> globalViolations =
          checkStatic(principal, null, globalSeeds, global, List.of());
      Map<String, RoleSet> byTenant = new HashMap<>();
      for (String t : tenants) {
        List<Integer> seeds = seeds(graph, list, t, owner.forTenant(t));
        RoleSet s = intern(seeds);
        if (s != global) {
          byTenant.put(t, s);
          checkStatic(principal, t, seeds, s, globalViolations);
        }
      }
      Holder h = new Holder(global, byTenant.isEmpty() ? Map.of() : Map.copyOf(byTenant));
      holders.put(principal, h);
      return h;
    }

    /** The interned role set made of the closures of {@code seeds}. */
    private RoleSet intern(List<Integer> seeds) {
      long[] bits = new long[graph.words()];
      for (int id : seeds) {
        graph.addClosure(bits, id);
      }
      RoleSet probe = new RoleSet(bits, List.of(), graph);
      RoleSet s = interned.get(probe);
      if (s == null) {
        s = graph.roleSet(bits);
        interned.put(s, s);
      }
      return s;
    }

    /**
     * Reports each static constraint {@code roles} violates, except those already reported
     * tenant-free; returns every violation.
     */
    private List<RoleGraph.Violation> checkStatic(
        String principal,
        String tenant,
        List<Integer> seeds,
        RoleSet roles,
        List<RoleGraph.Violation> reported) {
      if (graph.ssd.isEmpty()) {
        return List.of();
      }
      List<RoleGraph.Violation> found = graph.violations(roles.bits(), graph.ssd);
      for (RoleGraph.Violation v : found) {
        SodConstraint c = v.constraint();
        if (reported.stream().anyMatch(r -> r.constraint().equals(c))) {
          continue;
        }
        List<String> described = new ArrayList<>();
        for (String role : v.roles()) {
          List<String> path = graph.path(seeds, graph.id(role));
          described.add(
              "'"
                  + role
                  + "'"
                  + (path.size() <= 1
                      ? " (assigned)"
                      : " (inherited via " + String.join(" -> ", path) + ")"));
        }
        problems.add(
            new Problem(
                principal,
                "principal '"
                    + principal
                    + "' holds conflicting roles "
                    + String.join(described.size() == 2 ? " and " : ", ", described)
                    + (tenant == null ? "" : " in tenant '" + tenant + "'")
                    + ", but static separation of duty '"
                    + c.name()
                    + "' allows fewer than "
                    + c.cardinality()
                    + " of "
                    + c.roles()));
      }
      return found;
    }
  }
}
