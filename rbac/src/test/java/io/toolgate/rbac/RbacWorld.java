package io.toolgate.rbac;

import io.toolgate.AccessEntry;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.Session;
import io.toolgate.testing.Scenarios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random RBAC world, built deterministically from a seed: a role DAG of a given size and depth
 * (roles defined in shuffled order), principals (users, and agents owned by earlier principals),
 * assignments (tenant-free or scoped, some bounded by the owner), whitelist entries, static and
 * dynamic constraints, sometimes a tenant pattern; plus requests over it.
 */
record RbacWorld(
    List<Role> roles,
    List<Principal> principals,
    List<Assignment> assignments,
    List<WhitelistEntry> whitelist,
    List<SodConstraint> constraints,
    boolean tenantPattern,
    List<Request> requests) {

  record WhitelistEntry(String principal, AccessEntry entry) {}

  static final List<String> TENANTS = List.of("acme", "globex");
  static final List<String> TOOLS = Scenarios.TOOLS;
  static final List<String> TOOL_PATTERNS = Scenarios.TOOL_PATTERNS;

  /** Core's resources, with tenants (acme, globex) for the tenant pattern. */
  static final List<String> RESOURCES =
      List.of(
          "",
          "repo:acme/api",
          "repo:acme/secret-keys",
          "repo:globex/web",
          "repo:other/x",
          "file:///srv/a.csv");

  static final List<String> RESOURCE_PATTERNS =
      List.of(
          "repo:acme/*",
          "repo:acme/**",
          "repo:acme/secret-*",
          "repo:**",
          "repo:globex/*",
          "file:///srv/**",
          "**",
          "*");
  static final String TENANT_PATTERN = "repo:{tenant}/**";

  /** Worlds of 1 to {@code maxRoles} roles in 1 to {@code maxDepth} levels, from any seed. */
  static Arbitrary<RbacWorld> worlds(int maxRoles, int maxDepth) {
    return Combinators.combine(
            Arbitraries.integers().between(1, maxRoles),
            Arbitraries.integers().between(1, maxDepth),
            Arbitraries.longs())
        .as(RbacWorld::generate);
  }

  /**
   * The worlds of {@link #worlds} whose policy builds: none where an assignment breaks a static
   * separation-of-duty constraint (about one in eight), which {@link NaiveRbac#staticViolations}
   * finds without building.
   */
  static Arbitrary<RbacWorld> validWorlds(int maxRoles, int maxDepth) {
    return worlds(maxRoles, maxDepth).filter(w -> new NaiveRbac(w).staticViolations().isEmpty());
  }

  /** Whether the world has a static separation-of-duty constraint. */
  boolean hasStaticConstraint() {
    return constraints.stream().anyMatch(c -> c.kind() == SodConstraint.Kind.STATIC);
  }

  static RbacWorld generate(int roleCount, int depth, long seed) {
    Random rnd = new Random(seed);
    int[] level = new int[roleCount];
    List<List<Integer>> byLevel = new ArrayList<>();
    for (int l = 0; l < depth; l++) {
      byLevel.add(new ArrayList<>());
    }
    for (int i = 0; i < roleCount; i++) {
      level[i] = i < depth ? i : rnd.nextInt(depth);
      byLevel.get(level[i]).add(i);
    }
    List<Role> roles = new ArrayList<>();
    for (int i = 0; i < roleCount; i++) {
      Role.Builder b = Role.builder("r" + i);
      if (level[i] > 0) {
        Set<Integer> parents = new LinkedHashSet<>();
        List<Integer> below = byLevel.get(level[i] - 1);
        parents.add(below.get(rnd.nextInt(below.size())));
        int extra = rnd.nextInt(3);
        for (int k = 0; k < extra; k++) {
          int l = rnd.nextInt(level[i]);
          List<Integer> at = byLevel.get(l);
          parents.add(at.get(rnd.nextInt(at.size())));
        }
        parents.forEach(p -> b.inherits("r" + p));
      }
      int entries = rnd.nextInt(3);
      for (int k = 0; k < entries; k++) {
        List<String> tools = pick(rnd, TOOL_PATTERNS, 1 + rnd.nextInt(2));
        List<String> resources = pick(rnd, RESOURCE_PATTERNS, rnd.nextInt(3));
        // No resources: every resource (written as an omission).
        boolean deny = rnd.nextInt(100) < 15;
        if (resources.isEmpty()) {
          if (deny) {
            b.deny(tools.toArray(String[]::new));
          } else {
            b.allow(tools.toArray(String[]::new));
          }
        } else if (deny) {
          b.deny(tools, resources);
        } else {
          b.allow(tools, resources);
        }
      }
      roles.add(b.build());
    }
    Collections.shuffle(roles, rnd);

    List<Principal> principals = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = "p" + i;
      if (i < 4) {
        principals.add(Principal.user(id).build());
      } else {
        Principal.Builder b = Principal.agent(id);
        if (rnd.nextInt(10) < 8) {
          b.owner("p" + rnd.nextInt(i));
        }
        principals.add(b.build());
      }
    }
    Set<Assignment> assignments = new LinkedHashSet<>();
    for (Principal p : principals) {
      int n = rnd.nextInt(4);
      for (int k = 0; k < n; k++) {
        String role = "r" + rnd.nextInt(roleCount);
        if (p.owner().isPresent() && rnd.nextBoolean()) {
          List<Assignment> ownerHas =
              assignments.stream().filter(a -> a.principal().equals(p.owner().get())).toList();
          if (!ownerHas.isEmpty()) {
            role = ownerHas.get(rnd.nextInt(ownerHas.size())).role();
          }
        }
        Assignment a = Assignment.of(p.id(), role);
        int t = rnd.nextInt(10);
        if (t >= 6) {
          a = a.inTenant(TENANTS.get(t % 2));
        }
        if (p.owner().isPresent() && rnd.nextInt(10) < 4) {
          a = a.boundedByOwner();
        }
        assignments.add(a);
      }
    }
    List<WhitelistEntry> whitelist = new ArrayList<>();
    for (Principal p : principals) {
      if (rnd.nextInt(5) == 0) {
        Effect effect = rnd.nextInt(3) == 0 ? Effect.DENY : Effect.ALLOW;
        List<String> resources = pick(rnd, RESOURCE_PATTERNS, rnd.nextInt(2));
        List<String> tools = pick(rnd, TOOL_PATTERNS, 1);
        whitelist.add(
            new WhitelistEntry(
                p.id(),
                resources.isEmpty()
                    ? AccessEntry.of(p.id() + "/wl/0", effect, tools)
                    : AccessEntry.of(p.id() + "/wl/0", effect, tools, resources)));
      }
    }
    List<String> assigned = assignments.stream().map(Assignment::role).distinct().toList();
    List<SodConstraint> constraints = new ArrayList<>();
    if (rnd.nextInt(10) < 3 && roleCount >= 2) {
      List<String> set = distinctRoles(rnd, roleCount, assigned, 2 + rnd.nextInt(2));
      if (set.size() >= 2) {
        constraints.add(
            new SodConstraint(
                "ssd0",
                SodConstraint.Kind.STATIC,
                Set.copyOf(set),
                2 + rnd.nextInt(set.size() - 1)));
      }
    }
    int dynamic = roleCount >= 2 ? rnd.nextInt(3) : 0;
    for (int k = 0; k < dynamic; k++) {
      List<String> set = distinctRoles(rnd, roleCount, assigned, 2 + rnd.nextInt(2));
      if (set.size() >= 2) {
        constraints.add(
            new SodConstraint(
                "dsd" + k,
                SodConstraint.Kind.DYNAMIC,
                Set.copyOf(set),
                2 + rnd.nextInt(set.size() - 1)));
      }
    }
    boolean tenantPattern = rnd.nextBoolean();

    List<Request> requests = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      int first = rnd.nextInt(principals.size());
      DelegationChain chain = DelegationChain.of("p" + first);
      if (rnd.nextInt(4) == 0) {
        int second = (first + 1 + rnd.nextInt(principals.size() - 1)) % principals.size();
        chain = chain.then("p" + second);
      }
      int t = rnd.nextInt(10);
      Session session =
          t < 4
              ? Session.DEFAULT
              : t < 9 ? Session.tenant(TENANTS.get(t % 2)) : Session.tenant("initech");
      if (rnd.nextInt(10) < 4) {
        List<String> pool = new ArrayList<>(assigned);
        pool.add("r" + rnd.nextInt(roleCount));
        for (Role r : roles) {
          if (assigned.contains(r.name())) {
            pool.addAll(r.parents());
          }
        }
        session = session.withActiveRoles(pick(rnd, pool, rnd.nextInt(4)));
      }
      requests.add(
          Fixtures.request(
              chain,
              TOOLS.get(rnd.nextInt(TOOLS.size())),
              RESOURCES.get(rnd.nextInt(RESOURCES.size())),
              session));
    }
    return new RbacWorld(
        List.copyOf(roles),
        List.copyOf(principals),
        List.copyOf(assignments),
        List.copyOf(whitelist),
        List.copyOf(constraints),
        tenantPattern,
        List.copyOf(requests));
  }

  private static List<String> distinctRoles(
      Random rnd, int roleCount, List<String> assigned, int n) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < n * 3 && out.size() < n; i++) {
      out.add(
          !assigned.isEmpty() && rnd.nextBoolean()
              ? assigned.get(rnd.nextInt(assigned.size()))
              : "r" + rnd.nextInt(roleCount));
    }
    return List.copyOf(out);
  }

  private static List<String> pick(Random rnd, List<String> from, int n) {
    List<String> out = new ArrayList<>();
    if (from.isEmpty()) {
      return out;
    }
    for (int i = 0; i < n; i++) {
      String s = from.get(rnd.nextInt(from.size()));
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  RbacPolicy rbac() {
    RbacPolicy.Builder b = RbacPolicy.builder();
    roles.forEach(b::role);
    assignments.forEach(b::assignment);
    constraints.forEach(b::constraint);
    if (tenantPattern) {
      b.tenantFromResource(TENANT_PATTERN);
    }
    return b.build();
  }

  /** Builds the policy; throws InvalidPolicyException on static SoD violations. */
  Policy policy(RbacPolicy rbac) {
    Policy.Builder b = Policy.builder();
    principals.forEach(b::principal);
    whitelist.forEach(w -> b.entry(w.principal(), w.entry()));
    return b.module(rbac).build();
  }

  @Override
  public String toString() {
    return roles.size()
        + " roles, assignments "
        + assignments
        + ", constraints "
        + constraints
        + ", whitelist "
        + whitelist
        + ", tenantPattern "
        + tenantPattern;
  }
}
