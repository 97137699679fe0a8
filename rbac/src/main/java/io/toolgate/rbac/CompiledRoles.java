package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ResourcePattern;
import io.toolgate.Session;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Grant;
import io.toolgate.spi.GrantSource;
import io.toolgate.spi.PolicyView;
import io.toolgate.spi.Query;
import io.toolgate.spi.RoleDirectory;
import io.toolgate.spi.Verdicts;
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
 * An {@link RbacPolicy} compiled against one policy snapshot: each principal's effective role
 * set per tenant, precomputed and interned. Immutable and thread-safe.
 *
 * <p>Decision path (a cache miss): resolve the tenant (session, or a tenant pattern over the
 * resource: a prefix compare and one linear glob), one hash lookup for the principal's
 * {@link Holder}, one for the tenant's {@link RoleSet}, then one {@link io.toolgate.GrantIndex}
 * lookup whose candidates are filtered by a bit test. A session naming its active roles costs an
 * OR of one precomputed closure per named role and a pass over the dynamic constraints. Nothing
 * walks the role graph.
 */
final class CompiledRoles implements CompiledModule, RoleDirectory {
  /** The rule id of the denial of a request whose session and resource name different tenants. */
  static final String TENANT_MISMATCH = "rbac:tenant-mismatch";

  /** A principal's effective role sets: in no particular tenant, and per tenant where they differ. */
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

  final RbacPolicy module;
  final RoleGraph graph;
  private final TenantPattern[] tenantPatterns;
  /** By principal id, in assignment order; only principals with at least one assignment. */
  final Map<String, Holder> holders;
  /** The owners of principals with bounded assignments. */
  final Map<String, String> owners;
  final Set<String> principals;
  final RoleQueries queries;

  private CompiledRoles(RbacPolicy module, Map<String, Holder> holders, Map<String, String> owners,
      Set<String> principals) {
    this.module = module;
    this.graph = module.graph();
    this.tenantPatterns = module.compiledTenantPatterns().toArray(new TenantPattern[0]);
    this.holders = holders;
    this.owners = owners;
    this.principals = principals;
    this.queries = new RoleQueries(this);
  }

  /**
   * A problem compiling the module, with the principal it concerns, so that a document reader
   * can place it at that principal's entry.
   *
   * @param principal the principal's id
   * @param message what is wrong
   */
  record Problem(String principal, String message) {}

  /**
   * Validates the module's assignments against the policy's principals and precomputes every
   * effective role set.
   *
   * @throws InvalidPolicyException listing every undefined principal, bounded assignment without
   *     an owner, and static separation-of-duty violation
   */
  static CompiledRoles compile(RbacPolicy module, PolicyView view) {
    List<Problem> problems = new ArrayList<>();
    CompiledRoles compiled = compile(module, view, problems);
    if (compiled == null) {
      throw new InvalidPolicyException(problems.stream().map(Problem::message).toList());
    }
    return compiled;
  }

