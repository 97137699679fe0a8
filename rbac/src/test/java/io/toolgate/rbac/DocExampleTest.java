package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy document of docs/rbac.md, kept true. Its Java example is compiled and run as shown by
 * examples' {@code DocsSnippetsAssertTest}.
 */
class DocExampleTest {
  @Test
  void docsDocumentExample_loadsAndBehavesAsDocumented() throws java.io.IOException {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/rbac.md"));
    int section = doc.indexOf("## Policy documents");
    int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));

    Policy policy =
        io.toolgate.document.PolicyLoader.builder()
            .sections(List.of(new RbacSection()))
            .build()
            .load(
                "rbac.md",
                yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                io.toolgate.document.DocumentFormat.YAML,
                null);

    DecisionEngine engine = DecisionEngine.builder(policy).build();
    assertThat(
            engine
                .decide(
                    "triage-bot",
                    ToolId.parse("github/add_label"),
                    ResourceId.of("repo:acme/support-desk"))
                .ruleIds())
        .containsExactly("role:triager/allow/0");
    assertThat(
            engine
                .decide(
                    "alice", ToolId.parse("github/get_file"), ResourceId.of("repo:acme/secrets"))
                .ruleIds())
        .containsExactly("role:triager/no-secrets");
    assertThat(
            engine.canInvoke(
                "alice", ToolId.parse("payments/submit"), ResourceId.of("repo:acme/x")))
        .isTrue();
    assertThat(
            engine.canInvoke(
                "alice", ToolId.parse("payments/submit"), ResourceId.of("repo:globex/x")))
        .isFalse();
    RbacPolicy rbac = (RbacPolicy) policy.modules().get(0);
    assertThat(rbac.constraints())
        .extracting(SodConstraint::name)
        .containsExactly("constraint-0", "no-self-approval");
  }
}
