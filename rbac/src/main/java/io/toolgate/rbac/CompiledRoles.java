package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Limit;
import io.toolgate.Principal;
import io.toolgate.Reason;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link RbacPolicy} compiled against one policy snapshot, as the engine asks it: decisions,
 * visibility and grant reports, over the {@link RoleHoldings} (each principal's effective role set
 * per tenant, precomputed and interned). Publishes the {@link RoleQueries} it creates over the same
 * holdings as the {@link RoleDirectory} and {@link RoleQueries} services. Immutable and
 * thread-safe.
 *
 * <p>Decision path (a cache miss): resolve the tenant (session, or a tenant pattern over the
 * resource: a prefix compare and one linear glob), one hash lookup for the principal's {@link
 * RoleHoldings.Holder}, one for the tenant's {@link RoleSet}, then one {@link
 * io.toolgate.GrantIndex} lookup whose candidates are filtered by a bit test. A session naming its
 * active roles costs an OR of one precomputed closure per named role and a pass over the dynamic
 * constraints. Nothing walks the role graph.
 */
final class CompiledRoles implements CompiledModule {
  /** The rule id of the denial of a request whose session and resource name different tenants. */
  static final String TENANT_MISMATCH = "rbac:tenant-mismatch";

  private final RoleHoldings holdings;
  private final RoleGraph graph;
  private final RoleQueries queries;
  private final Map<String, List<Limit>> limits;

  /** The ids of the role allow entries marked {@code approval: required}. */
  private final Set<String> approvals;

  private CompiledRoles(
      RoleHoldings holdings, Map<String, List<Limit>> limits, Set<String> approvals) {
    this.holdings = holdings;
    this.approvals = approvals;
    this.graph = holdings.graph;
    this.queries = new RoleQueries(holdings);
    this.limits = limits;
  }

  /**
   * Validates the module's assignments against the policy's principals and precomputes every
   * effective role set.
   *
   * @throws InvalidPolicyException listing every undefined principal, bounded assignment without an
   *     owner, and static separation-of-duty violation
   */
  static CompiledRoles compile(RbacPolicy module, PolicyView view) {
    List<RoleHoldings.Problem> problems = new ArrayList<>();
    RoleHoldings holdings = RoleHoldings.compile(module, view, problems);
    if (holdings == null) {
      throw new InvalidPolicyException(
          problems.stream().map(RoleHoldings.Problem::message).toList());
    }
    Set<String> approvals = new HashSet<>();
    for (Role r : module.roles()) {
      for (AccessEntry e : r.entries()) {
        if (e.approvalRequired()) {
          approvals.add(e.id());
        }
      }
    }
    return new CompiledRoles(holdings, module.limits(), Set.copyOf(approvals));
  }

  /** The limits of role allow entries, by entry id: the rule id an allow through them carries. */
  @Override
  public Map<String, List<Limit>> limits() {
    return limits;
  }

  @Override
  public Set<String> approvals() {
    return approvals;
  }

  @Override
  public void evaluate(Query query, Verdicts verdicts) {
    Session session = query.session();
    String tenant = session.tenant().orElse(null);
    if (holdings.hasTenantPatterns()) {
      String fromResource = holdings.tenantOf(query.resource().id());
      if (fromResource != null) {
        if (tenant != null && !tenant.equals(fromResource)) {
          verdicts.deny(
              TENANT_MISMATCH,
              Reason.EXPLICIT_DENY,
              "the session names tenant '"
                  + tenant
                  + "' but resource "
                  + query.resource().id()
                  + " belongs to tenant '"
                  + fromResource
                  + "'");
          return;
        }
        tenant = fromResource;
      }
    }
    RoleHoldings.Holder holder = holdings.holders.get(query.principal().id());
    if (holder == null) {
      return;
    }
    RoleSet roles = holdings.active(holder.forTenant(tenant), session);
    List<RoleGraph.Violation> dsd = roles.dsd;
    if (!dsd.isEmpty()) {
      String principal = query.principal().id();
      for (RoleGraph.Violation v : dsd) {
        verdicts.deny(v.ruleId(), Reason.SEPARATION_OF_DUTY, v.detail(principal));
      }
      return;
    }
    graph.forEachGrant(
        query.tool().id(),
        query.resource().id(),
        roles,
        grant -> {
          if (grant.logOnly) {
            verdicts.logOnly(grant.entryId); // recorded, never decides
          } else if (grant.effect == Effect.DENY) {
            verdicts.deny(grant.entryId);
          } else {
            verdicts.allow(grant.entryId);
          }
        });
  }

  /**
   * Whether some role of {@code principal} could allow a call of {@code tool}: in each role set the
   * principal may act with in this session (the session's tenant; without one, tenant-free and,
   * when tenants come from resources, every tenant it holds roles in; narrowed to the session's
   * active roles), an allow entry whose tool pattern matches, unless dynamic separation of duty
   * refuses that set outright. Resource patterns are not intersected: an allow on some resource
   * counts.
   */
  @Override
  public boolean mayAllow(Principal principal, Tool tool, Session session) {
    RoleHoldings.Holder holder = holdings.holders.get(principal.id());
    if (holder == null) {
      return false;
    }
    for (RoleSet roles : holdings.actingSets(holder, session)) {
      if (roles.dsd.isEmpty() && grants(roles, tool.id(), false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the roles of {@code principal} deny every call of {@code tool}: in each role set it may
   * act with in this session (as for {@link #mayAllow}), a deny entry whose tool pattern matches
   * and whose resources are every resource (none listed, or {@code **}), or a dynamic
   * separation-of-duty violation, which denies everything.
   */
  @Override
  public boolean deniesEverywhere(Principal principal, Tool tool, Session session) {
    RoleHoldings.Holder holder = holdings.holders.get(principal.id());
    if (holder == null) {
      return false;
    }
    for (RoleSet roles : holdings.actingSets(holder, session)) {
      if (roles.dsd.isEmpty() && !grants(roles, tool.id(), true)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a role in {@code roles} has an allow entry ({@code denyEverywhere} false) or a deny
   * entry over every resource ({@code denyEverywhere} true) whose tool pattern matches {@code
   * tool}. Scans the roles' entries: visibility questions come with a tool list, not with every
   * call.
   */
  private boolean grants(RoleSet roles, ToolId tool, boolean denyEverywhere) {
    for (int id = roles.nextSetBit(0); id >= 0; id = roles.nextSetBit(id + 1)) {
      for (AccessEntry e : graph.role(id).entries()) {
        boolean deny = e.effect() == Effect.DENY;
        if (e.isLogOnly()
            || deny != denyEverywhere
            || (deny && !e.resources().isEmpty() && !e.resources().contains(ResourcePattern.ANY))) {
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
    if (!holdings.holders.containsKey(principal.id())) {
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
    return new Grant(
        "rbac",
        e.id(),
        e.effect(),
        e.tools(),
        e.resources(),
        tenant,
        "",
        new GrantSource.Role(p.role(), p.path()));
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    if (type == RoleDirectory.class || type == RoleQueries.class) {
      return Optional.of(type.cast(queries));
    }
    return Optional.empty();
  }
}
