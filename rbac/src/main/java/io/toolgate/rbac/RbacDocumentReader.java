package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.Effect;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Principal;
import io.toolgate.document.DocNode;
import io.toolgate.document.Fields;
import io.toolgate.document.Fields.Located;
import io.toolgate.document.Location;
import io.toolgate.document.Problems;
import io.toolgate.document.SectionContext;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.RoleCatalog;
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
 * Reads this module's part of one policy document: the {@code roles}, {@code constraints} and
 * {@code tenants} sections and each principal's {@code roles} field. One instance per read; not
 * thread-safe.
 *
 * <p>Everything {@link RbacPolicy.Builder#build()} and the module's compilation would refuse is
 * checked here first, against the nodes it came from, so every problem carries the location of the
 * role, parent, assignment or principal it concerns. Static separation of duty needs the principals
 * (owners, for bounded assignments), so the module is compiled once against the document's
 * principals and each violation is placed at the violating principal's {@code roles}.
 *
 * <p>Whenever the document has a {@code roles} section, the reader publishes a {@link RoleCatalog}
 * of the names it defines ({@link SectionContext#publish}), for the sections read after it.
 */
final class RbacDocumentReader {
  static final Set<String> SECTIONS = Set.of("roles", "constraints", "tenants");
  static final Set<String> PRINCIPAL_FIELDS = Set.of("roles");
  static final String STATIC_SOD = "separationOfDuty";
  static final String DYNAMIC_SOD = "dynamicSeparationOfDuty";

  /** A role as read: its name, parents and entries, with where each came from. */
  private record RoleDef(
      String name, DocNode node, List<Located<String>> parents, List<AccessEntry> entries) {
    Location parentLocation(String parent) {
      for (Located<String> p : parents) {
        if (p.value().equals(parent)) {
          return p.location();
        }
      }
      return node.location();
    }
  }

  private final SectionContext context;
  private final Problems problems;

  /**
   * Every validly named role the document defines, even with broken content, by first definition.
   */
  private final Map<String, RoleDef> roles = new LinkedHashMap<>();

  private final List<SodConstraint> constraints = new ArrayList<>();
  private final List<String> tenantPatterns = new ArrayList<>();
  private final List<Assignment> assignments = new ArrayList<>();

  /** The limits of role allow entries read, by entry id. */
  private final Map<String, List<io.toolgate.Limit>> limits = new LinkedHashMap<>();

  private int problemCount;

  /** False when the roles section is not a list: then no reference is called undefined. */
  private boolean rolesReadable = true;

  /** Every role name written as a string, valid or not; null once a role has no readable name. */
  private Set<String> writtenNames = new LinkedHashSet<>();

  RbacDocumentReader(SectionContext context) {
    this.context = context;
    this.problems = context.problems();
  }

  Optional<PolicyModule> read() {
    Map<String, DocNode> principalRoles = context.principalFields("roles");
    if (SECTIONS.stream().allMatch(s -> context.section(s).isEmpty()) && principalRoles.isEmpty()) {
      return Optional.empty();
    }
    problemCount = problems.sorted().size();
    context
        .section("roles")
        .ifPresent(
            section -> {
              readRoles(section);
              context.publish(RoleCatalog.class, catalog());
            });
    context.section("constraints").ifPresent(this::readConstraints);
    context.section("tenants").ifPresent(this::readTenants);
    principalRoles.forEach(this::readAssignments);
    if (foundProblems()) {
      return Optional.empty();
    }
    RbacPolicy rbac;
    try {
      rbac = build(assignments);
    } catch (InvalidPolicyException e) {
      // Unreachable when the checks above are complete; kept so nothing is ever lost.
      DocNode at = context.section("roles").orElse(null);
      e.problems()
          .forEach(
              m -> {
                if (at == null) {
                  problems.addAtStart(m);
                } else {
                  problems.add(at, m);
                }
              });
      return Optional.empty();
    }
    checkPrincipals(principalRoles);
    return foundProblems() ? Optional.empty() : Optional.of(rbac);
  }

  private boolean foundProblems() {
    return problems.sorted().size() > problemCount;
  }

  private RbacPolicy build(List<Assignment> with) {
    RbacPolicy.Builder b = RbacPolicy.builder();
    roles
        .values()
        .forEach(
            r ->
                b.role(
                    new Role(
                        r.name(), r.parents().stream().map(Located::value).toList(), r.entries())));
    with.forEach(b::assignment);
    limits.forEach((id, ls) -> ls.forEach(l -> b.limit(id, l)));
    constraints.forEach(b::constraint);
    tenantPatterns.forEach(b::tenantFromResource);
    return b.build();
  }

  // ---- roles -------------------------------------------------------------------------------

  private void readRoles(DocNode section) {
    List<DocNode> items = array(section, "roles");
    rolesReadable = section instanceof DocNode.Arr;
    for (DocNode item : items) {
      Fields f = Fields.of(item, "a role", problems);
      String name = f.requiredString("name");
      if (name == null) {
        writtenNames = null;
      } else if (writtenNames != null) {
        writtenNames.add(name);
      }
      List<Located<String>> inherits = f.stringList("inherits");
      List<DocNode> allow = f.array("allow");
      List<DocNode> deny = f.array("deny");
      f.finish("name", "inherits", "allow", "deny");
      if (name != null && !validName(name, f.node("name").location(), "role name")) {
        name = null;
      }
      if (name != null && roles.containsKey(name)) {
        problems.add(
            f.node("name"),
            "duplicate role name '"
                + name
                + "' (first at line "
                + roles.get(name).node().location().line()
                + ")");
        name = null;
      }
      List<Located<String>> parents = parents(name, inherits);
      Set<String> ids = new HashSet<>();
      List<AccessEntry> entries = new ArrayList<>();
      entries(name, allow, Effect.ALLOW, ids, entries);
      entries(name, deny, Effect.DENY, ids, entries);
      if (name != null) {
        roles.put(name, new RoleDef(name, f.node("name"), parents, entries));
      }
    }
    for (RoleDef r : roles.values()) {
      for (Located<String> p : r.parents()) {
        if (!roles.containsKey(p.value())) {
          problems.add(
              p.location(),
              "role '" + r.name() + "' inherits '" + p.value() + "', which is not defined");
        }
      }
    }
    Map<String, Role> graph = new LinkedHashMap<>();
    roles
        .values()
        .forEach(
            r ->
                graph.put(
                    r.name(),
                    new Role(
                        r.name(),
                        r.parents().stream()
                            .map(Located::value)
                            .filter(roles::containsKey)
                            .toList(),
                        List.of())));
    for (List<String> cycle : RbacPolicy.Builder.cycles(graph)) {
      problems.add(
          roles.get(cycle.get(0)).parentLocation(cycle.get(1)),
          "roles inherit in a cycle: " + String.join(" -> ", cycle));
    }
  }

  /**
   * The roles the document defines, for the sections read after this one (abac's role targets),
   * whatever problems the roles have: every name written, or, when the section is not a list or a
   * role has no readable name, every name (this reader reports those problems).
   */
  private RoleCatalog catalog() {
    if (!rolesReadable || writtenNames == null) {
      return role -> true;
    }
    Set<String> names = Set.copyOf(writtenNames);
    return names::contains;
  }

  private List<Located<String>> parents(String role, List<Located<String>> inherits) {
    List<Located<String>> out = new ArrayList<>();
    if (inherits == null) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (Located<String> p : inherits) {
      if (!validName(p.value(), p.location(), "parent role name")) {
        continue;
      }
      if (!seen.add(p.value())) {
        problems.add(
            p.location(),
            (role == null ? "a role" : "role '" + role + "'")
                + " names parent '"
                + p.value()
                + "' twice");
        continue;
      }
      out.add(p);
    }
    return out;
  }

  /**
   * Reads allow or deny entries numbered like {@link Role.Builder}: {@code role:<name>/allow/N}.
   */
  private void entries(
      String role, List<DocNode> items, Effect effect, Set<String> ids, List<AccessEntry> out) {
    if (items == null) {
      return;
    }
    String prefix = Role.entryPrefix(role == null ? "?" : role);
    String kind = effect == Effect.ALLOW ? "allow" : "deny";
    for (int i = 0; i < items.size(); i++) {
      DocNode item = items.get(i);
      List<io.toolgate.Limit> itemLimits = new ArrayList<>();
      AccessEntry e =
          effect == Effect.ALLOW
              ? context.limitedEntry(
                  item, prefix + kind + "/" + i, true, (id, l) -> itemLimits.add(l))
              : context.entryWithMode(item, prefix + kind + "/" + i, effect);
      if (e == null || role == null) {
        continue;
      }
      if (!e.id().startsWith(prefix)) {
        problems.add(
            ((DocNode.Obj) item).fields().get("id").value(),
            "entry id '" + e.id() + "' of role '" + role + "' must start with '" + prefix + "'");
        continue;
      }
      if (!ids.add(e.id())) {
        problems.add(item, "duplicate entry id '" + e.id() + "'");
        continue;
      }
      out.add(e);
      if (!itemLimits.isEmpty()) {
        limits.put(e.id(), itemLimits);
      }
    }
  }

  // ---- constraints -------------------------------------------------------------------------

  private void readConstraints(DocNode section) {
    List<DocNode> items = array(section, "constraints");
    Map<String, Location> names = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      DocNode item = items.get(i);
      Fields f = Fields.of(item, "a constraint", problems);
      String name = f.string("name");
      boolean isStatic = f.has(STATIC_SOD);
      boolean isDynamic = f.has(DYNAMIC_SOD);
      List<Located<String>> staticRoles = f.stringList(STATIC_SOD);
      List<Located<String>> dynamicRoles = f.stringList(DYNAMIC_SOD);
      Integer cardinality = f.integer("cardinality", Integer.MIN_VALUE, Integer.MAX_VALUE);
      f.finish("name", STATIC_SOD, DYNAMIC_SOD, "cardinality");
      if (!(item instanceof DocNode.Obj)) {
        continue;
      }
      if (name != null && !validName(name, f.node("name").location(), "constraint name")) {
        continue;
      }
      String label = name != null ? name : "constraint-" + i;
      Location first = names.putIfAbsent(label, f.location());
      if (first != null) {
        problems.add(
            name != null ? f.node("name").location() : f.location(),
            "duplicate constraint name '" + label + "' (first at line " + first.line() + ")");
      }
      if (isStatic == isDynamic) {
        problems.add(
            isStatic ? f.location(DYNAMIC_SOD) : f.location(),
            isStatic
                ? "constraint '"
                    + label
                    + "' has both '"
                    + STATIC_SOD
                    + "' and '"
                    + DYNAMIC_SOD
                    + "'; write one constraint for each"
                : "constraint '"
                    + label
                    + "' names no roles; expected '"
                    + STATIC_SOD
                    + "' (static) or '"
                    + DYNAMIC_SOD
                    + "' (dynamic): a list of conflicting roles");
        continue;
      }
      String key = isStatic ? STATIC_SOD : DYNAMIC_SOD;
      List<Located<String>> list = isStatic ? staticRoles : dynamicRoles;
      if (list == null || first != null) {
        continue;
      }
      Set<String> set = new LinkedHashSet<>();
      boolean ok = true;
      for (Located<String> r : list) {
        if (!validName(r.value(), r.location(), "role name")) {
          ok = false;
        } else if (!set.add(r.value())) {
          problems.add(
              r.location(), "constraint '" + label + "' names role '" + r.value() + "' twice");
          ok = false;
        } else if (rolesReadable && !roles.containsKey(r.value())) {
          problems.add(
              r.location(),
              "constraint '" + label + "' names role '" + r.value() + "', which is not defined");
          ok = false;
        }
      }
      if (list.size() < 2) {
        problems.add(
            f.node(key),
            "constraint '" + label + "' needs at least two conflicting roles, has " + list.size());
        continue;
      }
      if (cardinality != null && (cardinality < 2 || cardinality > set.size())) {
        problems.add(
            f.node("cardinality"),
            "'cardinality' is "
                + cardinality
                + "; it must be between 2 and the number of roles, "
                + set.size());
        continue;
      }
      if (!ok || (cardinality == null && f.has("cardinality"))) {
        continue;
      }
      constraints.add(
          new SodConstraint(
              label, isStatic ? SodConstraint.Kind.STATIC : SodConstraint.Kind.DYNAMIC,
              set, cardinality == null ? 2 : cardinality));
    }
  }

  // ---- tenants -----------------------------------------------------------------------------

  private void readTenants(DocNode section) {
    Fields f = Fields.of(section, "the tenants section", problems);
    List<Located<String>> patterns = f.stringList("fromResource");
    f.finish("fromResource");
    if (patterns == null) {
      return;
    }
    for (Located<String> p : patterns) {
      try {
        TenantPattern.parse(p.value());
        tenantPatterns.add(p.value());
      } catch (IllegalArgumentException e) {
        problems.add(p.location(), e.getMessage());
      }
    }
  }

  // ---- assignments -------------------------------------------------------------------------

  private void readAssignments(String principal, DocNode node) {
    if (!(node instanceof DocNode.Arr arr)) {
      problems.add(
          node, "'roles' must be an array of role names and assignments, found " + node.kind());
      return;
    }
    Principal defined = context.principals().get(principal);
    Set<Assignment> seen = new HashSet<>();
    for (DocNode item : arr.items()) {
      Assignment a = assignment(principal, item);
      if (a == null) {
        continue;
      }
      if (rolesReadable && !roles.containsKey(a.role())) {
        problems.add(
            item,
            "principal '"
                + principal
                + "' is assigned role '"
                + a.role()
                + "', which is not defined");
        continue;
      }
      if (!seen.add(a)) {
        problems.add(item, "assignment '" + a + "' is listed twice");
        continue;
      }
      if (a.isBoundedByOwner() && defined != null && defined.owner().isEmpty()) {
        problems.add(
            ((DocNode.Obj) item).fields().get("boundedByOwner").value(),
            "assignment of role '"
                + a.role()
                + "' to '"
                + principal
                + "' is bounded by its owner, but '"
                + principal
                + "' has no owner");
        continue;
      }
      assignments.add(a);
    }
  }

  private Assignment assignment(String principal, DocNode item) {
    if (item instanceof DocNode.Scalar s && s.value() instanceof String role) {
      return validName(role, item.location(), "role name")
          ? assignmentOf(principal, role, item)
          : null;
    }
    if (!(item instanceof DocNode.Obj)) {
      problems.add(
          item,
          "a role assignment must be a role name or an object {role, tenant, "
              + "boundedByOwner}, found "
              + item.kind());
      return null;
    }
    Fields f = Fields.of(item, "a role assignment", problems);
    String role = f.requiredString("role");
    String tenant = f.string("tenant");
    Boolean bounded = f.bool("boundedByOwner");
    f.finish("role", "tenant", "boundedByOwner");
    boolean ok = role != null && validName(role, f.node("role").location(), "role name");
    if (tenant != null) {
      ok &= validName(tenant, f.node("tenant").location(), "tenant");
    }
    if (!ok
        || (tenant == null && f.has("tenant"))
        || (bounded == null && f.has("boundedByOwner"))) {
      return null;
    }
    Assignment a = assignmentOf(principal, role, item);
    if (a != null && tenant != null) {
      a = a.inTenant(tenant);
    }
    if (a != null && Boolean.TRUE.equals(bounded)) {
      a = a.boundedByOwner();
    }
    return a;
  }

  private Assignment assignmentOf(String principal, String role, DocNode at) {
    try {
      return Assignment.of(principal, role);
    } catch (IllegalArgumentException e) {
      problems.add(at, e.getMessage());
      return null;
    }
  }

  /**
   * Compiles the module against the document's principals, placing each problem (a static
   * separation-of-duty violation, above all) at the principal's {@code roles}. Skipped when the
   * principals' ownership is cyclic: core has reported it, and bounds could not be resolved.
   */
  private void checkPrincipals(Map<String, DocNode> principalRoles) {
    Map<String, Principal> principals = context.principals();
    for (Principal p : principals.values()) {
      Set<String> path = new HashSet<>();
      for (Principal at = p; at != null; at = principals.get(at.owner().orElse(null))) {
        if (!path.add(at.id())) {
          return;
        }
        if (at.owner().isEmpty()) {
          break;
        }
      }
    }
    // Principals core refused are not in the view; it has reported them already.
    List<Assignment> known =
        assignments.stream().filter(a -> principals.containsKey(a.principal())).toList();
    List<RoleHoldings.Problem> found = new ArrayList<>();
    RoleHoldings.compile(build(known), context.policyView(java.util.Map.of()), found);
    for (RoleHoldings.Problem p : found) {
      DocNode at = principalRoles.get(p.principal());
      if (at == null) {
        problems.addAtStart(p.message());
      } else {
        problems.add(at, p.message());
      }
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private List<DocNode> array(DocNode section, String name) {
    if (section instanceof DocNode.Arr arr) {
      return arr.items();
    }
    problems.add(section, "'" + name + "' must be an array, found " + section.kind());
    return List.of();
  }

  private boolean validName(String value, Location at, String what) {
    try {
      Names.check(value, what);
      return true;
    } catch (IllegalArgumentException e) {
      problems.add(at, e.getMessage());
      return false;
    }
  }
}
