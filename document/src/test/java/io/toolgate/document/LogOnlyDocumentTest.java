package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.AccessEntry;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code mode: log-only} on whitelist entries: read, recorded not enforced, written back, refused
 * when wrong.
 */
class LogOnlyDocumentTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of()).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of());
  static final ToolId READ = ToolId.parse("fs/read");
  static final ToolId DELETE = ToolId.parse("fs/delete");

  static final String DOC =
      """
      version: 1
      principals:
        - id: alice
          type: user
          allow:
            - id: alice-read
              tools: [fs/read]
            - id: alice-delete-trial
              tools: [fs/delete]
              mode: log-only
          deny:
            - id: alice-no-secrets
              tools: [fs/*]
              resources: ["file:///secrets/**"]
              mode: log-only
            - id: alice-enforced
              tools: [fs/write]
              mode: enforce
      """;

  static Policy load(String text, DocumentFormat format) {
    return LOADER.load("log-only.yaml", text.getBytes(StandardCharsets.UTF_8), format, null);
  }

  @Test
  void logOnlyEntries_areRecordedButDecideNothing() {
    DecisionEngine engine = DecisionEngine.builder(load(DOC, DocumentFormat.YAML)).build();
    Decision delete = engine.decide("alice", DELETE, ResourceId.NONE);
    assertThat(delete.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(delete.logOnlyMatches()).containsExactly("alice-delete-trial");
    Decision secret = engine.decide("alice", READ, ResourceId.of("file:///secrets/key"));
    assertThat(secret.isAllowed()).isTrue();
    assertThat(secret.ruleIds()).containsExactly("alice-read");
    assertThat(secret.logOnlyMatches()).containsExactly("alice-no-secrets");
    assertThat(engine.decide("alice", READ, ResourceId.of("file:///docs/a")).logOnlyMatches())
        .isEmpty();
  }

  @Test
  void logOnlyEntries_areWrittenBack_inBothFormats() {
    Policy p = load(DOC, DocumentFormat.YAML);
    assertThat(WRITER.write(p, DocumentFormat.YAML)).contains("mode: log-only");
    for (DocumentFormat f : DocumentFormat.values()) {
      Policy back = load(WRITER.write(p, f), f);
      assertThat(back.entries()).isEqualTo(p.entries());
    }
  }

  @Test
  void logOnly_changesThePolicyVersion() {
    Policy p = load(DOC, DocumentFormat.YAML);
    Policy enforced = load(DOC.replace("mode: log-only", "mode: enforce"), DocumentFormat.YAML);
    assertThat(p.version()).isNotEqualTo(enforced.version());
    assertThat(enforced.entries().get("alice")).noneMatch(AccessEntry::isLogOnly);
    // In code, the digest of an enforced entry is what it was before modes existed.
    Policy.Builder b = Policy.builder().principal(io.toolgate.Principal.user("alice").build());
    Policy plain = b.entry("alice", AccessEntry.allow("a", "fs/read")).build();
    Policy logged =
        Policy.builder()
            .principal(io.toolgate.Principal.user("alice").build())
            .entry("alice", AccessEntry.allow("a", "fs/read").logOnly())
            .build();
    assertThat(plain.version()).isNotEqualTo(logged.version());
    assertThat(AccessEntry.allow("a", "fs/read").toString())
        .isEqualTo("AccessEntry[id=a, effect=ALLOW, tools=[fs/read], resources=[]]");
  }

  @Test
  void badMode_isLocated() {
    String bad =
        """
        version: 1
        principals:
          - id: alice
            type: user
            allow:
              - tools: [fs/read]
                mode: dry-run
            deny:
              - tools: [fs/write]
                mode: [log-only]
        """;
    DocumentException e =
        catchThrowableOfType(DocumentException.class, () -> load(bad, DocumentFormat.YAML));
    assertThat(e.problems())
        .extracting(DocumentProblem::toString)
        .containsExactly(
            "log-only.yaml:7:15: unknown mode 'dry-run'; expected 'enforce' or 'log-only'",
            "log-only.yaml:10:15: 'mode' must be a string, found an array");
  }
}
