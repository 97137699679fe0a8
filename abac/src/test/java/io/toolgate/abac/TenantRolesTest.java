package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.rbac.RbacPolicy;
import io.toolgate.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/**
 * Attribute rules that target roles see the roles the role module decides with: the tenant of a
 * call is the session's, else the one the tenant patterns take from the resource, for rbac, abac
 * and visibility alike.
 */
@StatisticsReport(onFailureOnly = true)
class TenantRolesTest {
  private static final ToolId DELETE = ToolId.parse("repo/delete");
  private static final ResourceId ACME_API = ResourceId.of("repo:acme/api");

  private static Policy bobPolicy(Rule rule) {
    RbacPolicy rbac =
        RbacPolicy.builder()
            .role(Role.builder("dev").allow(List.of("repo/*"), List.of("repo:*/**")).build())
            .role(Role.builder("contractor").build())
            .assignInTenant("bob", "dev", "acme")
            .assignInTenant("bob", "contractor", "acme")
            .tenantFromResource("repo:{tenant}/**")
            .build();
    AbacPolicy abac = AbacPolicy.builder().rule(rule).build();
    return Policy.builder()
        .principal(Principal.user("bob").build())
        .module(rbac)
        .module(abac)
        .build();
  }

  @Test
  void roleTargetedDenyRule_tenantFromResource_denies() {
    DecisionEngine engine =
        DecisionEngine.builder(
                bobPolicy(
                    Rule.deny("no-contractor-deletes")
                        .tools("repo/delete")
                        .roles("contractor")
                        .build()))
            .build();
    Decision d = engine.decide("bob", DELETE, ACME_API);
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(d.ruleIds()).contains("no-contractor-deletes");
  }

  @Test
  void celRoleCondition_tenantFromResource_denies() {
    DecisionEngine engine =
        DecisionEngine.builder(
                bobPolicy(
                    Rule.deny("no-contractor-deletes-cel")
                        .tools("repo/delete")
                        .when("'contractor' in principal.roles")
                        .build()))
            .build();
    Decision d = engine.decide("bob", DELETE, ACME_API);
    assertThat(d.isAllowed()).isFalse();
    assertThat(d.ruleIds()).contains("no-contractor-deletes-cel");
    // In another tenant bob holds nothing at all, and with the session naming acme it is the same.
    assertThat(
            engine
                .decide(
                    io.toolgate.Request.builder(io.toolgate.DelegationChain.of("bob"), DELETE)
                        .resource(ACME_API)
                        .session(Session.tenant("acme"))
                        .build())
                .isAllowed())
        .isFalse();
  }

  // ---- property: abac's view of a call's roles equals rbac's ----

  static final List<String> ROLES = List.of("r0", "r1", "r2");
  static final List<String> TENANTS = List.of("acme", "globex");

  /** One random world: assignments (role, tenant or null) for principal p, and one call. */
  record World(List<String[]> assignments, Optional<String> sessionTenant, String resource) {
    @Override
    public String toString() {
      List<String> a = new ArrayList<>();
      assignments.forEach(x -> a.add(x[0] + "@" + x[1]));
      return "World{" + a + ", session=" + sessionTenant + ", resource=" + resource + "}";
    }
  }

  @Provide
  Arbitrary<World> worlds() {
    Arbitrary<String[]> assignment =
        Combinators.combine(Arbitraries.of(ROLES), Arbitraries.of("acme", "globex", "*"))
            .as((r, t) -> new String[] {r, t});
    Arbitrary<Optional<String>> session = Arbitraries.of(TENANTS).optional(0.3);
    Arbitrary<String> resource =
        Arbitraries.of("repo:acme/api", "repo:globex/web", "doc:readme", "");
    return Combinators.combine(
            assignment.list().ofMaxSize(5).uniqueElements(a -> a[0] + "@" + a[1]),
            session,
            resource)
        .as(World::new);
  }

  @Property(tries = 400)
  void abacRoles_equalRbacRoles_forEveryCall(@ForAll("worlds") World w) {
    RbacPolicy.Builder rbac = RbacPolicy.builder().tenantFromResource("repo:{tenant}/**");
    AbacPolicy.Builder abac = AbacPolicy.builder();
    for (String r : ROLES) {
      // rbac grants probe/rbac_<r> to holders of r; abac grants probe/abac_<r> to holders of r,
      // once by target and once by a CEL condition.
      rbac.role(Role.builder(r).allow("probe/rbac_" + r).build());
      abac.rule(Rule.allow("by-target-" + r).tools("probe/abac_" + r).roles(r).build());
      abac.rule(
          Rule.allow("by-cel-" + r)
              .tools("probe/cel_" + r)
              .when("'" + r + "' in principal.roles")
              .build());
    }
    for (String[] a : w.assignments()) {
      if (a[1].equals("*")) {
        rbac.assign("p", a[0]);
      } else {
        rbac.assignInTenant("p", a[0], a[1]);
      }
    }
    Policy policy =
        Policy.builder()
            .principal(Principal.user("p").build())
            .module(rbac.build())
            .module(abac.build())
            .build();
    DecisionEngine engine = DecisionEngine.builder(policy).build();
    ResourceId resource = w.resource().isEmpty() ? ResourceId.NONE : ResourceId.of(w.resource());
    Session session = w.sessionTenant().map(Session::tenant).orElse(Session.DEFAULT);
    for (String r : ROLES) {
      boolean byRbac = decide(engine, "probe/rbac_" + r, resource, session);
      boolean byTarget = decide(engine, "probe/abac_" + r, resource, session);
      boolean byCel = decide(engine, "probe/cel_" + r, resource, session);
      assertThat(byTarget).as("%s: role %s by target", w, r).isEqualTo(byRbac);
      assertThat(byCel).as("%s: role %s by CEL", w, r).isEqualTo(byRbac);
      Statistics.label("holds")
          .collect(
              byRbac,
              w.sessionTenant().isPresent()
                  ? "session tenant"
                  : resource.value().startsWith("repo:") ? "resource tenant" : "no tenant");
    }
    Statistics.label("holds")
        .coverage(
            c -> {
              c.check(true, "resource tenant").count(n -> n > 0);
              c.check(false, "resource tenant").count(n -> n > 0);
              c.check(true, "session tenant").count(n -> n > 0);
              c.check(true, "no tenant").count(n -> n > 0);
            });
  }

  private static boolean decide(
      DecisionEngine engine, String tool, ResourceId resource, Session session) {
    return engine
        .decide(
            io.toolgate.Request.builder(io.toolgate.DelegationChain.of("p"), ToolId.parse(tool))
                .resource(resource)
                .session(session)
                .build())
        .isAllowed();
  }
}
