package io.toolgate.rbac;

import static io.toolgate.rbac.Fixtures.ALICE;
import static io.toolgate.rbac.Fixtures.decide;
import static io.toolgate.rbac.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.AccessEntry;
import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log-only role entries: recorded when they match, never deciding, granting or reported. */
class RbacLogOnlyTest {
  static final Role WRITER =
      Role.builder("writer")
          .allow(List.of("github/get_*"), List.of("repo:acme/**"))
          .entry(AccessEntry.allow("role:writer/trial", "github/create_issue").logOnly())
          .entry(
              AccessEntry.of("role:writer/freeze", io.toolgate.Effect.DENY, List.of("github/*"))
                  .on("repo:acme/frozen-*")
                  .logOnly())
          .build();

  static RbacPolicy rbacWith(Role role) {
    return RbacPolicy.builder().roles(role).assign("alice", "writer").build();
  }

  static Policy policyWith(Role role) {
    return policy(rbacWith(role), ALICE);
  }

  @Test
  void logOnlyRoleEntries_neverDecide_andAreRecorded() {
    Policy p = policyWith(WRITER);
    Decision trial = decide(p, "alice", "github/create_issue", "repo:acme/api");
    assertThat(trial.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(trial.logOnlyMatches()).containsExactly("role:writer/trial");
    Decision frozen = decide(p, "alice", "github/get_issue", "repo:acme/frozen-1");
    assertThat(frozen.isAllowed()).isTrue();
    assertThat(frozen.ruleIds()).containsExactly("role:writer/allow/0");
    assertThat(frozen.logOnlyMatches()).containsExactly("role:writer/freeze");
  }

  @Test
  void logOnlyRoleEntries_grantNothing_toQueriesOrVisibility() {
    RbacPolicy rbac = rbacWith(WRITER);
    Policy p = policy(rbac, ALICE);
    RoleQueries queries = rbac.queries(p);
    assertThat(queries.effectivePermissions("alice"))
        .extracting(perm -> perm.entry().id())
        .containsExactly("role:writer/allow/0");
    assertThat(
            io.toolgate.DecisionEngine.builder(p)
                .build()
                .mayInvokeSome(
                    DelegationChain.of("alice"),
                    io.toolgate.ToolId.parse("github/create_issue"),
                    io.toolgate.Session.DEFAULT))
        .isFalse();
  }

  @Test
  void logOnlyRoleEntries_roundTripThroughDocuments_andChangeTheVersion() {
    Policy p = policyWith(WRITER);
    PolicyWriter writer = new PolicyWriter(List.of(new RbacSection()));
    String yaml = writer.write(p, DocumentFormat.YAML);
    assertThat(yaml).contains("mode: log-only");
    Policy back =
        RbacDocumentTest.LOADER.load(
            "roles.yaml", yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML, null);
    assertThat(RbacDocumentTest.rbac(back).roles()).isEqualTo(RbacDocumentTest.rbac(p).roles());
    Role enforced =
        Role.builder("writer")
            .allow(List.of("github/get_*"), List.of("repo:acme/**"))
            .entry(AccessEntry.allow("role:writer/trial", "github/create_issue"))
            .entry(
                AccessEntry.of("role:writer/freeze", io.toolgate.Effect.DENY, List.of("github/*"))
                    .on("repo:acme/frozen-*"))
            .build();
    assertThat(policyWith(enforced).version()).isNotEqualTo(p.version());
    assertThat(
            decide(policyWith(enforced), "alice", "github/create_issue", "repo:acme/api")
                .isAllowed())
        .isTrue();
  }
}
