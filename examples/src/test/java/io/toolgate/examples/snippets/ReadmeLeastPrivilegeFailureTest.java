package io.toolgate.examples.snippets;

import static io.toolgate.analysis.PolicyAssertions.assertThatPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Policy;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "Least-privilege tests" beyond the test a user writes ({@link
 * ReadmeLeastPrivilegeTest}): the policy it shows is the file that test loads, and the failure it
 * shows is the one a widened policy produces.
 */
class ReadmeLeastPrivilegeFailureTest {
  static final String FAILURE = """
      expected 'triage-bot' to be denied github/delete_repo on every resource, but it reaches:
        github/delete_repo on repo:acme/** through triage-read (triage-bot: direct entry)""";

  @Test
  void readme_showsThePolicyFileAndTheFailure() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
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
