package io.toolgate.examples;

import static io.toolgate.analysis.PolicyAssertions.assertThatPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Policy;
import io.toolgate.analysis.Severity;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "Least-privilege tests": the test a user writes, compiled and run here, and the
 * README's text compared with this file, its policy, and the failure it shows.
 */
class ReadmeLeastPrivilegeTest {
  // --- README least-privilege: begin ---
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
  // --- README least-privilege: end ---

  static final String FAILURE = """
      expected 'triage-bot' to be denied github/delete_repo on every resource, but it reaches:
        github/delete_repo on repo:acme/** through triage-read (triage-bot: direct entry)""";

  @Test
  void readme_showsExactlyTheCodeThisTestRuns_thePolicy_andTheFailure() throws Exception {
    String test = Files.readString(Path.of("src/test/java/io/toolgate/examples/ReadmeLeastPrivilegeTest.java"));
    String begin = "// --- README least-privilege: begin ---\n";
    String code = test.substring(test.indexOf(begin) + begin.length(),
        test.indexOf("  // --- README least-privilege: end ---"));
    String unindented = code.lines().map(l -> l.length() >= 2 ? l.substring(2) : l)
        .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).contains("```java\n" + unindented + "```");
    assertThat(readme).contains("```yaml\n" + Files.readString(Path.of("src/test/resources/agents-policy.yaml")) + "```");
    assertThat(readme).contains("```\n" + FAILURE + "\n```");
  }

  @Test
  void widenedPolicy_failsWithTheMessageTheReadmeShows() throws Exception {
    String widened = Files.readString(Path.of("src/test/resources/agents-policy.yaml"))
        .replace("tools: [github/list_issues, github/get_file]\n", "tools: [\"github/*\"]\n");
    Policy p = PolicyLoader.defaults().load("widened.yaml", widened.getBytes(StandardCharsets.UTF_8),
        DocumentFormat.YAML, null);
    assertThatThrownBy(() -> assertThatPolicy(p).principal("triage-bot")
        .canInvoke("github/list_issues").on("repo:acme/api")
        .cannotInvoke("github/delete_repo").onAnyResource())
        .isInstanceOf(AssertionError.class).hasMessage(FAILURE);
  }
}
