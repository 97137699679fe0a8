package io.toolgate.analysis;

import static io.toolgate.analysis.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.LifecycleState;
import io.toolgate.Policy;
import io.toolgate.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per finding kind, on the shared fixture policy. */
class FindingsTest {
  private final PolicyAnalyzer analyzer =
      PolicyAnalyzer.builder(Fixtures.policy()).clock(CLOCK).build();

  private List<Finding> of(FindingKind kind, List<Finding> all) {
    return all.stream().filter(f -> f.kind() == kind).toList();
  }

  @Test
  void wildcardOverDestructiveTool_isHigh_andSuggestsTheExactSafeTools() {
    assertThat(of(FindingKind.WILDCARD_DANGEROUS_TOOL, analyzer.findings()))
        .containsExactly(
            new Finding(
                FindingKind.WILDCARD_DANGEROUS_TOOL,
                Severity.HIGH,
                "triage-bot",
                "triage-bot/allow/0",
                "wildcard 'github/*' reaches destructive [github/delete_repo] tools",
                "list exact tools instead (github/list_issues, github/get_file, github/add_label), "
                    + "or deny [github/delete_repo]"),
            new Finding(
                FindingKind.WILDCARD_DANGEROUS_TOOL,
                Severity.MEDIUM,
                "rogue",
                "rogue/allow/0",
                "wildcard 'web/*' reaches open-world [web/fetch] tools",
                "list exact tools instead, or deny [web/fetch]"));
  }

