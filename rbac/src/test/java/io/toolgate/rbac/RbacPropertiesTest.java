package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.Session;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The module against {@link NaiveRbac}, a reference that walks the role graph on every call, over
 * random role DAGs of up to 200 roles and depth up to 10, random assignments (tenants, bounded
 * agents), whitelist entries, static and dynamic constraints, and requests (chains, tenants,
 * active-role sessions).
 */
@StatisticsReport(onFailureOnly = true)
class RbacPropertiesTest {

  @Provide
  Arbitrary<RbacWorld> worlds() {
    return RbacWorld.worlds(200, 10);
  }

  @Provide
  Arbitrary<RbacWorld> validWorlds() {
    return RbacWorld.validWorlds(200, 10);
  }

  /**
   * Worlds that break a static constraint are refused, naming each violation; others decide like
   * the reference.
   */
  @Property(tries = 300)
  void decide_equalsNaiveReference_cachedAndUncached(@ForAll("worlds") RbacWorld world) {
    NaiveRbac reference = new NaiveRbac(world);
    RbacPolicy rbac = world.rbac();
    List<String> violations = reference.staticViolations();
    Statistics.label("world")
        .collect(
            !violations.isEmpty()
                ? "refused: static separation of duty"
                : world.hasStaticConstraint() ? "built, with a static constraint" : "built");
    if (!violations.isEmpty()) {
      InvalidPolicyException e =
          catchThrowableOfType(InvalidPolicyException.class, () -> world.policy(rbac));
      assertThat(e).as("static violations %s in %s", violations, world).isNotNull();
      for (String v : violations) {
        String principal = v.substring(0, v.indexOf('/'));
        assertThat(e.problems())
            .anyMatch(
                p ->
                    p.contains("principal '" + principal + "'")
                        && p.contains("'" + v.substring(v.lastIndexOf('/') + 1) + "'"));
      }
    } else {
      Policy policy = world.policy(rbac);
      DecisionEngine cached = DecisionEngine.builder(policy).build();
      DecisionEngine uncached = DecisionEngine.builder(policy).cacheSize(0).build();
      for (Request r : world.requests()) {
        NaiveRbac.Outcome expected = reference.decide(r);
        Decision d = uncached.decide(r);
        assertThat(
                new NaiveRbac.Outcome(
                    d.effect(), d.reason(), new HashSet<>(d.ruleIds()), d.refusingHop().orElse(-1)))
            .as("%s\n in %s\n -> %s", r, world, d)
            .isEqualTo(expected);
        assertThat(cached.decide(r)).isEqualTo(d);
        assertThat(cached.decide(r)).isEqualTo(d);
        Statistics.label("reason").collect(d.reason());
      }
    }
    Statistics.label("world")
        .coverage(
            c -> {
              c.check("refused: static separation of duty").percentage(p -> p > 4);
              c.check("built, with a static constraint").percentage(p -> p > 3);
              c.check("built").percentage(p -> p > 50);
            });
    Statistics.label("reason")
        .coverage(
            c -> {
              c.check(Reason.PERMITTED).percentage(p -> p > 6);
              c.check(Reason.NOT_PERMITTED).percentage(p -> p > 20);
              c.check(Reason.EXPLICIT_DENY).percentage(p -> p > 8);
              c.check(Reason.SEPARATION_OF_DUTY).percentage(p -> p > 1);
            });
  }

  @Property(tries = 200)
  void queries_equalNaiveReference(@ForAll("validWorlds") RbacWorld world, @ForAll long seed) {
    NaiveRbac reference = new NaiveRbac(world);
    int roles = world.roles().size();
    RbacPolicy rbac = world.rbac();
    RoleQueries q = rbac.queries(world.policy(rbac));
    java.util.Random rnd = new java.util.Random(seed);
    for (String tenant : new String[] {null, "acme", "globex"}) {
      Session session = tenant == null ? Session.DEFAULT : Session.tenant(tenant);
      for (Principal p : world.principals()) {
        Set<String> held = reference.held(p.id(), tenant);
        Statistics.label("roles held")
            .collect(held.isEmpty() ? "none" : held.size() == 1 ? "one" : "several");
        assertThat(tenant == null ? q.effectiveRoles(p.id()) : q.effectiveRoles(p.id(), tenant))
            .containsExactlyInAnyOrderElementsOf(held);
        assertThat(q.rolesOf(p.id(), session)).containsExactlyInAnyOrderElementsOf(held);
        List<String> active = List.of("r" + rnd.nextInt(roles), "r" + rnd.nextInt(roles));
        assertThat(q.rolesOf(p.id(), session.withActiveRoles(active)))
            .containsExactlyInAnyOrderElementsOf(
                reference.active(p.id(), tenant, session.withActiveRoles(active)));
        List<Permission> perms =
            tenant == null
                ? q.effectivePermissions(p.id())
                : q.effectivePermissions(p.id(), tenant);
        Set<String> expectedIds = new TreeSet<>();
        held.forEach(r -> reference.role(r).entries().forEach(e -> expectedIds.add(e.id())));
        assertThat(perms)
            .extracting(x -> x.entry().id())
            .containsExactlyInAnyOrderElementsOf(expectedIds);
        Set<String> assigned = q.assignedRoles(p.id(), tenant);
        for (Permission perm : perms) {
          List<String> path = perm.path();
          assertThat(assigned).contains(path.get(0));
          for (int i = 1; i < path.size(); i++) {
            assertThat(reference.role(path.get(i - 1)).parents()).contains(path.get(i));
          }
        }
      }
      String role = "r" + rnd.nextInt(roles);
      Set<String> holders = new TreeSet<>();
      world
          .principals()
          .forEach(
              p -> {
                if (reference.held(p.id(), tenant).contains(role)) {
                  holders.add(p.id());
                }
              });
      assertThat(tenant == null ? q.principalsHolding(role) : q.principalsHolding(role, tenant))
          .containsExactlyElementsOf(holders);
    }
    Statistics.label("roles held")
        .coverage(
            c -> {
              c.check("none").percentage(p -> p > 10);
              c.check("several").percentage(p -> p > 20);
            });
  }
}
