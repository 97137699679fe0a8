package io.toolgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Effect;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the audit log: what AuditLogListener writes, logger prefixes, and bad lines. */
class DecisionLogTest {
  @Test
  void parse_auditListenerLines_roundTrip() {
    Recorder r = new Recorder(Fixtures.policy(), Fixtures.CLOCK);
    r.decide(
        io.toolgate.Request.of(
            io.toolgate.DelegationChain.onBehalfOf("alice", "triage-bot"),
            ToolId.parse("github/list_issues"),
            ResourceId.of("repo:acme/api")));
    r.decide(io.toolgate.Request.of("rogue", ToolId.parse("github/list_issues"), ResourceId.NONE));
    DecisionLog log = r.log();
    assertThat(log.problems()).isEmpty();
    assertThat(log.decisions()).hasSize(2);
    LoggedDecision first = log.decisions().get(0);
    assertThat(first.time()).isEqualTo(Fixtures.NOW);
    assertThat(first.chain()).containsExactly("alice", "triage-bot");
    assertThat(first.effect()).isEqualTo(Effect.ALLOW);
    assertThat(first.rules()).containsExactly("alice/allow/0", "triage-bot/allow/0");
    LoggedDecision second = log.decisions().get(1);
    assertThat(second.resource()).isEqualTo(ResourceId.NONE);
    assertThat(second.reason()).isEqualTo("NOT_PERMITTED");
    assertThat(second.isAllowed()).isFalse();
  }

  @Test
  void parse_loggerPrefixesAndBlankLinesSkipped_badLinesReportedWithTheirNumber() {
    DecisionLog log =
        DecisionLog.parse(
            "audit.log",
            """
        [main] INFO io.toolgate.audit - {"time":"2026-06-01T10:00:00Z","chain":["a"],"tool":"s/t","resource":"r","effect":"ALLOW","reason":"PERMITTED","rules":["a/allow/0"],"policyVersion":"v","nanos":12}

        not json at all
        {"time":"2026-06-01T10:00:00Z","chain":["a"],"tool":"s/t","resource":"r","effect":"MAYBE","reason":"X","rules":[],"policyVersion":"v"}
        {"time":"2026-06-01T10:00:00Z","chain":["a"],"tool":"s/t","effect":"DENY","reason":"X","rules":[],"policyVersion":"v"}
         {"time":
        """);
    assertThat(log.decisions())
        .containsExactly(
            new LoggedDecision(
                Instant.parse("2026-06-01T10:00:00Z"),
                List.of("a"),
                ToolId.parse("s/t"),
                ResourceId.of("r"),
                Effect.ALLOW,
                "PERMITTED",
                List.of("a/allow/0"),
                "v"));
    assertThat(log.problems()).hasSize(4);
    assertThat(log.problems().get(0)).isEqualTo("audit.log:3: not a JSON object");
    assertThat(log.problems().get(1))
        .isEqualTo("audit.log:4: 'effect' is 'MAYBE'; expected ALLOW or DENY");
    assertThat(log.problems().get(2)).isEqualTo("audit.log:5: missing 'resource'");
    assertThat(log.problems().get(3))
        .isEqualTo(
            "audit.log:6:10: not a JSON object: Unexpected end-of-input within/between Object entries");
  }
}
