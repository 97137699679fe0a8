package io.toolgate.examples.snippets;

import static io.toolgate.analysis.PolicyAssertions.assertThatPolicy;

import io.toolgate.Policy;
import io.toolgate.analysis.Severity;
import io.toolgate.document.PolicyLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README "Least-privilege tests": the test a user writes, as shown there, run as it is. */
class ReadmeLeastPrivilegeTest {
  // snippet:least-privilege begin
  static final Policy POLICY = PolicyLoader.defaults().load(Path.of("src/test/resources/agents-policy.yaml"));

  @Test
  void triageBot_readsIssuesAndFiles_andNothingElse() {
    assertThatPolicy(POLICY).principal("triage-bot")
        .canInvoke("github/list_issues").on("repo:acme/api")
        .cannotInvoke("github/delete_repo").onAnyResource()
        .cannotInvokeAnyDestructiveTool()
        .reachesOnly("github/get_*", "github/list_*");
  }

  @Test
  void policy_hasNoFindingsAboveLow() {
    assertThatPolicy(POLICY).hasNoFindingsAbove(Severity.LOW);
  }
  // snippet:least-privilege end
}
