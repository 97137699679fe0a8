package io.toolgate.abac;

import static io.toolgate.abac.Fixtures.ACCOUNT;
import static io.toolgate.abac.Fixtures.TRANSFER;
import static io.toolgate.abac.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.Session;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyWriter;
import io.toolgate.testing.Engines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log-only attribute rules: recorded when they would have applied, never deciding or granting. */
class AbacLogOnlyTest {
  static final Rule BIG_TRANSFERS =
      Rule.deny("big-transfers").tools("payments/*").when("args.amount > 1000").logOnly().build();
  static final Rule FINANCE =
      Rule.allow("finance")
          .tools("payments/*")
          .when("principal.attributes.team == 'finance'")
          .build();

  static Policy policy(Rule... rules) {
    return Fixtures.organisation()
        .module(AbacPolicy.builder().rules(List.of(rules)).build())
        .build();
  }

  @Test
  void conditionalLogOnlyRule_recordedPerCall_cachedAndUncached() {
    Engines engines = Fixtures.engines(policy(FINANCE, BIG_TRANSFERS));
    // Engines.decide checks the cached engine (miss, then hit) against the uncached one.
    Decision small = engines.decide(call("alice", TRANSFER, ACCOUNT, Map.of("amount", 10)));
    Decision big = engines.decide(call("alice", TRANSFER, ACCOUNT, Map.of("amount", 5000)));
    Decision smallAgain = engines.decide(call("alice", TRANSFER, ACCOUNT, Map.of("amount", 10)));
    assertThat(small.isAllowed()).isTrue();
    assertThat(small.logOnlyMatches()).isEmpty();
    assertThat(big.isAllowed()).as("%s", big).isTrue();
    assertThat(big.ruleIds()).containsExactly("finance");
    assertThat(big.logOnlyMatches()).containsExactly("big-transfers");
    assertThat(smallAgain.logOnlyMatches()).isEmpty();
    // Refused calls record it too; an argument the condition cannot read is only "no match".
    Decision bob = engines.decide(call("bob", TRANSFER, ACCOUNT, Map.of("amount", 5000)));
    assertThat(bob.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(bob.logOnlyMatches()).containsExactly("big-transfers");
    Decision unreadable = engines.decide(call("alice", TRANSFER, ACCOUNT, Map.of("amount", "x")));
    assertThat(unreadable.isAllowed()).isTrue();
    assertThat(unreadable.errors()).isEmpty();
    assertThat(unreadable.logOnlyMatches()).isEmpty();
  }

  @Test
  void unconditionalLogOnlyAllow_grantsNothing_butIsRecorded() {
    Rule trial = Rule.allow("trial").tools("files/*").logOnly().build();
    Policy p = policy(trial);
    Decision d = Fixtures.engines(p).decide(call("bob", Fixtures.DELETE, ACCOUNT, Map.of()));
    assertThat(d.reason()).isEqualTo(Reason.NOT_PERMITTED);
    assertThat(d.logOnlyMatches()).containsExactly("trial");
    assertThat(
            DecisionEngine.builder(p)
                .build()
                .mayInvokeSome(DelegationChain.of("bob"), Fixtures.DELETE, Session.DEFAULT))
        .isFalse();
    assertThat(p.grants("bob")).noneMatch(g -> g.ruleId().equals("trial"));
  }

  @Test
  void logOnlyDenyEverywhere_hidesNothing() {
    Rule freeze = Rule.deny("freeze").tools("files/*").logOnly().build();
    Rule read = Rule.allow("read").tools("files/*").build();
    DecisionEngine engine = DecisionEngine.builder(policy(read, freeze)).build();
    assertThat(engine.mayInvokeSome(DelegationChain.of("bob"), Fixtures.READ, Session.DEFAULT))
        .isTrue();
    Decision d = engine.decide(call("bob", Fixtures.READ, ACCOUNT, Map.of()));
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.logOnlyMatches()).containsExactly("freeze");
  }

  @Test
  void logOnlyRule_withApprovalOrLimit_isRefused() {
    assertThatThrownBy(() -> Rule.allow("a").tools("*/*").logOnly().requireApproval().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log-only");
    assertThatThrownBy(() -> Rule.allow("a").tools("*/*").logOnly().logOnly())
        .isInstanceOf(IllegalStateException.class);
    Limit limit = Limit.of(3, Duration.ofMinutes(1), Limit.Per.PRINCIPAL);
    assertThatThrownBy(
            () ->
                AbacPolicy.builder()
                    .rule(Rule.allow("a").tools("*/*").logOnly().build())
                    .limit("a", limit)
                    .build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("log-only");
  }

  @Test
  void logOnlyRule_fingerprintNamesTheModeOnlyWhenLogOnly() {
    AbacPolicy enforced = AbacPolicy.builder().rule(FINANCE).build();
    String before = enforced.fingerprint();
    assertThat(before).doesNotContain("log-only");
    Rule logOnly =
        Rule.allow("finance")
            .tools("payments/*")
            .when("principal.attributes.team == 'finance'")
            .logOnly()
            .build();
    assertThat(AbacPolicy.builder().rule(logOnly).build().fingerprint())
        .isEqualTo(before + "|log-only");
  }

  @Test
  void logOnlyRules_roundTripThroughDocuments_andChangeTheVersion() {
    Policy p = policy(FINANCE, BIG_TRANSFERS);
    PolicyWriter writer = new PolicyWriter(List.of(new AbacSection()));
    for (DocumentFormat format : DocumentFormat.values()) {
      String text = writer.write(p, format);
      assertThat(text).contains("log-only");
      Policy back =
          AbacDocumentTest.LOADER.load(
              "written", text.getBytes(StandardCharsets.UTF_8), format, null);
      assertThat(AbacDocumentTest.abac(back).rules()).isEqualTo(AbacDocumentTest.abac(p).rules());
      assertThat(writer.write(back, format)).isEqualTo(text);
    }
    Rule enforcedBig =
        Rule.deny("big-transfers").tools("payments/*").when("args.amount > 1000").build();
    assertThat(policy(FINANCE, enforcedBig).version()).isNotEqualTo(p.version());
  }
}
