package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.DocumentProblem;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyWriter;
import io.toolgate.rbac.RbacSection;
import io.toolgate.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/** Limits on ABAC allow rules: built, read from documents, enforced, written back, refused. */
@StatisticsReport(onFailureOnly = true)
class RuleLimitTest {
  static final PolicyLoader LOADER =
      PolicyLoader.builder().sections(List.of(new RbacSection(), new AbacSection())).build();
  static final PolicyWriter WRITER =
      new PolicyWriter(List.of(new RbacSection(), new AbacSection()));
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

  static final String DOC =
      """
      version: 1
      principals:
        - id: alice
          type: user
        - id: bot
          type: agent
          owner: alice
          allow:
            - tools: [payments/*]
      rules:
        - id: small-transfers
          effect: allow
          tools: [payments/transfer]
          when: "args.amount <= 1000"
          limits:
            - {per: session, calls: 2, window: 10m}
      """;

  static Policy load(String text, DocumentFormat format) {
    return LOADER.load("rules.yaml", text.getBytes(StandardCharsets.UTF_8), format, null);
  }

  static AbacPolicy abac(Policy p) {
    return p.modules().stream()
        .filter(AbacPolicy.class::isInstance)
        .map(AbacPolicy.class::cast)
        .findFirst()
        .orElseThrow();
  }

  static Request transfer(DelegationChain chain, Session session, long amount) {
    return Request.builder(chain, TRANSFER)
        .session(session)
        .arguments(Map.of("amount", amount))
        .build();
  }

  @Test
  void documentLimit_onConditionalRule_countsPerDelegationSession_onlyCallsTheRuleAllows() {
    Policy p = load(DOC, DocumentFormat.YAML);
    assertThat(abac(p).limits())
        .isEqualTo(
            Map.of(
                "small-transfers",
                List.of(Limit.of(2, Duration.ofMinutes(10), Limit.Per.SESSION))));
    MutableClock clock = new MutableClock(NOON);
    DecisionEngine e = DecisionEngine.builder(p).clock(clock).build();
    DelegationChain chain = DelegationChain.of("alice").then(Delegation.to("bot").withId("s-1"));
    DelegationChain second = DelegationChain.of("alice").then(Delegation.to("bot").withId("s-2"));
    Session one = Session.DEFAULT;

    assertThat(e.decide(transfer(chain, one, 5_000)).reason()).isEqualTo(Reason.CONDITION_FAILED);
    assertThat(e.decide(transfer(chain, one, 10)).isAllowed()).isTrue();
    assertThat(e.decide(transfer(chain, one, 20)).isAllowed()).isTrue();
    Decision third = e.decide(transfer(chain, one, 30));
    assertThat(third.effect()).isEqualTo(Effect.DENY);
    assertThat(third.reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(third.retryAt()).contains(Instant.parse("2026-11-29T12:10:00Z"));
    Decision other = e.decide(transfer(second, one, 30));
    assertThat(other.isAllowed()).as("%s", other).isTrue();
  }

  @Test
  void builderLimit_namingADenyOrUnknownRule_isRefused() {
    Limit one = Limit.of(1, Duration.ofMinutes(1), Limit.Per.PRINCIPAL);
    assertThatThrownBy(
            () ->
                AbacPolicy.builder()
                    .rule(Rule.deny("no-refunds").tools("payments/refund").build())
                    .limit("no-refunds", one)
                    .limit("nothing", one)
                    .build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("a limit names rule 'no-refunds', which is not an allow rule")
        .hasMessageContaining("'nothing'");
  }

  @Test
  void builderLimit_isEnforced_andChangesTheFingerprint() {
    Rule pay = Rule.allow("pay").tools("payments/*").build();
    AbacPolicy plain = AbacPolicy.of(pay);
    AbacPolicy limited =
        AbacPolicy.builder()
            .rule(pay)
            .limit(
                "pay", Limit.of(1, Duration.ofHours(1), Limit.Per.PRINCIPAL, "payments/transfer"))
            .build();
    assertThat(limited.fingerprint()).isNotEqualTo(plain.fingerprint());
    Policy p = Policy.builder().principal(Principal.user("alice").build()).module(limited).build();
    DecisionEngine e = DecisionEngine.builder(p).clock(new MutableClock(NOON)).build();
    assertThat(e.canInvoke("alice", TRANSFER, ResourceId.NONE)).isTrue();
    assertThat(e.decide("alice", TRANSFER, ResourceId.NONE).reason())
        .isEqualTo(Reason.RATE_LIMITED);
    assertThat(e.canInvoke("alice", ToolId.parse("payments/list"), ResourceId.NONE)).isTrue();
  }

  @Test
  void badLimitsInRules_areLocated() {
    String bad =
        """
        version: 1
        principals:
          - id: alice
            type: user
        rules:
          - id: pay
            effect: allow
            tools: [payments/*]
            limits:
              - {per: origin, calls: 2, window: soon}
          - id: no-refunds
            effect: deny
            tools: [payments/refund]
            limits:
              - {per: origin, calls: 2, window: 1h}
        """;
    DocumentException e =
        catchThrowableOfType(DocumentException.class, () -> load(bad, DocumentFormat.YAML));
    assertThat(e.problems())
        .extracting(DocumentProblem::toString)
        .containsExactly(
            "rules.yaml:10:41: a window is a number with a unit (500ms, 10s, 30m, 1h, 1d) or"
                + " ISO-8601 (PT1H), was 'soon'",
            "rules.yaml:15:7: limits belong on allow rules; rule 'no-refunds' denies");
  }

  @Provide
  Arbitrary<List<Limit>> limits() {
    return io.toolgate.testing.LimitArbitraries.lists();
  }

  @Property(tries = 60)
  void roundTrip_ruleLimitsSurviveWriteAndRead(
      @ForAll("limits") List<Limit> limits, @ForAll DocumentFormat format) {
    AbacPolicy.Builder ab =
        AbacPolicy.builder()
            .rule(Rule.allow("pay").tools("payments/*").build())
            .rule(Rule.deny("no-refunds").tools("payments/refund").build());
    limits.forEach(l -> ab.limit("pay", l));
    Policy p =
        Policy.builder().principal(Principal.user("alice").build()).module(ab.build()).build();

    Policy back = load(WRITER.write(p, format), format);

    assertThat(abac(back).limits()).isEqualTo(abac(p).limits());
    assertThat(back.limits()).isEqualTo(p.limits());
    assertThat(abac(back).fingerprint()).isEqualTo(abac(p).fingerprint());
    Statistics.label("per").collect(limits.get(0).per());
    Statistics.label("per").coverage(c -> c.check(Limit.Per.SESSION).percentage(x -> x > 10));
  }
}