  /**
   * As {@link #compile(RbacPolicy, PolicyView)}, recording problems instead of throwing.
   *
   * @return the compiled module, or null when {@code problems} received any
   */
  static CompiledRoles compile(RbacPolicy module, PolicyView view, List<Problem> problems) {
    Map<String, List<Assignment>> byPrincipal = module.assignmentsByPrincipal();
    Map<String, String> owners = new HashMap<>();
    byPrincipal.forEach((principal, list) -> {
      Principal p = view.principal(principal).orElse(null);
      for (Assignment a : list) {
        if (p == null) {
          problems.add(new Problem(principal, "assignment of role '" + a.role()
              + "' names principal '" + principal + "', which is not defined"));
        } else if (a.isBoundedByOwner()) {
          if (p.owner().isEmpty()) {
            problems.add(new Problem(principal, "assignment of role '" + a.role() + "' to '"
                + principal + "' is bounded by its owner, but '" + principal + "' has no owner"));
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
    return new CompiledRoles(module, holders, Map.copyOf(owners), principals);
  }

  @Override
  public void evaluate(Query query, Verdicts verdicts) {
    Session session = query.session();
    String tenant = session.tenant().orElse(null);
    if (tenantPatterns.length != 0) {
      String fromResource = tenantOf(query.resource().id());
      if (fromResource != null) {
        if (tenant != null && !tenant.equals(fromResource)) {
          verdicts.deny(TENANT_MISMATCH, Reason.EXPLICIT_DENY, "the session names tenant '" + tenant
              + "' but resource " + query.resource().id() + " belongs to tenant '" + fromResource + "'");
          return;
        }
        tenant = fromResource;
      }
    }
    Holder holder = holders.get(query.principal().id());
    if (holder == null) {
      return;
    }
    RoleSet roles = active(holder.forTenant(tenant), session);
    List<RoleGraph.Violation> dsd = roles.dsd;
    if (!dsd.isEmpty()) {
      String principal = query.principal().id();
      for (RoleGraph.Violation v : dsd) {
        verdicts.deny(v.ruleId(), Reason.SEPARATION_OF_DUTY, v.detail(principal));
      }
      return;
    }
    graph.forEachGrant(query.tool().id(), query.resource().id(), roles, grant -> {
      if (grant.deny) {
        verdicts.deny(grant.entryId);
      } else {
        verdicts.allow(grant.entryId);
      }
    });
  }

  /**
   * Whether some role of {@code principal} could allow a call of {@code tool}: in each role set
   * the principal may act with in this session (the session's tenant; without one, tenant-free
   * and, when tenants come from resources, every tenant it holds roles in; narrowed to the
   * session's active roles), an allow entry whose tool pattern matches, unless dynamic separation
   * of duty refuses that set outright. Resource patterns are not intersected: an allow on some
   * resource counts.
   */
  @Override
  public boolean mayAllow(Principal principal, Tool tool, Session session) {
    Holder holder = holders.get(principal.id());
    if (holder == null) {
      return false;
    }
    for (RoleSet roles : actingSets(holder, session)) {
      if (roles.dsd.isEmpty() && grants(roles, tool.id(), false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the roles of {@code principal} deny every call of {@code tool}: in each role set it
   * may act with in this session (as for {@link #mayAllow}), a deny entry whose tool pattern
   * matches and whose resources are every resource (none listed, or {@code **}), or a dynamic
   * separation-of-duty violation, which denies everything.
   */
  @Override
  public boolean deniesEverywhere(Principal principal, Tool tool, Session session) {
    Holder holder = holders.get(principal.id());
    if (holder == null) {
      return false;
    }
    for (RoleSet roles : actingSets(holder, session)) {
      if (roles.dsd.isEmpty() && !grants(roles, tool.id(), true)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The role sets a call in {@code session} may be decided with: the session's tenant's (a
   * resource of another tenant is refused, one of the same or of none uses it); without a tenant,
   * the tenant-free set, and when tenant patterns may take the tenant from the resource, each
   * tenant's set too. Each narrowed to the session's active roles.
   */
  private List<RoleSet> actingSets(Holder holder, Session session) {
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
   * Whether a role in {@code roles} has an allow entry ({@code denyEverywhere} false) or a deny
   * entry over every resource ({@code denyEverywhere} true) whose tool pattern matches
   * {@code tool}. Scans the roles' entries: visibility questions come with a tool list, not with
   * every call.
   */
  private boolean grants(RoleSet roles, ToolId tool, boolean denyEverywhere) {
    for (int id = roles.nextSetBit(0); id >= 0; id = roles.nextSetBit(id + 1)) {
      for (AccessEntry e : graph.role(id).entries()) {
        boolean deny = e.effect() == Effect.DENY;
        if (deny != denyEverywhere || (deny && !e.resources().isEmpty()
            && !e.resources().contains(ResourcePattern.ANY))) {
          continue;
        }
        for (ToolPattern p : e.tools()) {
          if (p.matches(tool)) {
            return true;
          }
        }
      }
    }
    return false;
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

  /** The effective role set of {@code principal} in {@code tenant} (null: none named). */
  RoleSet held(String principal, String tenant) {
    Holder h = holders.get(principal);
    return h == null ? RoleSet.EMPTY : h.forTenant(tenant);
  }

  @Override
  public Set<String> rolesOf(String principalId, Session session) {
    return active(held(principalId, session.tenant().orElse(null)), session).names();
  }

  /**
   * The roles of a call on {@code resource}, in the tenant {@link #evaluate} decides it in: the
   * one resolution every module uses. A session tenant that contradicts the resource's is denied
   * by {@link #evaluate} anyway; the session's tenant is reported then.
   */
  @Override
  public Set<String> rolesOf(String principalId, Session session, ResourceId resource) {
    return active(held(principalId, tenantOf(session, resource)), session).names();
  }

  @Override
  public List<Set<String>> actingRoleSets(String principalId, Session session) {
    Holder holder = holders.get(principalId);
    if (holder == null) {
      return List.of(Set.of());
    }
    return actingSets(holder, session).stream().map(RoleSet::names).toList();
  }

  /** The tenant a call is decided in: the session's, else the one a tenant pattern takes from the resource. */
  String tenantOf(Session session, ResourceId resource) {
    String tenant = session.tenant().orElse(null);
    return tenant != null || tenantPatterns.length == 0 ? tenant : tenantOf(resource);
  }

  private RoleSet active(RoleSet held, Session session) {
    return session.activeRoles().isPresent() ? graph.activate(held, session.activeRoles().get()) : held;
  }

  @Override
  public boolean reportsGrants() {
    return true;
  }

  /**
   * The entries {@code principal} holds through its roles: those held in a request naming no
   * tenant, for every tenant, then those held only in some tenant, scoped to it (once per such
   * tenant). Each names its role and inheritance path; none has a per-call condition.
   */
  @Override
  public List<Grant> grants(Principal principal) {
    if (!holders.containsKey(principal.id())) {
      return List.of();
    }
    List<Grant> out = new ArrayList<>();
    Set<String> unconditional = new HashSet<>();
    for (Permission p : queries.effectivePermissions(principal.id())) {
      out.add(grant(p, ""));
      unconditional.add(p.entry().id());
    }
    for (String tenant : queries.tenants()) {
      for (Permission p : queries.effectivePermissions(principal.id(), tenant)) {
        if (!unconditional.contains(p.entry().id())) {
          out.add(grant(p, tenant));
        }
      }
    }
    return out;
  }

  private static Grant grant(Permission p, String tenant) {
    AccessEntry e = p.entry();
    return new Grant("rbac", e.id(), e.effect(), e.tools(), e.resources(), tenant, "",
        new GrantSource.Role(p.role(), p.path()));
  }

  @Override
  public Map<String, Set<String>> roleHolders() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Set<String> tenants = queries.tenants();
    for (Role r : module.roles()) {
      Set<String> who = new java.util.TreeSet<>(queries.principalsHolding(r.name()));
      for (String t : tenants) {
        who.addAll(queries.principalsHolding(r.name(), t));
      }
      out.put(r.name(), java.util.Collections.unmodifiableSet(who));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    if (type == RoleDirectory.class) {
      return Optional.of(type.cast(this));
    }
    if (type == RoleQueries.class) {
      return Optional.of(type.cast(queries));
    }
    return Optional.empty();
  }

  /**
   * The ids of the roles {@code principal} is assigned and that are effective in {@code tenant}:
   * tenant-free and {@code tenant}'s assignments, bounded ones only where the owner holds the
   * role. The seeds whose closures make the effective set.
   */
  static List<Integer> seeds(RoleGraph graph, List<Assignment> assignments, String tenant,
      RoleSet ownerRoles) {
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

    Builder(RoleGraph graph, Map<String, List<Assignment>> byPrincipal, Map<String, String> owners,
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
      List<RoleGraph.Violation> globalViolations = checkStatic(principal, null, globalSeeds, global,
          List.of());
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
    private List<RoleGraph.Violation> checkStatic(String principal, String tenant,
        List<Integer> seeds, RoleSet roles, List<RoleGraph.Violation> reported) {
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
          described.add("'" + role + "'" + (path.size() <= 1 ? " (assigned)"
              : " (inherited via " + String.join(" -> ", path) + ")"));
        }
        problems.add(new Problem(principal, "principal '" + principal + "' holds conflicting roles "
            + String.join(described.size() == 2 ? " and " : ", ", described)
            + (tenant == null ? "" : " in tenant '" + tenant + "'")
            + ", but static separation of duty '" + c.name() + "' allows fewer than "
            + c.cardinality() + " of " + c.roles()));
      }
      return found;
    }
  }
}
