package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static io.toolgate.rbac.Fixtures.BOB;
import static io.toolgate.rbac.Fixtures.decide;
import static io.toolgate.rbac.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tenant-scoped assignments ("RBAC with domains"), the tenant taken from the session or resource.
 */
class TenantTest {
  private static final Role ADMIN =
      Role.builder("admin").allow(List.of("*/*"), List.of("**")).build();
  private static final Role VIEWER = Role.builder("viewer").allow("github/get_*").build();

  private static RbacPolicy.Builder roles() {
    return RbacPolicy.builder().roles(ADMIN, VIEWER);
  }

  @Test
  void decide_tenantScopedAssignment_appliesInItsTenantOnly() {
    Policy p = policy(roles().assignInTenant("alice", "admin", "acme").build(), ALICE);
    assertThat(decide(p, "alice", "github/delete_repo", "", Session.tenant("acme")).isAllowed())
        .isTrue();
    assertThat(decide(p, "alice", "github/delete_repo", "", Session.tenant("globex")).reason())
        .isEqualTo(Reason.NOT_PERMITTED);
    assertThat(decide(p, "alice", "github/delete_repo", "").reason())
        .as("a request naming no tenant")
        .isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void decide_tenantFreeAssignment_appliesInEveryTenantAndWithoutOne() {
    Policy p =
        policy(
            roles().assign("alice", "viewer").assignInTenant("alice", "admin", "acme").build(),
            ALICE);
    for (Session s :
        List.of(
            Session.DEFAULT,
            Session.tenant("acme"),
            Session.tenant("globex"),
            Session.tenant("unheard-of"))) {
      assertThat(decide(p, "alice", "github/get_file", "", s).isAllowed()).as("%s", s).isTrue();
    }
  }

  @Test
  void decide_sameRoleDifferentTenantsForDifferentPrincipals_keptApart() {
    Policy p =
        policy(
            roles()
                .assignInTenant("alice", "admin", "acme")
                .assignInTenant("bob", "admin", "globex")
                .build(),
            ALICE,
            BOB);
    assertThat(decide(p, "alice", "x/y", "", Session.tenant("acme")).isAllowed()).isTrue();
    assertThat(decide(p, "alice", "x/y", "", Session.tenant("globex")).isAllowed()).isFalse();
    assertThat(decide(p, "bob", "x/y", "", Session.tenant("globex")).isAllowed()).isTrue();
    assertThat(decide(p, "bob", "x/y", "", Session.tenant("acme")).isAllowed()).isFalse();
  }

  @Test
  void decide_tenantFromResource_traversalSpellings_neverReachAnotherTenant() {
    Policy p =
        policy(
            roles()
                .tenantFromResource("repo:{tenant}/**")
                .assignInTenant("alice", "admin", "acme")
                .build(),
            ALICE);
    for (String raw :
        List.of(
            "repo:acme/../globex/x",
            "repo:acme//globex",
            "repo:acme/%2e%2e/globex/x",
            "repo:acme/..%2fglobex/x",
            "REPO:acme/../globex/x")) {
      assertThat(decide(p, "alice", "github/delete_repo", raw).isAllowed()).as(raw).isFalse();
    }
  }

  @Test
  void decide_tenantFromResourcePattern_appliesThatTenantsAssignments() {
    Policy p =
        policy(
            roles()
                .tenantFromResource("repo:{tenant}/**")
                .assignInTenant("alice", "admin", "acme")
                .build(),
            ALICE);
    assertThat(decide(p, "alice", "github/merge", "repo:acme/api").isAllowed()).isTrue();
    assertThat(decide(p, "alice", "github/merge", "repo:acme/api/wiki").isAllowed()).isTrue();
    assertThat(decide(p, "alice", "github/merge", "repo:globex/api").isAllowed()).isFalse();
    assertThat(decide(p, "alice", "github/merge", "file:///etc/passwd").isAllowed())
        .as("no tenant in the resource and none in the session")
        .isFalse();
  }

  @Test
  void decide_sessionAndResourceAgree_allows() {
    Policy p =
        policy(
            roles()
                .tenantFromResource("repo:{tenant}/**")
                .assignInTenant("alice", "admin", "acme")
                .build(),
            ALICE);
    assertThat(
            decide(p, "alice", "github/merge", "repo:acme/api", Session.tenant("acme")).isAllowed())
        .isTrue();
  }

  @Test
  void decide_sessionAndResourceNameDifferentTenants_deniesExplicitly() {
    Policy p =
        policy(
            roles().tenantFromResource("repo:{tenant}/**").assign("alice", "admin").build(), ALICE);
    Decision d = decide(p, "alice", "github/merge", "repo:acme/api", Session.tenant("globex"));
    assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(d.ruleIds()).containsExactly("rbac:tenant-mismatch");
    assertThat(d.detail()).contains("'globex'", "'acme'");
  }

  @Test
  void decide_resourceWithoutTenant_sessionTenantApplies() {
    Policy p =
        policy(
            roles()
                .tenantFromResource("repo:{tenant}/**")
                .assignInTenant("alice", "admin", "acme")
                .build(),
            ALICE);
    assertThat(decide(p, "alice", "slack/post", "", Session.tenant("acme")).isAllowed()).isTrue();
  }

  @Test
  void decide_severalTenantPatterns_firstMatchWins() {
    Policy p =
        policy(
            roles()
                .tenantFromResource("https://{tenant}.example.com/**")
                .tenantFromResource("repo:{tenant}/**")
                .assignInTenant("alice", "admin", "acme")
                .build(),
            ALICE);
    assertThat(decide(p, "alice", "http/get", "https://acme.example.com/v1/orders").isAllowed())
        .isTrue();
    assertThat(decide(p, "alice", "http/get", "https://globex.example.com/v1").isAllowed())
        .isFalse();
    assertThat(decide(p, "alice", "http/get", "https://acme.example.org/v1").isAllowed()).isFalse();
    assertThat(decide(p, "alice", "github/get_file", "repo:acme/x").isAllowed()).isTrue();
  }

  @Test
  void tenantPattern_capture_isOneSegmentAfterTheLiteralPrefix() {
    TenantPattern repo = TenantPattern.parse("repo:{tenant}/**");
    assertThat(repo.capture(Fixtures.resource("repo:acme/api"))).isEqualTo("acme");
    assertThat(repo.capture(Fixtures.resource("repo:acme"))).isNull();
    assertThat(repo.capture(Fixtures.resource("repo:/api"))).isNull();
    assertThat(repo.capture(Fixtures.resource("file:acme/api"))).isNull();
    assertThat(repo.capture(Fixtures.resource(""))).isNull();
    TenantPattern host = TenantPattern.parse("https://{tenant}.example.com/*");
    assertThat(host.capture(Fixtures.resource("https://acme.example.com/x"))).isEqualTo("acme");
    assertThat(host.capture(Fixtures.resource("https://acme.example.com/x/y"))).isNull();
    assertThat(host.capture(Fixtures.resource("https://a/b.example.com/x"))).isNull();
    TenantPattern tail = TenantPattern.parse("tenant:{tenant}");
    assertThat(tail.capture(Fixtures.resource("tenant:acme"))).isEqualTo("acme");
    assertThat(tail.capture(Fixtures.resource("tenant:acme/x"))).isNull();
    assertThat(tail.capture(Fixtures.resource("tenant:"))).isNull();
  }

  @Test
  void roleDirectory_tenantOfTheSession_addsTenantRolesToTenantFreeOnes() {
    Policy p =
        policy(
            roles().assign("alice", "viewer").assignInTenant("alice", "admin", "acme").build(),
            ALICE);
    RoleQueries q = ((RbacPolicy) p.modules().get(0)).queries(p);
    assertThat(q.rolesOf("alice", Session.tenant("acme"))).containsExactly("admin", "viewer");
    assertThat(q.rolesOf("alice", Session.tenant("globex"))).containsExactly("viewer");
    assertThat(q.rolesOf("alice", Session.DEFAULT)).containsExactly("viewer");
    assertThat(q.tenants()).containsExactly("acme");
  }
}
