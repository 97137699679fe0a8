package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolId;
import io.toolgate.analysis.PolicyAnalyzer;
import io.toolgate.document.PolicyLoader;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MCP: destructiveHint and idempotentHint mean something only when readOnlyHint is false. All four
 * combinations of readOnly x destructive, in code and in documents, through CEL, findings and
 * visibility.
 */
class AnnotationSemanticsTest {

  @ParameterizedTest(name = "readOnly={0} destructive={1}")
  @CsvSource({"true,true,false", "true,false,false", "false,true,true", "false,false,false"})
  void readOnlyTool_isNeverDestructive_inCodeCelFindingsAndVisibility(
      boolean readOnly, boolean destructive, boolean effectivelyDestructive) {
    ToolAnnotations a = new ToolAnnotations(readOnly, destructive, false, false);
    assertThat(a.destructive()).isEqualTo(effectivelyDestructive);
    assertThat(a.idempotent()).isEqualTo(readOnly);

    ToolId id = ToolId.parse("files/op");
    Policy policy =
        Policy.builder()
            .tool(Tool.of(id, a))
            .principal(Principal.agent("bot").build())
            .allow("bot", "files/*")
            .module(
                AbacPolicy.builder()
                    .rule(
                        Rule.deny("no-destructive")
                            .tools("*/*")
                            .when("tool.annotations.destructive")
                            .build())
                    .build())
            .build();
    DecisionEngine engine = DecisionEngine.builder(policy).build();
    assertThat(engine.canInvoke("bot", id, ResourceId.NONE)).isEqualTo(!effectivelyDestructive);
    assertThat(
            io.toolgate.guard.ToolGuard.builder(engine)
                .build()
                .visibleTools(io.toolgate.DelegationChain.of("bot"), List.of(id))
                .isEmpty())
        .isEqualTo(effectivelyDestructive);
    boolean reachesDestructive =
        PolicyAnalyzer.of(
                Policy.builder()
                    .tool(Tool.of(id, a))
                    .principal(Principal.agent("bot").build())
                    .allow("bot", "files/*")
                    .build())
            .effectivePermissions("bot")
            .reaches()
            .stream()
            .anyMatch(r -> r.tool().isDestructive());
    assertThat(reachesDestructive).isEqualTo(effectivelyDestructive);
  }

  @ParameterizedTest(name = "document readOnly={0} destructive={1}")
  @CsvSource({"true,true,false", "true,false,false", "false,true,true", "false,false,false"})
  void documentAnnotations_followTheSameRule(
      boolean readOnly, boolean destructive, boolean effectivelyDestructive) {
    String doc =
        String.join(
            "\n",
            "version: 1",
            "tools:",
            "  - id: files/op",
            "    annotations: { readOnly: " + readOnly + ", destructive: " + destructive + " }",
            "principals:",
            "  - id: bot",
            "    type: agent",
            "    allow:",
            "      - tools: [files/op]",
            "rules:",
            "  - id: no-destructive",
            "    effect: deny",
            "    tools: [\"*/*\"]",
            "    when: \"tool.annotations.destructive\"",
            "");
    Policy policy =
        PolicyLoader.defaults()
            .load(
                "policy.yaml",
                doc.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                io.toolgate.document.DocumentFormat.YAML,
                null);
    assertThat(policy.tools().iterator().next().annotations().destructive())
        .isEqualTo(effectivelyDestructive);
    assertThat(
            DecisionEngine.builder(policy)
                .build()
                .canInvoke("bot", ToolId.parse("files/op"), ResourceId.NONE))
        .isEqualTo(!effectivelyDestructive);
  }
}
