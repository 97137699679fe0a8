package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.AccessEntry;
import io.toolgate.DecisionEngine;
import io.toolgate.Effect;
import io.toolgate.Obligation;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/** {@code approval: required} in documents: read, decided, written back, refused where wrong. */
@StatisticsReport(onFailureOnly = true)
class ApprovalDocumentTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of()).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of());

  static final String DOC =
      """
      version: 1
      principals:
        - id: alice
          type: user
          allow:
            - id: alice-pay
              tools: [payments/transfer]
              approval: required
            - id: alice-read
              tools: [payments/balance]
              approval: none
      """;

  static Policy load(String text, DocumentFormat format) {
    return LOADER.load("approval.yaml", text.getBytes(StandardCharsets.UTF_8), format, null);
  }

  @Test
  void approvalRequired_isReadAndTheAllowCarriesTheObligation() {
    Policy p = load(DOC, DocumentFormat.YAML);
    assertThat(p.entries().get("alice"))
        .extracting(AccessEntry::approvalRequired)
        .containsExactly(true, false);
    DecisionEngine e = DecisionEngine.builder(p).build();
    assertThat(e.decide("alice", ToolId.parse("payments/transfer"), ResourceId.NONE).obligations())
        .containsExactly(Obligation.APPROVAL);
    assertThat(e.decide("alice", ToolId.parse("payments/balance"), ResourceId.NONE).obligations())
        .isEmpty();
    assertThat(WRITER.write(p, DocumentFormat.YAML)).contains("approval: required");
  }

  @Test
  void badApproval_isLocated() {
    String bad =
        """
        version: 1
        principals:
          - id: alice
            type: user
            allow:
              - tools: [payments/transfer]
                approval: maybe
            deny:
              - tools: [payments/refund]
                approval: required
        """;
    DocumentException e =
        catchThrowableOfType(DocumentException.class, () -> load(bad, DocumentFormat.YAML));
    assertThat(e.problems())
        .extracting(DocumentProblem::toString)
        .containsExactly(
            "approval.yaml:7:19: 'approval' is 'maybe'; expected required or none",
            "approval.yaml:10:19: a deny entry cannot require approval: only what allows can wait"
                + " for a yes");
  }

  /** One generated entry: allow or deny, approval or not. */
  record Spec(boolean allow, String tool, boolean approval) {}

  @Provide
  Arbitrary<List<Spec>> specs() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.of("payments/*", "payments/transfer", "files/read"),
            Arbitraries.of(true, false))
        .as((allow, tool, approval) -> new Spec(allow, tool, allow && approval))
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  @Property(tries = 100)
  void roundTrip_entriesRequiringApproval_writeThenReadGivesTheSamePolicy(
      @ForAll("specs") List<Spec> specs, @ForAll DocumentFormat format) {
    Policy.Builder b = Policy.builder().version("7").principal(Principal.user("alice").build());
    for (boolean allows : List.of(true, false)) { // documents list allows before denies
      for (int i = 0; i < specs.size(); i++) {
        Spec s = specs.get(i);
        if (s.allow() == allows) {
          AccessEntry e =
              AccessEntry.of("e" + i, s.allow() ? Effect.ALLOW : Effect.DENY, List.of(s.tool()));
          b.entry("alice", s.approval() ? e.requiringApproval() : e);
        }
      }
    }
    Policy p = b.build();
    Policy back = load(WRITER.write(p, format), format);
    assertThat(back.entries()).isEqualTo(p.entries());
    long approvals = specs.stream().filter(Spec::approval).count();
    Statistics.label("approvals").collect(approvals == 0 ? "none" : "some");
    Statistics.label("approvals").coverage(c -> c.check("some").percentage(x -> x > 30));
  }
}
