package io.toolgate.examples.snippets;

import static io.toolgate.analysis.PolicyAssertions.assertThatPolicy;

import io.toolgate.Policy;
import io.toolgate.analysis.Severity;
import io.toolgate.document.PolicyLoader;
import java.nio.file.Path;

/** docs/analysis.md's assertions, as shown there; they throw AssertionError when they fail. */
final class DocsAnalysis {
  private DocsAnalysis() {}

  static void run() {
    // snippet:analysis-assertions begin
    Policy policy = PolicyLoader.defaults().load(Path.of("src/test/resources/agents-policy.yaml"));
    assertThatPolicy(policy)                       // or assertThatPolicy(analyzer) for a catalog or clock
        .principal("triage-bot")                   // or .chain("alice", "triage-bot") / .chain(chain)
        .canInvoke("github/list_issues").on("repo:acme/x")      // also .onNoResource(), .onSomeResource()
        .cannotInvoke("github/delete_repo").onAnyResource()     // also .on(r), .onNoResource()
        .cannotInvokeAnyDestructiveTool()
        .reachesOnly("github/get_*", "github/list_*")
        .hasNoFindingsAbove(Severity.LOW)
        .and().hasNoFindingsAbove(Severity.MEDIUM);             // the whole policy
    // snippet:analysis-assertions end
  }
}
