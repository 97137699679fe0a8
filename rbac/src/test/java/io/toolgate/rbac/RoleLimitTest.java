package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.DocumentProblem;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyWriter;
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

/** Limits on role allow entries: built, read from documents, enforced, written back, refused. */
@StatisticsReport(onFailureOnly = true)
class RoleLimitTest {
  static final PolicyLoader LOADER =
      PolicyLoader.builder().sections(List.of(new RbacSection())).build();
  static final PolicyWriter WRITER = new PolicyWriter(List.of(new RbacSection()));
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final ToolId LEDGER = ToolId.parse("payments/read_ledger");
  static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

  static final String DOC =
      """
      version: 1
      principals:
        - id: alice
          type: user
          roles: [payer]
        - id: bob
          type: user
          roles: [payer]
        - id: bot
          type: agent
          owner: alice
      roles:
        - name: payer
          allow:
            - tools: [payments/*]
              limits:
                - {tools: [payments/transfer], per: origin, calls: 2, window: 1h}
      """;

  static Policy load(String text, DocumentFormat format) {
    return LOADER.load("roles.yaml", text.getBytes(StandardCharsets.UTF_8), format, null);
  }

  static RbacPolicy rbac(Policy p) {
    return p.modules().stream()
        .filter(RbacPolicy.class::isInstance)
        .map(RbacPolicy.class::cast)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void documentLimit_onRoleEntry_isEnforcedPerOrigin() {
    Policy p = load(DOC, DocumentFormat.YAML);
    assertThat(rbac(p).limits())
        .containsOnlyKeys("role:payer/allow/0")
        .containsValue(
            List.of(Limit.of(2, Duration.ofHours(1), Limit.Per.ORIGIN, TRANSFER.toString())));
    assertThat(p.limits()).containsKey("role:payer/allow/0");
    MutableClock clock = new MutableClock(NOON);
    DecisionEngine e = DecisionEngine.builder(p).clock(clock).build();

    assertThat(e.canInvoke("alice", TRANSFER, ResourceId.NONE)).isTrue();
    assertThat(e.canInvoke("alice", TRANSFER, ResourceId.NONE)).isTrue();
    Decision third = e.decide("alice", TRANSFER, ResourceId.NONE);
    assertThat(third.effect()).isEqualTo(Effect.DENY);
    assertThat(third.reason()).isEqualTo(Reason.RATE_LIMITED);
    assertThat(third.retryAt()).contains(Instant.parse("2026-11-29T13:00:00Z"));
    // Another origin has its own count; other tools are not counted.
    assertThat(e.canInvoke("bob", TRANSFER, ResourceId.NONE)).isTrue();
    assertThat(e.canInvoke("alice", LEDGER, ResourceId.NONE)).isTrue();

    clock.set(Instant.parse("2026-11-29T13:00:00Z"));
    assertThat(e.canInvoke("alice", TRANSFER, ResourceId.NONE)).isTrue();
  }

  @Test
  void builderLimit_countsEveryCallTheEntryAllows_andDeniedCallsConsumeNothing() {
    RbacPolicy rbac =
        RbacPolicy.builder()
            .role(Role.builder("payer").allow("payments/*").deny("payments/refund").build())
            .assign("alice", "payer")
            .limit("role:payer/allow/0", Limit.of(1, Duration.ofMinutes(1), Limit.Per.PRINCIPAL))
            .build();
    Policy p = Policy.builder().principal(Principal.user("alice").build()).module(rbac).build();
    DecisionEngine e = DecisionEngine.builder(p).clock(new MutableClock(NOON)).build();
    Request refund = Request.of("alice", ToolId.parse("payments/refund"), ResourceId.NONE);

    assertThat(e.decide(refund).reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(e.canInvoke("alice", LEDGER, ResourceId.NONE)).isTrue();
    assertThat(e.decide("alice", TRANSFER, ResourceId.NONE).reason())
        .isEqualTo(Reason.RATE_LIMITED);
  }

  @Test
  void limitOnDirectChain_countsLikeADirectCall() {
    Policy p = load(DOC, DocumentFormat.YAML);
    DecisionEngine e = DecisionEngine.builder(p).clock(new MutableClock(NOON)).build();
    DelegationChain direct = DelegationChain.of("alice");
    assertThat(e.canInvoke(direct, TRANSFER, ResourceId.NONE)).isTrue();
    assertThat(e.canInvoke(direct, TRANSFER, ResourceId.NONE)).isTrue();
    assertThat(e.canInvoke(direct, TRANSFER, ResourceId.NONE)).isFalse();
  }

  @Test
  void builderLimit_namingNoAllowEntry_isRefused() {
    Role payer = Role.builder("payer").allow("payments/*").deny("payments/refund").build();
    Limit one = Limit.of(1, Duration.ofMinutes(1), Limit.Per.PRINCIPAL);
    assertThatThrownBy(
            () ->
                RbacPolicy.builder()
                    .role(payer)
                    .limit("role:payer/deny/0", one)
                    .limit("role:nobody/allow/0", one)
                    .build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining(
            "a limit names entry 'role:payer/deny/0', which is not an allow entry of a defined role")
        .hasMessageContaining("'role:nobody/allow/0'");
  }

  @Test
  void builderLimit_onALogOnlyEntry_isRefused() {
    Role payer =
        Role.builder("payer")
            .entry(io.toolgate.AccessEntry.allow("role:payer/try", "payments/*").logOnly())
            .build();
    assertThatThrownBy(
            () ->
                RbacPolicy.builder()
                    .role(payer)
                    .limit("role:payer/try", Limit.of(1, Duration.ofMinutes(1), Limit.Per.ORIGIN))
                    .build())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("'role:payer/try', a log-only entry");
  }

  @Test
  void badLimitsInRoles_areLocated() {
    String bad =
        """
        version: 1
        principals:
          - id: alice
            type: user
            roles: [payer]
        roles:
          - name: payer
            allow:
              - tools: [payments/*]
                limits:
                  - {per: everyone, calls: 2, window: 1h}
            deny:
              - tools: [payments/refund]
                limits: []
        """;
    DocumentException e =
        catchThrowableOfType(DocumentException.class, () -> load(bad, DocumentFormat.YAML));
    assertThat(e.problems())
        .extracting(DocumentProblem::toString)
        .containsExactly(
            "roles.yaml:11:19: 'per' must be principal, origin or session, was 'everyone'",
            "roles.yaml:14:9: unknown key 'limits' in a deny entry; expected one of: id, tools,"
                + " resources, mode, approval");
  }

  @Provide
  Arbitrary<List<Limit>> limits() {
    return io.toolgate.testing.LimitArbitraries.lists();
  }

  @Property(tries = 60)
  void roundTrip_roleLimitsSurviveWriteAndRead(
      @ForAll("limits") List<Limit> limits, @ForAll DocumentFormat format) {
    RbacPolicy.Builder rb =
        RbacPolicy.builder()
            .role(Role.builder("payer").allow("payments/*").allow("ledger/*").build())
            .assign("alice", "payer");
    limits.forEach(l -> rb.limit("role:payer/allow/1", l));
    Policy p =
        Policy.builder().principal(Principal.user("alice").build()).module(rb.build()).build();

    Policy back = load(WRITER.write(p, format), format);

    assertThat(rbac(back).limits()).isEqualTo(rbac(p).limits());
    assertThat(back.limits()).isEqualTo(p.limits());
    assertThat(rbac(back).fingerprint()).isEqualTo(rbac(p).fingerprint());
    Statistics.label("per").collect(limits.get(0).per());
    Statistics.label("per").coverage(c -> c.check(Limit.Per.SESSION).percentage(x -> x > 10));
  }

  @Test
  void fingerprint_changesWithALimit() {
    Role payer = Role.builder("payer").allow("payments/*").build();
    RbacPolicy plain = RbacPolicy.builder().role(payer).build();
    RbacPolicy limited =
        RbacPolicy.builder()
            .role(payer)
            .limit("role:payer/allow/0", Limit.of(5, Duration.ofHours(1), Limit.Per.SESSION))
            .build();
    assertThat(limited.fingerprint()).isNotEqualTo(plain.fingerprint());
    assertThat(limited.toBuilder().build().limits()).isEqualTo(limited.limits());
  }
}
