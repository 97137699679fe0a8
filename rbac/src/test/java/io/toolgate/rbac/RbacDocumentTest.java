package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Session;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicySection;
import io.toolgate.document.PolicyWriter;
import io.toolgate.document.SectionWriter;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.PolicyModule;
import io.toolgate.spi.PolicyView;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The valid example document {@code documents/valid/rbac.yaml}, which uses every feature of the
 * module's sections, decides as intended; the section is found by {@link java.util.ServiceLoader};
 * and what {@link RbacSection#write} writes loads back.
 */
class RbacDocumentTest {
  static final PolicyLoader LOADER =
      PolicyLoader.builder().sections(List.of(new RbacSection())).build();

  static Path valid() {
    try {
      return Path.of(RbacDocumentTest.class.getResource("/documents/valid/rbac.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static RbacPolicy rbac(Policy policy) {
    return policy.modules().stream()
        .filter(RbacPolicy.class::isInstance)
        .map(RbacPolicy.class::cast)
        .findFirst()
        .orElseThrow();
  }

  static void assertDecision(Decision d, Effect effect, Reason reason, String... ruleIds) {
    assertThat(d.effect()).as("%s", d).isEqualTo(effect);
    assertThat(d.reason()).as("%s", d).isEqualTo(reason);
    assertThat(d.ruleIds()).as("%s", d).containsExactlyInAnyOrder(ruleIds);
  }

  @Test
  void load_validExample_readsEveryFeature() {
    RbacPolicy rbac = rbac(LOADER.load(valid()));

    assertThat(rbac.roles())
        .extracting(Role::name)
        .containsExactly(
            "reader",
            "triager",
            "maintainer",
            "admin",
            "payments-submitter",
            "payments-approver",
            "auditor");
    assertThat(rbac.role("admin").orElseThrow().parents()).containsExactly("maintainer", "reader");
    assertThat(rbac.role("reader").orElseThrow().entries())
        .extracting(e -> e.id())
        .containsExactly("role:reader/allow/0", "role:reader/no-secrets");
    assertThat(rbac.role("maintainer").orElseThrow().entries())
        .extracting(e -> e.id())
        .containsExactly("role:maintainer/merge");
    assertThat(rbac.constraints())
        .containsExactly(
            SodConstraint.ofStatic(
                "constraint-0", List.of("payments-submitter", "payments-approver")),
            SodConstraint.ofDynamic("admin-or-audit", List.of("admin", "auditor")),
            new SodConstraint(
                "three-hats",
                SodConstraint.Kind.STATIC,
                java.util.Set.of("triager", "payments-submitter", "auditor"),
                3));
    assertThat(rbac.tenantPatterns()).containsExactly("repo:{tenant}/**");
    assertThat(rbac.assignments())
        .containsExactly(
            Assignment.of("alice", "maintainer"),
            Assignment.of("alice", "payments-submitter").inTenant("acme"),
            Assignment.of("bob", "payments-approver").inTenant("acme"),
            Assignment.of("bob", "admin").inTenant("globex"),
            Assignment.of("dave", "admin"),
            Assignment.of("dave", "auditor"),
            Assignment.of("triage-bot", "triager").boundedByOwner(),
            Assignment.of("triage-bot", "admin").boundedByOwner());
  }

  @Test
  void decide_validExample_decidesAsIntended() {
    Policy policy = LOADER.load(valid());

    assertDecision(
        Fixtures.decide(policy, "alice", "github/add_label", "repo:acme/support-desk"),
        Effect.ALLOW,
        Reason.PERMITTED,
        "role:triager/allow/0");
    assertDecision(
        Fixtures.decide(policy, "alice", "github/get_file", "repo:acme/secrets"),
        Effect.DENY,
        Reason.EXPLICIT_DENY,
        "role:reader/no-secrets");
    assertDecision(
        Fixtures.decide(policy, "alice", "github/merge_pr", "repo:acme/api"),
        Effect.ALLOW,
        Reason.PERMITTED,
        "role:maintainer/merge");
    assertDecision(
        Fixtures.decide(policy, "alice", "github/merge_pr", "repo:globex/web"),
        Effect.DENY,
        Reason.NOT_PERMITTED);
    // Tenant-scoped assignments: the session's tenant, when the resource names none.
    assertDecision(
        Fixtures.decide(policy, "alice", "payments/submit", "", Session.tenant("acme")),
        Effect.ALLOW,
        Reason.PERMITTED,
        "role:payments-submitter/allow/0");
    assertDecision(
        Fixtures.decide(policy, "alice", "payments/submit", "", Session.tenant("globex")),
        Effect.DENY,
        Reason.NOT_PERMITTED);
    assertDecision(
        Fixtures.decide(policy, "bob", "payments/approve", "", Session.tenant("acme")),
        Effect.ALLOW,
        Reason.PERMITTED,
        "role:payments-approver/allow/0");
    // The tenant pattern: bob is admin in globex, and repo:globex/web is in globex.
    assertDecision(
        Fixtures.decide(policy, "bob", "github/delete_repo", "repo:globex/web"),
        Effect.ALLOW,
        Reason.PERMITTED,
        "role:admin/allow/0");
    assertDecision(
        Fixtures.decide(policy, "bob", "github/delete_repo", "repo:acme/api"),
        Effect.DENY,
        Reason.NOT_PERMITTED);
    assertDecision(
        Fixtures.decide(
            policy, "alice", "github/get_file", "repo:acme/api", Session.tenant("globex")),
        Effect.DENY,
        Reason.EXPLICIT_DENY,
        CompiledRoles.TENANT_MISMATCH);
    // Dynamic separation of duty: dave may hold admin and auditor, not use both at once.
    assertDecision(
        Fixtures.decide(policy, "dave", "github/list_issues", "repo:acme/api"),
        Effect.DENY,
        Reason.SEPARATION_OF_DUTY,
        "sod:admin-or-audit");
    assertDecision(
        Fixtures.decide(
            policy, "dave", "payments/read_ledger", "", Session.DEFAULT.withActiveRoles("auditor")),
        Effect.ALLOW,
        Reason.PERMITTED,
        "role:auditor/allow/0");
    // Bounded by the owner: the bot's triager holds (alice is a maintainer), its admin is dormant.
    assertDecision(
        Fixtures.decide(policy, "triage-bot", "github/add_label", "repo:acme/support-x"),
        Effect.ALLOW,
        Reason.PERMITTED,
        "role:triager/allow/0");
    assertDecision(
        Fixtures.decide(policy, "triage-bot", "github/delete_repo", "repo:acme/api"),
        Effect.DENY,
        Reason.NOT_PERMITTED);
    assertThat(
            Fixtures.decide(
                    policy,
                    Fixtures.request(
                        DelegationChain.of("alice").then("triage-bot"),
                        "github/add_label",
                        "repo:acme/support-x",
                        Session.DEFAULT))
                .effect())
        .isEqualTo(Effect.ALLOW);
    // The whitelist still works next to roles.
    assertDecision(
        Fixtures.decide(policy, "carol", "payments/read_ledger", ""),
        Effect.ALLOW,
        Reason.PERMITTED,
        "carol/allow/0");
  }

  @Test
  void defaults_classPath_discoversTheRbacSection() {
    List<PolicySection> sections = PolicyLoader.defaults().sections();

    assertThat(sections).filteredOn(RbacSection.class::isInstance).hasSize(1);
    PolicySection rbac =
        sections.stream().filter(RbacSection.class::isInstance).findFirst().orElseThrow();
    assertThat(rbac.module()).isEqualTo("toolgate-rbac");
    assertThat(rbac.order()).isEqualTo(100);
    assertThat(rbac.sections()).containsExactlyInAnyOrder("roles", "constraints", "tenants");
    assertThat(rbac.principalFields()).containsExactly("roles");
    assertThat(PolicyLoader.defaults().load(valid()).modules()).hasSize(1);
  }

  @Test
  void load_documentWithoutRbacContent_plugsNoModule() {
    Policy policy =
        LOADER.load(
            "plain.yaml",
            """
        version: 1
        principals:
          - id: alice
            type: user
        """
                .getBytes(StandardCharsets.UTF_8),
            DocumentFormat.YAML,
            null);

    assertThat(policy.modules()).isEmpty();
  }

  @Test
  void write_validExample_loadsBackToTheSameModule() {
    Policy policy = LOADER.load(valid());
    PolicyWriter writer = new PolicyWriter(List.of(new RbacSection()));

    for (DocumentFormat format : DocumentFormat.values()) {
      String text = writer.write(policy, format);
      Policy again = LOADER.load("written", text.getBytes(StandardCharsets.UTF_8), format, null);

      RbacPolicy before = rbac(policy);
      RbacPolicy after = rbac(again);
      assertThat(after.roles()).as(text).isEqualTo(before.roles());
      assertThat(after.assignments()).isEqualTo(before.assignments());
      assertThat(after.constraints()).isEqualTo(before.constraints());
      assertThat(after.tenantPatterns()).isEqualTo(before.tenantPatterns());
      assertThat(after.fingerprint()).isEqualTo(before.fingerprint());
      assertThat(writer.write(again, format)).isEqualTo(text);
    }
  }

  @Test
  void write_plainAssignments_writesRoleNamesAndOmitsDefaults() {
    RbacPolicy rbac =
        RbacPolicy.builder()
            .role(Role.builder("a").allow("x/y").build())
            .role(Role.builder("b").inherits("a").deny(List.of("x/*"), List.of("r:**")).build())
            .assign("alice", "a")
            .assignInTenant("alice", "b", "acme")
            .dynamicSeparation("ab", "a", "b")
            .build();
    Policy policy =
        Policy.builder().principal(Principal.user("alice").build()).module(rbac).build();

    Map<String, Object> doc = new PolicyWriter(List.of(new RbacSection())).toDocument(policy);

    assertThat(doc.get("roles"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "a",
                    "allow",
                    List.of(Map.of("id", "role:a/allow/0", "tools", List.of("x/y")))),
                Map.of(
                    "name",
                    "b",
                    "inherits",
                    List.of("a"),
                    "deny",
                    List.of(
                        Map.of(
                            "id",
                            "role:b/deny/0",
                            "tools",
                            List.of("x/*"),
                            "resources",
                            List.of("r:**"))))));
    assertThat(doc.get("constraints"))
        .isEqualTo(List.of(Map.of("name", "ab", "dynamicSeparationOfDuty", List.of("a", "b"))));
    assertThat(doc).doesNotContainKey("tenants");
    assertThat(doc.get("principals"))
        .asList()
        .singleElement()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("roles", List.of("a", Map.of("role", "b", "tenant", "acme")));
  }

  @Test
  void writes_otherModule_isFalseAndWriteRefusesIt() {
    PolicyModule other =
        new PolicyModule() {
          @Override
          public String name() {
            return "other";
          }

          @Override
          public String fingerprint() {
            return "x";
          }

          @Override
          public CompiledModule compile(PolicyView view) {
            throw new UnsupportedOperationException();
          }
        };
    RbacSection section = new RbacSection();

    assertThat(section.writes(other)).isFalse();
    assertThat(section.writes(RbacPolicy.builder().build())).isTrue();
    assertThatThrownBy(
            () ->
                section.write(
                    other,
                    new SectionWriter() {
                      @Override
                      public void section(String name, Object value) {}

                      @Override
                      public void principalField(String principalId, String field, Object value) {}
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'other'");
  }
}
