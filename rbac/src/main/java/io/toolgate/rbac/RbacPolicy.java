package io.toolgate.rbac;

import io.toolgate.InvalidPolicyException;
import io.toolgate.Policy;
import io.toolgate.internal.Digests;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Role-based access control as a {@link PolicyModule}: roles with inherited allow and deny entries,
 * assignments of roles to principals (in every tenant or one, optionally bounded by the principal's
 * owner), and static and dynamic separation-of-duty constraints. Immutable and thread-safe; plug it
 * into a policy with {@code Policy.builder().module(rbac)}.
 *
 * <pre>{@code
 * RbacPolicy rbac = RbacPolicy.builder()
 *     .role(Role.builder("reader").allow(List.of("github/get_*", "github/list_*"), List.of("repo:acme/**")).build())
 *     .role(Role.builder("triager").inherits("reader").allow("github/add_label").build())
 *     .assign("alice", "triager")
 *     .assignInTenant("bob", "reader", "acme")
 *     .build();
 * Policy policy = Policy.builder().principals(alice, bob).module(rbac).build();
 * }</pre>
 *
 * <p>What a principal may do, for each principal of a request's chain: the roles it holds in the
 * request's tenant (tenant-free assignments plus that tenant's, closed under inheritance) that are
 * active in the request's {@link io.toolgate.Session} (all, unless it names a subset) give their
 * entries. A matching deny entry of any such role denies ({@code EXPLICIT_DENY}); else a matching
 * allow entry allows; else the module says nothing, so the whitelist or another module may still
 * allow. Decisions name the entries, {@code role:<name>/allow/N}. Two further denials: active roles
 * violating a dynamic constraint ({@code SEPARATION_OF_DUTY}, rule {@code sod:<name>}), and a
 * session whose tenant differs from the resource's ({@code EXPLICIT_DENY}, rule {@code
 * rbac:tenant-mismatch}).
 *
 * <p>The tenant of a request is the one the first matching {@linkplain Builder#tenantFromResource
 * tenant pattern} captures from its resource, or else the session's ({@link
 * io.toolgate.Session#tenant()}), or none (then only tenant-free assignments count).
 *
 * <p>{@link Builder#build()} checks what the module can check alone (duplicate roles, unknown
 * parents, inheritance cycles, assignments and constraints naming unknown roles); compiling it into
 * a policy checks the rest against the policy's principals (undefined principals, bounded
 * assignments without an owner, static separation of duty).
 */
public final class RbacPolicy implements PolicyModule {
  private final List<Role> roles;
  private final Map<String, Role> byName;
  private final List<Assignment> assignments;
  private final Map<String, List<Assignment>> byPrincipal;
  private final List<SodConstraint> constraints;
  private final List<String> tenantPatterns;
  private final List<TenantPattern> compiledPatterns;
  private final RoleGraph graph;
  private final Map<String, List<io.toolgate.Limit>> limits;

  /** Computed on first use: a policy given an explicit version never needs it. */
  private volatile String fingerprint;

  private RbacPolicy(Builder b) {
    this.roles = List.copyOf(b.roles);
    Map<String, Role> names = new LinkedHashMap<>();
    roles.forEach(r -> names.put(r.name(), r));
    this.byName = Collections.unmodifiableMap(names);
    this.assignments = List.copyOf(b.assignments);
    Map<String, List<Assignment>> grouped = new LinkedHashMap<>();
    assignments.forEach(
        a -> grouped.computeIfAbsent(a.principal(), k -> new ArrayList<>(2)).add(a));
    grouped.replaceAll((k, v) -> List.copyOf(v));
    this.byPrincipal = Collections.unmodifiableMap(grouped);
    this.constraints = List.copyOf(b.constraints);
    this.tenantPatterns = List.copyOf(b.tenantPatterns);
    this.compiledPatterns = tenantPatterns.stream().map(TenantPattern::parse).toList();
    this.graph = new RoleGraph(roles, constraints);
    Map<String, List<io.toolgate.Limit>> l = new LinkedHashMap<>();
    b.limits.forEach((k, v) -> l.put(k, List.copyOf(v)));
    this.limits = Collections.unmodifiableMap(l);
  }

  /** Returns a builder for a new role module. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code rbac}. */
  @Override
  public String name() {
    return "rbac";
  }

