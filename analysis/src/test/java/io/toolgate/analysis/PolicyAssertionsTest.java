package io.toolgate.analysis;

import static io.toolgate.analysis.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each assertion passes where it should and fails with a message naming exactly the offending
 * grants.
 */
class PolicyAssertionsTest {
  private final PolicyAssert policy =
      PolicyAssertions.assertThatPolicy(
          PolicyAnalyzer.builder(Fixtures.policy()).clock(CLOCK).build());

  /** A tidy policy: a reader agent with exact tools, owned and expiring. */
  private static Policy tidy() {
    return Policy.builder()
        .tool(Tool.of("github/list_issues", ToolAnnotations.READ_ONLY))
        .tool(Tool.of("github/get_file", ToolAnnotations.READ_ONLY))
        .tool(Tool.of("github/delete_repo", ToolAnnotations.UNANNOTATED))
        .principal(Principal.user("alice").build())
        .principal(
            Principal.agent("reader")
                .owner("alice")
                .expires(java.time.Instant.parse("2027-01-01T00:00:00Z"))
                .build())
        .allow("alice", List.of("github/list_issues", "github/get_file"), List.of("repo:acme/**"))
        .allow("reader", List.of("github/list_issues", "github/get_file"), List.of("repo:acme/**"))
        .build();
  }

  @Test
  void canInvokeOn_allowed_passes_denied_failsWithReasonAndRules() {
    assertThatCode(
            () -> policy.principal("triage-bot").canInvoke("github/list_issues").on("repo:acme/x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                policy
                    .principal("triage-bot")
                    .canInvoke("github/delete_repo")
                    .on("repo:acme/secret-keys"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "expected 'triage-bot' to be allowed github/delete_repo on repo:acme/secret-keys, but it is "
                + "denied (EXPLICIT_DENY by triage-bot/deny/0 at 'triage-bot'): 'triage-bot' is denied "
                + "github/delete_repo on repo:acme/secret-keys");
  }

  @Test
  void cannotInvokeOn_denied_passes_allowed_failsListingTheGrants() {
    assertThatCode(
            () -> policy.principal("alice").cannotInvoke("github/delete_repo").on("repo:acme/x"))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                policy
                    .chain("alice", "triage-bot")
                    .cannotInvoke("github/add_label")
                    .on("repo:acme/x"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "expected chain 'alice -> triage-bot' to be denied github/add_label on repo:acme/x, but it is "
                + "allowed through:\n  alice/allow/0 (alice: direct entry)\n  triage-bot/allow/0 (triage-bot: direct entry)");
  }

  @Test
  void canInvokeOnSomeResource_andCannotInvokeOnAnyResource() {
    assertThatCode(
            () ->
                policy
                    .principal("rogue")
                    .canInvoke("web/fetch")
                    .onSomeResource()
                    .cannotInvoke("github/list_issues")
                    .onAnyResource())
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> policy.principal("rogue").canInvoke("github/list_issues").onSomeResource())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "expected 'rogue' to be allowed github/list_issues on some resource, but no grant");
    assertThatThrownBy(() -> policy.principal("rogue").cannotInvoke("web/fetch").onAnyResource())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "expected 'rogue' to be denied web/fetch on every resource, but it reaches:\n"
                + "  web/fetch on (none) through rogue/allow/0 (rogue: direct entry)\n"
                + "  web/fetch on repo:acme/** through rogue/allow/0 (rogue: direct entry)\n"
                + "  web/fetch on repo:acme/secret-* through rogue/allow/0 (rogue: direct entry)\n"
                + "  web/fetch on repo:acme/secret-keys through rogue/allow/0 (rogue: direct entry)\n"
                + "  web/fetch on ** through rogue/allow/0 (rogue: direct entry)");
    assertThatThrownBy(() -> policy.principal("rogue").cannotInvoke("web/fetch").onSomeResource())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void cannotInvokeAnyDestructiveTool_passesForReaders_failsListingTheDestructiveReach() {
    assertThatCode(
            () ->
                PolicyAssertions.assertThatPolicy(tidy())
                    .principal("reader")
                    .cannotInvokeAnyDestructiveTool())
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.principal("triage-bot").cannotInvokeAnyDestructiveTool())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "expected 'triage-bot' to reach no destructive tool, but it reaches 1:\n"
                + "  github/delete_repo on repo:acme/** through triage-bot/allow/0 (triage-bot: direct entry)");
  }

  @Test
  void reachesOnly_passesWithinThePatterns_failsListingWhatIsOutside() {
    assertThatCode(
            () ->
                policy
                    .principal("alice")
                    .reachesOnly("github/get_*", "github/list_*", "github/add_label"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.principal("alice").reachesOnly("github/get_*", "github/list_*"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "expected 'alice' to reach only [github/get_*, github/list_*], but it also reaches:\n"
                + "  github/add_label on repo:acme/** through alice/allow/0 (alice: direct entry)");
    assertThatThrownBy(() -> policy.principal("alice").reachesOnly())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reachesOnly_withoutCatalog_patternsMustBeIncluded() {
    Policy p =
        Policy.builder().principal(Principal.user("u").build()).allow("u", "github/list_*").build();
    assertThatCode(
            () -> PolicyAssertions.assertThatPolicy(p).principal("u").reachesOnly("github/*"))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                PolicyAssertions.assertThatPolicy(p)
                    .principal("u")
                    .reachesOnly("github/list_issues"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("github/list_* on (none)");
  }

  @Test
  void hasNoFindingsAbove_passesForATidyPolicy_failsListingTheFindings() {
    assertThatCode(
            () -> PolicyAssertions.assertThatPolicy(tidy()).hasNoFindingsAbove(Severity.INFO))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> policy.hasNoFindingsAbove(Severity.MEDIUM))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "expected the policy to have no findings above MEDIUM, but it has 1:\n"
                + "  HIGH WILDCARD_DANGEROUS_TOOL triage-bot triage-bot/allow/0: wildcard 'github/*' reaches destructive "
                + "[github/delete_repo] tools (fix: list exact tools instead (github/list_issues, github/get_file, "
                + "github/add_label), or deny [github/delete_repo])");
    assertThatThrownBy(() -> policy.principal("rogue").hasNoFindingsAbove(Severity.LOW))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "expected 'rogue' to have no findings above LOW, but it has 2:\n  MEDIUM ");
    assertThatCode(() -> policy.principal("alice").hasNoFindingsAbove(Severity.LOW))
        .doesNotThrowAnyException();
  }

  @Test
  void principal_undefined_failsAsAnAssertion() {
    assertThatThrownBy(() -> policy.principal("ghost"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected the policy to define principal 'ghost', but it does not");
  }
}
