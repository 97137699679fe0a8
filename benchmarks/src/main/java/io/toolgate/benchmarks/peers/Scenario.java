package io.toolgate.benchmarks.peers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One policy and workload that every engine is given: principals, roles with their parents, role
 * assignments, grants, at most one delegation chain with a scope per hop, and requests with the
 * answer of a naive reference model ({@link #decide}), which every engine must reproduce. Immutable
 * once built; built deterministically by {@link Scenarios}.
 */
final class Scenario {
  private final String name;
  private final String description;
  private final List<String> principals;
  private final Map<String, List<String>> roleParents;
  private final Map<String, List<String>> assignments;
  private final List<Grant> grants;
  private final List<Scope> scopes;
  private final boolean usesArguments;
  private final List<Check> checks;
  private final Map<String, List<Grant>> grantsByHolder;
  private final Map<String, Set<String>> roleClosure;

  private Scenario(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.principals = List.copyOf(b.principals);
    this.roleParents = Collections.unmodifiableMap(new LinkedHashMap<>(b.roleParents));
    this.assignments = Collections.unmodifiableMap(new LinkedHashMap<>(b.assignments));
    this.grants = List.copyOf(b.grants);
    this.scopes = List.copyOf(b.scopes);
    this.usesArguments = b.grants.stream().anyMatch(Grant::conditional);
    Map<String, List<Grant>> byHolder = new HashMap<>();
    for (Grant g : grants) {
      byHolder.computeIfAbsent(g.holder(), k -> new ArrayList<>()).add(g);
    }
    this.grantsByHolder = byHolder;
    Map<String, Set<String>> closure = new HashMap<>();
    for (String role : roleParents.keySet()) {
      closure.put(role, closeOver(role));
    }
    this.roleClosure = closure;
    List<Check> answered = new ArrayList<>();
    for (Check c : b.requests) {
      answered.add(new Check(c.chain(), c.tool(), c.resource(), c.amount(), decide(c)));
    }
    this.checks = List.copyOf(answered);
  }

  static Builder builder(String name, String description) {
    return new Builder(name, description);
  }

  String name() {
    return name;
  }

  String description() {
    return description;
  }

  List<String> principals() {
    return principals;
  }

  /** Roles in definition order, each with its parents (whose grants it inherits). */
  Map<String, List<String>> roleParents() {
    return roleParents;
  }

  /** Roles assigned to each principal directly. */
  Map<String, List<String>> assignments() {
    return assignments;
  }

  List<Grant> grants() {
    return grants;
  }

  /** The scopes of the delegation chain's hops after the origin, in chain order; empty if none. */
  List<Scope> scopes() {
    return scopes;
  }

  /** Whether some grant has a condition on the {@code amount} argument. */
  boolean usesArguments() {
    return usesArguments;
  }

  /** The workload, with the reference model's answers. */
  List<Check> checks() {
    return checks;
  }

  boolean hasRoles() {
    return !roleParents.isEmpty();
  }

  /** A role and every role it inherits from, transitively. */
  Set<String> roleClosure(String role) {
    return roleClosure.get(role);
  }

  /** The roles a principal holds, inherited ones included, in a deterministic order. */
  Set<String> effectiveRoles(String principal) {
    Set<String> roles = new LinkedHashSet<>();
    for (String r : assignments.getOrDefault(principal, List.of())) {
      roles.addAll(roleClosure.get(r));
    }
    return roles;
  }

  /** The name every peer uses for the subject of a request: the principal, or the whole chain. */
  static String subject(List<String> chain) {
    return chain.size() == 1 ? chain.get(0) : String.join(">", chain);
  }

  /**
   * The reference model: every principal of the chain must hold an allow covering the call (its
   * amount limit respected) and no deny covering it, and every hop's scope must cover the call.
   */
  boolean decide(Check c) {
    if (c.chain().size() > 1 && c.chain().size() != scopes.size() + 1) {
      throw new IllegalArgumentException(
          "the scenario defines one chain of " + (scopes.size() + 1) + ": " + c);
    }
    for (int i = 0; i < c.chain().size(); i++) {
      String principal = c.chain().get(i);
      if (i > 0) {
        Scope scope = scopes.get(i - 1);
        if (!scope.delegate().equals(principal)) {
          throw new IllegalArgumentException(
              "hop " + i + " delegates to " + scope.delegate() + ": " + c);
        }
        if (!scope.covers(c.tool(), c.resource())) {
          return false;
        }
      }
      boolean allowed = false;
      List<String> holders = new ArrayList<>(effectiveRoles(principal));
      holders.add(principal);
      for (String h : holders) {
        for (Grant g : grantsByHolder.getOrDefault(h, List.of())) {
          if (!g.covers(c.tool(), c.resource())) {
            continue;
          }
          if (!g.allow()) {
            return false;
          }
          if (!g.conditional() || (c.amount() != Check.NO_AMOUNT && c.amount() <= g.maxAmount())) {
            allowed = true;
          }
        }
      }
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /**
   * The grants of the chains in the workload, for peers that cannot delegate: one subject per chain
   * ({@link #subject}) holding the intersection computed here, once. Its allows are the
   * intersections of one allow per principal (roles included) with every hop's scope; its denies
   * are every deny any principal of the chain holds. Possible because every match is exact or a
   * prefix, so two matches intersect in one match.
   */
  List<Grant> chainGrants() {
    Set<List<String>> chains = new LinkedHashSet<>();
    for (Check c : checks) {
      if (c.chain().size() > 1) {
        chains.add(c.chain());
      }
    }
    List<Grant> out = new ArrayList<>();
    for (List<String> chain : chains) {
      out.addAll(intersection(chain));
    }
    return out;
  }

  private List<Grant> intersection(List<String> chain) {
    String subject = subject(chain);
    List<Grant> current = null;
    Set<Grant> denies = new LinkedHashSet<>();
    for (int i = 0; i < chain.size(); i++) {
      List<Grant> allows = new ArrayList<>();
      List<String> holders = new ArrayList<>(effectiveRoles(chain.get(i)));
      holders.add(chain.get(i));
      for (String h : holders) {
        for (Grant g : grantsByHolder.getOrDefault(h, List.of())) {
          if (g.allow()) {
            allows.add(g);
          } else {
            denies.add(g);
          }
        }
      }
      if (i > 0) {
        Scope scope = scopes.get(i - 1);
        List<Grant> scoped = new ArrayList<>();
        for (Match t : scope.tools()) {
          for (Match r : scope.resources()) {
            scoped.add(new Grant("scope", subject, false, true, t, r, Grant.UNCONDITIONAL));
          }
        }
        allows = intersect(allows, scoped);
      }
      current = current == null ? allows : intersect(current, allows);
    }
    List<Grant> out = new ArrayList<>();
    Set<List<Object>> seen = new LinkedHashSet<>();
    for (Grant g : current) {
      if (seen.add(List.of(g.tool(), g.resource(), g.maxAmount()))) {
        out.add(
            new Grant(
                subject + "/allow/" + out.size(),
                subject,
                false,
                true,
                g.tool(),
                g.resource(),
                g.maxAmount()));
      }
    }
    int k = 0;
    for (Grant d : denies) {
      out.add(
          new Grant(
              subject + "/deny/" + k++,
              subject,
              false,
              false,
              d.tool(),
              d.resource(),
              Grant.UNCONDITIONAL));
    }
    return out;
  }

  private static List<Grant> intersect(List<Grant> a, List<Grant> b) {
    List<Grant> out = new ArrayList<>();
    for (Grant x : a) {
      for (Grant y : b) {
        var tool = x.tool().intersect(y.tool());
        var resource = x.resource().intersect(y.resource());
        if (tool.isPresent() && resource.isPresent()) {
          long max =
              x.conditional() && y.conditional()
                  ? Math.min(x.maxAmount(), y.maxAmount())
                  : x.conditional() ? x.maxAmount() : y.maxAmount();
          out.add(new Grant("x", x.holder(), false, true, tool.get(), resource.get(), max));
        }
      }
    }
    return out;
  }

  private Set<String> closeOver(String role) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(role);
    while (!todo.isEmpty()) {
      String r = todo.poll();
      if (seen.add(r)) {
        todo.addAll(Objects.requireNonNull(roleParents.get(r), () -> "undefined role " + r));
      }
    }
    return Collections.unmodifiableSet(seen);
  }

  @Override
  public String toString() {
    return name;
  }

  /** Collects a scenario; requests are answered by the reference model when built. */
  static final class Builder {
    private final String name;
    private final String description;
    private final List<String> principals = new ArrayList<>();
    private final Map<String, List<String>> roleParents = new LinkedHashMap<>();
    private final Map<String, List<String>> assignments = new LinkedHashMap<>();
    private final List<Grant> grants = new ArrayList<>();
    private final List<Scope> scopes = new ArrayList<>();
    private final List<Check> requests = new ArrayList<>();
    private final Map<String, Integer> perHolder = new HashMap<>();

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    Builder principal(String id) {
      principals.add(id);
      return this;
    }

    Builder role(String name, List<String> parents) {
      roleParents.put(name, List.copyOf(parents));
      return this;
    }

    Builder assign(String principal, String role) {
      assignments.computeIfAbsent(principal, k -> new ArrayList<>()).add(role);
      return this;
    }

    Builder grant(String holder, boolean role, boolean allow, Match tool, Match resource) {
      return grant(holder, role, allow, tool, resource, Grant.UNCONDITIONAL);
    }

    Builder grant(
        String holder, boolean role, boolean allow, Match tool, Match resource, long maxAmount) {
      int n = perHolder.merge(holder, 1, Integer::sum) - 1;
      grants.add(
          new Grant(
              holder + "/" + (allow ? "allow" : "deny") + "/" + n,
              holder,
              role,
              allow,
              tool,
              resource,
              maxAmount));
      return this;
    }

    Builder scope(Scope scope) {
      scopes.add(scope);
      return this;
    }

    Builder request(List<String> chain, String tool, String resource) {
      return request(chain, tool, resource, Check.NO_AMOUNT);
    }

    Builder request(List<String> chain, String tool, String resource, long amount) {
      requests.add(new Check(chain, tool, resource, amount, false));
      return this;
    }

    Scenario build() {
      return new Scenario(this);
    }
  }
}