  /**
   * A digest of the canonical (sorted) content: roles, assignments, constraints, tenant patterns.
   */
  @Override
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = digest();
      fingerprint = f;
    }
    return f;
  }

  /**
   * Validates the assignments against the policy's principals and precomputes every principal's
   * effective role sets. Publishes {@link io.toolgate.spi.RoleDirectory} and {@link RoleQueries} as
   * services.
   *
   * @throws InvalidPolicyException listing every assignment to an undefined principal, bounded
   *     assignment to a principal without an owner, and static separation-of-duty violation
   */
  @Override
  public CompiledModule compile(PolicyView view) {
    return CompiledRoles.compile(this, view);
  }

  /**
   * Queries over this module as compiled into {@code policy}: effective roles, role holders,
   * effective permissions, answered from the policy's compiled snapshot (nothing is compiled
   * again).
   *
   * @throws IllegalArgumentException if {@code policy} does not include this module
   */
  public RoleQueries queries(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    if (policy.modules().stream().noneMatch(m -> m == this)) {
      throw new IllegalArgumentException(
          "the policy " + policy.version() + " does not include this module");
    }
    // Module names are unique in a policy, so the one RoleQueries it offers is this module's.
    return policy
        .service(RoleQueries.class)
        .orElseThrow(
            () -> new IllegalStateException("the compiled rbac module offers no RoleQueries"));
  }

  /** Every role, in definition order. */
  public List<Role> roles() {
    return roles;
  }

  /** The role named {@code name}, if defined. */
  public Optional<Role> role(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every assignment, in definition order. */
  public List<Assignment> assignments() {
    return assignments;
  }

  /** Every separation-of-duty constraint, in definition order. */
  public List<SodConstraint> constraints() {
    return constraints;
  }

  /** The tenant patterns, in the order they are tried. */
  public List<String> tenantPatterns() {
    return tenantPatterns;
  }

  /**
   * The {@link io.toolgate.Limit}s on role allow entries, by entry id ({@code role:<name>/allow/N}
   * or the id the entry names), as given to {@link Builder#limit}. A call a role entry allows
   * counts against that entry's limits; an exhausted one denies with {@link
   * io.toolgate.Reason#RATE_LIMITED}.
   */
  public Map<String, List<io.toolgate.Limit>> limits() {
    return limits;
  }

  /** Returns a builder holding this module's content, to derive a changed module. */
  public Builder toBuilder() {
    Builder b = new Builder();
    limits.forEach((k, v) -> b.limits.put(k, new ArrayList<>(v)));
    b.roles.addAll(roles);
    b.assignments.addAll(assignments);
    b.constraints.addAll(constraints);
    b.tenantPatterns.addAll(tenantPatterns);
    return b;
  }

  RoleGraph graph() {
    return graph;
  }

  Map<String, List<Assignment>> assignmentsByPrincipal() {
    return byPrincipal;
  }

  List<TenantPattern> compiledTenantPatterns() {
    return compiledPatterns;
  }

  @Override
  public String toString() {
    return "rbac{"
        + roles.size()
        + " roles, "
        + assignments.size()
        + " assignments, "
        + constraints.size()
        + " constraints}";
  }

  /** SHA-256 over the content in a canonical order, streamed role by role. */
  private String digest() {
    MessageDigest md = Digests.sha256();
    StringBuilder s = new StringBuilder(256);
    List<Role> sorted = new ArrayList<>(roles);
    sorted.sort(Comparator.comparing(Role::name));
    for (Role r : sorted) {
      s.setLength(0);
      s.append("role\0").append(r.name()).append('\0').append(r.parents()).append('\n');
      for (io.toolgate.AccessEntry e : r.entries()) {
        s.append(e.id()).append('\0').append(e.effect() == io.toolgate.Effect.ALLOW ? 'A' : 'D');
        if (e.isLogOnly()) {
          s.append('L');
        }
        e.tools().forEach(t -> s.append('\0').append(t));
        s.append('\0');
        e.resources().forEach(x -> s.append('\0').append(x));
        limits.getOrDefault(e.id(), List.of()).forEach(x -> s.append("\0limit\0").append(x));
        if (e.approvalRequired()) {
          s.append("\0approval");
        }
        s.append('\n');
      }
      md.update(s.toString().getBytes(StandardCharsets.UTF_8));
    }
    s.setLength(0);
    assignments.stream()
        .map(Assignment::toString)
        .sorted()
        .forEach(a -> s.append("assign\0").append(a).append('\n'));
    constraints.stream()
        .map(SodConstraint::toString)
        .sorted()
        .forEach(c -> s.append("constraint\0").append(c).append('\n'));
    s.append("tenants\0").append(tenantPatterns);
    md.update(s.toString().getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(md.digest(), 0, 8);
  }

  /**
   * Collects roles, assignments, constraints and tenant patterns; {@link #build()} validates them
   * together and leaves the builder unchanged. Malformed single values (names, patterns,
   * cardinalities) are rejected at once with {@link IllegalArgumentException}. Not thread-safe.
   */
  public static final class Builder {
    private final List<Role> roles = new ArrayList<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private final List<SodConstraint> constraints = new ArrayList<>();
    private final List<String> tenantPatterns = new ArrayList<>();
    private final Map<String, List<io.toolgate.Limit>> limits = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Limits the calls a role's allow entry permits: each call that entry allows counts against
     * {@code limit} (calls per principal, chain origin or session per window, for the tools the
     * limit names), and once a window's calls are used the call is denied with {@link
     * io.toolgate.Reason#RATE_LIMITED} until the next window. {@code entryId} is the entry's id:
     * {@code role:<name>/allow/N} for the N-th (from 0) allow entry {@link Role.Builder} made.
     * {@link #build()} checks that it names an allow entry of a defined role.
     */
    public Builder limit(String entryId, io.toolgate.Limit limit) {
      Objects.requireNonNull(entryId, "entryId");
      Objects.requireNonNull(limit, "limit");
      limits.computeIfAbsent(entryId, k -> new ArrayList<>()).add(limit);
      return this;
    }

    /** Defines a role. */
    public Builder role(Role role) {
      roles.add(Objects.requireNonNull(role, "role"));
      return this;
    }

    /** Defines roles. */
    public Builder roles(Role... values) {
      for (Role r : values) {
        role(r);
      }
      return this;
    }

    /** Adds an assignment. */
    public Builder assignment(Assignment assignment) {
      assignments.add(Objects.requireNonNull(assignment, "assignment"));
      return this;
    }

    /** Assigns {@code principalId} the roles in every tenant. */
    public Builder assign(String principalId, String... roleNames) {
      for (String r : roleNames) {
        assignment(Assignment.of(principalId, r));
      }
      return this;
    }

    /** Assigns {@code principalId} the role in {@code tenant} only. */
    public Builder assignInTenant(String principalId, String roleName, String tenant) {
      return assignment(Assignment.of(principalId, roleName).inTenant(tenant));
    }

    /**
     * Assigns {@code principalId} (an agent, or any principal with an owner) the role in every
     * tenant, effective only where its owner holds the role too.
     */
    public Builder assignBoundedByOwner(String principalId, String roleName) {
      return assignment(Assignment.of(principalId, roleName).boundedByOwner());
    }

    /** Adds a separation-of-duty constraint. */
    public Builder constraint(SodConstraint constraint) {
      constraints.add(Objects.requireNonNull(constraint, "constraint"));
      return this;
    }

    /** No principal may hold two of {@code roles}, inherited ones counted (NIST SSD, n = 2). */
    public Builder staticSeparation(String name, String... roleNames) {
      return constraint(SodConstraint.ofStatic(name, Arrays.asList(roleNames)));
    }

    /**
     * No request may have two of {@code roles} active, inherited ones counted (NIST DSD, n = 2).
     */
    public Builder dynamicSeparation(String name, String... roleNames) {
      return constraint(SodConstraint.ofDynamic(name, Arrays.asList(roleNames)));
    }

    /**
     * Takes a request's tenant from its resource: {@code pattern} is a resource pattern with one
     * {@code {tenant}} capture after a literal prefix, such as {@code repo:{tenant}/**} or {@code
     * https://{tenant}.example.com/**}; the capture is one run up to the character that follows it,
     * never crossing {@code /}. Patterns are tried in the order added; the first match wins. A
     * resource matching none leaves the session's tenant in force.
     *
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public Builder tenantFromResource(String pattern) {
      TenantPattern.parse(pattern);
      tenantPatterns.add(pattern);
      return this;
    }

    /**
     * Validates and builds the module. The builder is left unchanged.
     *
     * @throws InvalidPolicyException listing every duplicate role, unknown parent, inheritance
     *     cycle ({@code a -> b -> a}), duplicate assignment, assignment or constraint naming an
     *     unknown role, and duplicate constraint name
     */
    public RbacPolicy build() {
      List<String> problems = new ArrayList<>();
      Map<String, Role> defined = new LinkedHashMap<>();
      for (Role r : roles) {
        if (defined.putIfAbsent(r.name(), r) != null) {
          problems.add("role '" + r.name() + "' is defined twice");
        }
      }
      for (Role r : defined.values()) {
        for (String p : r.parents()) {
          if (!defined.containsKey(p)) {
            problems.add("role '" + r.name() + "' inherits '" + p + "', which is not defined");
          }
        }
      }
      cycles(defined)
          .forEach(c -> problems.add("roles inherit in a cycle: " + String.join(" -> ", c)));
      Set<Assignment> seen = new HashSet<>();
      for (Assignment a : assignments) {
        if (!defined.containsKey(a.role())) {
          problems.add(
              "assignment '" + a + "' names role '" + a.role() + "', which is not defined");
        }
        if (!seen.add(a)) {
          problems.add("assignment '" + a + "' is listed twice");
        }
      }
      Set<String> constraintNames = new HashSet<>();
      for (SodConstraint c : constraints) {
        if (!constraintNames.add(c.name())) {
          problems.add("constraint '" + c.name() + "' is defined twice");
        }
        for (String r : c.roles()) {
          if (!defined.containsKey(r)) {
            problems.add(
                "constraint '" + c.name() + "' names role '" + r + "', which is not defined");
          }
        }
      }
      Set<String> allowIds = new HashSet<>();
      Set<String> logOnlyIds = new HashSet<>();
      defined
          .values()
          .forEach(
              r ->
                  r.entries().stream()
                      .filter(e -> e.effect() == io.toolgate.Effect.ALLOW)
                      .forEach(e -> (e.isLogOnly() ? logOnlyIds : allowIds).add(e.id())));
      for (String id : limits.keySet()) {
        if (logOnlyIds.contains(id)) {
          problems.add(
              "a limit names entry '"
                  + id
                  + "', a log-only entry: it allows nothing, so nothing can be limited");
        } else if (!allowIds.contains(id)) {
          problems.add(
              "a limit names entry '" + id + "', which is not an allow entry of a defined role");
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidPolicyException(problems);
      }
      return new RbacPolicy(this);
    }

    /**
     * Finds inheritance cycles: repeatedly removes roles all of whose (defined) parents are
     * removed; from each role left, follows a remaining parent until a role repeats. Every role
     * left lies on or leads into a cycle, so each cycle is reported once, as {@code [a, b, ...,
     * a]}. Linear in roles plus edges.
     */
    static List<List<String>> cycles(Map<String, Role> defined) {
      Map<String, Integer> pending = new HashMap<>();
      Map<String, List<String>> children = new HashMap<>();
      for (Role r : defined.values()) {
        int n = 0;
        for (String p : r.parents()) {
          if (defined.containsKey(p)) {
            n++;
            children.computeIfAbsent(p, k -> new ArrayList<>()).add(r.name());
          }
        }
        pending.put(r.name(), n);
      }
      ArrayDeque<String> ready = new ArrayDeque<>();
      pending.forEach(
          (r, n) -> {
            if (n == 0) {
              ready.add(r);
            }
          });
      while (!ready.isEmpty()) {
        String r = ready.poll();
        pending.remove(r);
        for (String c : children.getOrDefault(r, List.of())) {
          if (pending.merge(c, -1, Integer::sum) == 0) {
            ready.add(c);
          }
        }
      }
      List<List<String>> cycles = new ArrayList<>();
      Set<String> visited = new HashSet<>();
      for (String start : defined.keySet()) {
        if (!pending.containsKey(start) || visited.contains(start)) {
          continue;
        }
        List<String> walk = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        String at = start;
        while (at != null && !visited.contains(at)) {
          visited.add(at);
          position.put(at, walk.size());
          walk.add(at);
          String next = null;
          for (String p : defined.get(at).parents()) {
            if (pending.containsKey(p)) {
              next = p;
              break;
            }
          }
          at = next;
        }
        if (at != null && position.containsKey(at)) {
          List<String> cycle = new ArrayList<>(walk.subList(position.get(at), walk.size()));
          cycle.add(at);
          cycles.add(cycle);
        }
      }
      return cycles;
    }
  }
}