  @Test
  void wildcardWithoutCatalog_isMedium_becauseAnnotationsAreUnknown() {
    Policy p =
        Policy.builder().principal(Principal.user("u").build()).allow("u", "github/list_*").build();
    assertThat(PolicyAnalyzer.builder(p).clock(CLOCK).build().findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.WILDCARD_DANGEROUS_TOOL);
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.message()).contains("without catalog annotations [github/list_*]");
            });
  }

  @Test
  void agentReachingWhatItsOwnerCannot_isReported_perGrant() {
    assertThat(of(FindingKind.EXCEEDS_OWNER, analyzer.findings()))
        .containsExactly(
            new Finding(
                FindingKind.EXCEEDS_OWNER,
                Severity.MEDIUM,
                "triage-bot",
                "triage-bot/allow/0",
                "'triage-bot' can reach github/list_issues on repo:acme/secret-*, github/list_issues on repo:acme/secret-keys, "
                    + "github/get_file on repo:acme/secret-*, github/get_file on repo:acme/secret-keys, "
                    + "github/add_label on repo:acme/secret-*, github/add_label on repo:acme/secret-keys, "
                    + "github/delete_repo on repo:acme/**, "
                    + "which its owner 'alice' cannot (a chain alice -> triage-bot is still denied)",
                "narrow triage-bot/allow/0 to what 'alice' holds, or let 'triage-bot' act only through chains "
                    + "from its owner"));
  }

  @Test
  void principalsWithoutOwnerOrExpiry_areReported_usersExempt() {
    List<Finding> all = analyzer.findings();
    assertThat(of(FindingKind.NO_OWNER, all))
        .extracting(Finding::principal, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("rogue", Severity.MEDIUM));
    assertThat(of(FindingKind.NO_EXPIRY, all))
        .extracting(Finding::principal, Finding::grant)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("rogue", ""));
  }

  @Test
  void allowCoveredByADeny_isShadowed() {
    assertThat(of(FindingKind.SHADOWED_GRANT, analyzer.findings()))
        .containsExactly(
            new Finding(
                FindingKind.SHADOWED_GRANT,
                Severity.LOW,
                "alice",
                "alice/allow/1",
                "allow alice/allow/1 never allows anything: deny alice/deny/0 covers all of it",
                "remove alice/allow/1, or narrow alice/deny/0 if the allow was meant"));
  }

  @Test
  void grantsNoLoggedRequestUsed_areUnused_onlyWithALog() {
    assertThat(of(FindingKind.UNUSED_GRANT, analyzer.findings())).isEmpty();
    DecisionLog log =
        DecisionLog.parse(
            "log",
            """
        {"time":"2026-06-01T10:00:00Z","chain":["alice","triage-bot"],"tool":"github/list_issues","resource":"repo:acme/api","effect":"ALLOW","reason":"PERMITTED","rules":["alice/allow/0","triage-bot/allow/0"],"policyVersion":"v1"}
        {"time":"2026-06-01T10:00:01Z","chain":["rogue"],"tool":"web/fetch","resource":"","effect":"DENY","reason":"ERROR","rules":["rogue/allow/0"],"policyVersion":"v1"}
        """);
    assertThat(of(FindingKind.UNUSED_GRANT, analyzer.findings(log)))
        .extracting(Finding::principal, Finding::grant)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", "alice/allow/1"),
            org.assertj.core.groups.Tuple.tuple("rogue", "rogue/allow/0"));
  }

  @Test
  void findings_areSortedMostSevereFirst_andSkipInactivePrincipals() {
    List<Finding> all = analyzer.findings();
    assertThat(all.get(0).severity()).isEqualTo(Severity.HIGH);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).severity()).isLessThanOrEqualTo(all.get(i - 1).severity());
    }
    assertThat(Severity.HIGH.isAbove(Severity.MEDIUM)).isTrue();
    assertThat(Severity.MEDIUM.isAbove(Severity.MEDIUM)).isFalse();
    // An agent without owner or expiry is reported while active, and not once suspended or
    // decommissioned.
    assertThat(kinds(Principal.agent("old").build()))
        .containsExactly(FindingKind.NO_OWNER, FindingKind.NO_EXPIRY);
    assertThat(kinds(Principal.agent("old").state(LifecycleState.SUSPENDED).build())).isEmpty();
    assertThat(kinds(Principal.agent("old").state(LifecycleState.DECOMMISSIONED).build()))
        .isEmpty();
  }

  /** The kinds of finding of a policy holding {@code p} alone, without grants. */
  private static List<FindingKind> kinds(Principal p) {
    Policy policy = Policy.builder().principal(p).build();
    return PolicyAnalyzer.builder(policy).clock(CLOCK).build().findings().stream()
        .map(Finding::kind)
        .toList();
  }

  @Test
  void principalIdsDifferingOnlyInCase_areMedium_namingTheSecond() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("carol").build())
            .principal(Principal.user("Carol").build())
            .principal(Principal.user("dave").build())
            .build();
    assertThat(
            of(
                FindingKind.LOOKALIKE_IDS,
                PolicyAnalyzer.builder(p).clock(CLOCK).build().findings()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.principal()).isEqualTo("Carol");
              assertThat(f.message())
                  .isEqualTo(
                      "principal ids 'carol', 'Carol' differ only in case or Unicode "
                          + "normalization; the engine treats them as different principals");
            });
  }

  @Test
  void principalIdsEqualAfterNfc_areHigh() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("ren\u00e9").build())
            .principal(Principal.user("rene\u0301").build())
            .build();
    assertThat(
            of(
                FindingKind.LOOKALIKE_IDS,
                PolicyAnalyzer.builder(p).clock(CLOCK).build().findings()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.HIGH);
              assertThat(f.message()).contains("equal after NFC");
            });
  }

  @Test
  void delegationIdsOfAnalyzedChainsDifferingInCase_areReported() {
    Policy p =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .principal(Principal.agent("bot").owner("alice").build())
            .build();
    Catalog catalog =
        Catalog.builder()
            .chain(DelegationChain.of("alice").then(Delegation.to("bot").withId("grant-7")))
            .chain(DelegationChain.of("alice").then(Delegation.to("bot").withId("GRANT-7")))
            .build();
    assertThat(
            of(
                FindingKind.LOOKALIKE_IDS,
                PolicyAnalyzer.builder(p).catalog(catalog).clock(CLOCK).build().findings()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.message())
                  .startsWith("delegation ids 'grant-7', 'GRANT-7' differ only in case");
            });
  }

  @Test
  void distinctIds_areNotReported() {
    assertThat(of(FindingKind.LOOKALIKE_IDS, analyzer.findings())).isEmpty();
  }
}
