package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.AuditArguments;
import io.toolgate.Policy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit section of documents: read, part of the version, written back, errors located. */
class AuditArgumentsDocumentTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of()).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of());

  static final String DOC =
      """
      version: 1
      principals:
        - {id: alice, type: user, allow: [{tools: ["*/*"]}]}
      audit:
        arguments:
          - {tools: [payments/transfer], fields: [amount, currency], record: plain}
          - {tools: ["github/*"], fields: [repo]}
      """;

  static final String WITHOUT =
      """
      version: 1
      principals:
        - {id: alice, type: user, allow: [{tools: ["*/*"]}]}
      """;

  static Policy load(String text, DocumentFormat format) {
    return LOADER.load("audit.yaml", text.getBytes(StandardCharsets.UTF_8), format, null);
  }

  @Test
  void auditArguments_areRead_redactedByDefault() {
    assertThat(load(DOC, DocumentFormat.YAML).auditArguments())
        .containsExactly(
            AuditArguments.plain(List.of("payments/transfer"), "amount", "currency"),
            AuditArguments.redacted(List.of("github/*"), "repo"));
  }

  @Test
  void auditArguments_changeTheVersion() {
    assertThat(load(DOC, DocumentFormat.YAML).version())
        .isNotEqualTo(load(WITHOUT, DocumentFormat.YAML).version());
    assertThat(load(WITHOUT, DocumentFormat.YAML).auditArguments()).isEmpty();
  }

  @Test
  void auditArguments_roundTrip_inBothFormats() {
    Policy p = load(DOC, DocumentFormat.YAML);
    for (DocumentFormat f : DocumentFormat.values()) {
      Policy back = load(WRITER.write(p, f), f);
      assertThat(back.auditArguments()).isEqualTo(p.auditArguments());
    }
    assertThat(WRITER.write(load(WITHOUT, DocumentFormat.YAML), DocumentFormat.YAML))
        .doesNotContain("audit");
  }

  @Test
  void badAuditArguments_areLocated() {
    String bad =
        """
        version: 1
        principals:
          - {id: alice, type: user}
        audit:
          arguments:
            - {tools: [payments/transfer], fields: [amount], record: hashed}
            - {tools: [payments/transfer], fields: []}
            - {tools: [payments], fields: [amount]}
            - {fields: [amount]}
            - {tools: [a/b], fields: [amount], mask: true}
            - {tools: [a/b], fields: [" "]}
          keep: forever
        """;
    DocumentException e =
        catchThrowableOfType(DocumentException.class, () -> load(bad, DocumentFormat.YAML));
    assertThat(e.problems())
        .extracting(DocumentProblem::toString)
        .containsExactly(
            "audit.yaml:6:62: record must be 'plain' or 'redacted', not 'hashed'",
            "audit.yaml:7:44: 'fields' is empty; expected at least one of the argument names",
            "audit.yaml:8:16: tool pattern 'payments' must be server/name with exactly one '/'",
            "audit.yaml:9:7: an audit arguments entry has no 'tools'; expected tool patterns",
            "audit.yaml:10:40: unknown key 'mask' in an audit arguments entry; expected one of:"
                + " tools, fields, record",
            "audit.yaml:11:31: an argument name must not be blank",
            "audit.yaml:12:3: unknown key 'keep' in the audit section; expected one of:"
                + " arguments");
  }
}
