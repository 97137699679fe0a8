package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.DecisionEngine;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/** Limits in documents: read, enforced, written back, and refused with located problems. */
@StatisticsReport(onFailureOnly = true)
class LimitDocumentTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of()).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of());
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");

  static final String DOC =
      """
      version: 1
      principals:
        - id: alice
          type: user
          allow:
            - id: alice-pay
              tools: [payments/*]
              limits:
                - {tools: [payments/transfer], per: origin, calls: 2, window: 1h}
                - {per: principal, calls: 100, window: PT24H}
      """;

  static Policy load(String text, DocumentFormat format) {
    return LOADER.load("limits.yaml", text.getBytes(StandardCharsets.UTF_8), format, null);
  }

  @Test
  void limitsAreRead_andEnforced() {
    Policy p = load(DOC, DocumentFormat.YAML);
    assertThat(p.entryLimits().get("alice-pay"))
        .containsExactly(
            Limit.of(2, Duration.ofHours(1), Limit.Per.ORIGIN, "payments/transfer"),
            Limit.of(100, Duration.ofDays(1), Limit.Per.PRINCIPAL));
    DecisionEngine e =
        DecisionEngine.builder(p)
            .clock(new MutableClock(Instant.parse("2026-11-22T10:00:00Z")))
            .build();
    assertThat(e.canInvoke("alice", TRANSFER, ResourceId.NONE)).isTrue();
    assertThat(e.canInvoke("alice", TRANSFER, ResourceId.NONE)).isTrue();
    assertThat(e.decide("alice", TRANSFER, ResourceId.NONE).reason())
        .isEqualTo(Reason.RATE_LIMITED);
  }

  @Test
  void limitsAreWrittenBack_inBothFormats() {
    Policy p = load(DOC, DocumentFormat.YAML);
    String yaml = WRITER.write(p, DocumentFormat.YAML);
    assertThat(yaml).contains("window: \"1h\"", "window: \"1d\"", "per: origin", "calls: 2");
    for (DocumentFormat f : DocumentFormat.values()) {
      Policy back = load(WRITER.write(p, f), f);
      assertThat(back.entryLimits()).isEqualTo(p.entryLimits());
    }
  }

  @Test
  void badLimits_areLocated() {
    String bad =
        """
        version: 1
        principals:
          - id: alice
            type: user
            allow:
              - id: alice-pay
                tools: [payments/*]
                limits:
                  - {per: everyone, calls: 2, window: 1h}
                  - {per: origin, calls: 0, window: 1h}
                  - {per: origin, calls: 2, window: 1 hour}
                  - {per: origin, window: 1h}
                  - {per: origin, calls: 2, window: 1h, burst: 3}
                  - {tools: [payments], per: origin, calls: 2, window: 1h}
                  - {per: origin, calls: 2, window: 400d}
            deny:
              - tools: [payments/refund]
                limits: []
        """;
    DocumentException e =
        catchThrowableOfType(DocumentException.class, () -> load(bad, DocumentFormat.YAML));
    assertThat(e.problems())
        .extracting(DocumentProblem::toString)
        .containsExactly(
            "limits.yaml:9:19: 'per' must be principal, origin or session, was 'everyone'",
            "limits.yaml:10:34: 'calls' must be between 1 and 2147483647, found 0",
            "limits.yaml:11:45: a window is a number with a unit (500ms, 10s, 30m, 1h, 1d) or"
                + " ISO-8601 (PT1H), was '1 hour'",
            "limits.yaml:12:13: a limit has no 'calls'; expected how many calls a window allows",
            "limits.yaml:13:49: unknown key 'burst' in a limit; expected one of: tools, per, calls,"
                + " window",
            "limits.yaml:14:22: tool pattern 'payments' must be server/name with exactly one '/'",
            "limits.yaml:15:45: a limit's window must be at most 366 days, was PT9600H",
            "limits.yaml:18:9: unknown key 'limits' in a deny entry; expected one of: id, tools,"
                + " resources, mode, approval");
  }

  @Provide
  Arbitrary<List<Limit>> limits() {
    return io.toolgate.testing.LimitArbitraries.lists();
  }

  @Property(tries = 100)
  void roundTrip_limitsSurviveWriteAndRead(
      @ForAll("limits") List<Limit> limits, @ForAll DocumentFormat format) {
    Policy.Builder b =
        Policy.builder()
            .principal(io.toolgate.Principal.user("alice").build())
            .entry("alice", io.toolgate.AccessEntry.allow("alice-pay", "payments/*", "*/x"));
    limits.forEach(l -> b.limit("alice-pay", l));
    Policy p = b.build();
    Policy back = load(WRITER.write(p, format), format);
    assertThat(back.entryLimits()).isEqualTo(p.entryLimits());
    Statistics.label("per").collect(limits.get(0).per());
    Statistics.label("per").coverage(c -> c.check(Limit.Per.SESSION).percentage(x -> x > 10));
  }
}
