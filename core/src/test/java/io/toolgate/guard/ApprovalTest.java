package io.toolgate.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.AccessEntry;
import io.toolgate.Approval;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DecisionListener;
import io.toolgate.DelegationChain;
import io.toolgate.Effect;
import io.toolgate.Obligation;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApprovalTest {
  static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");
  static final ToolCall TRANSFER =
      ToolCall.of(DelegationChain.of("alice"), ApprovalPropertiesTest.TRANSFER, Map.of());

  final AtomicInteger ran = new AtomicInteger();

  static ToolGuard.Builder guard(DecisionEngine engine) {
    return ToolGuard.builder(engine).noResource("payments/transfer", "payments/balance");
  }

  @Test
  void accessEntry_denyRequiringApproval_isRejected() {
    assertThatThrownBy(() -> AccessEntry.deny("no", "payments/*").requiringApproval())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only an allow");
  }

  @Test
  void policyVersion_approvalAdded_changesAndWithoutApprovalStaysAsBefore() {
    AccessEntry plain = AccessEntry.allow("a", "payments/*");
    Policy.Builder b = Policy.builder().principal(Principal.user("alice").build());
    String without = b.entry("alice", plain).build().version();
    String with =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .entry("alice", plain.requiringApproval())
            .build()
            .version();
    assertThat(with).isNotEqualTo(without);
    // The entry's text (which the version digests) is the record text it always was.
    assertThat(plain.toString())
        .isEqualTo("AccessEntry[id=a, effect=ALLOW, tools=[payments/*], resources=[]]");
    assertThat(plain.on("acct:*").requiringApproval().on("acct:1").approvalRequired()).isTrue();
    assertThat(new AccessEntry("x", Effect.ALLOW, plain.tools(), List.of()).approvalRequired())
        .isFalse();
  }

  @Test
  void call_requiredAuditRefusesTheApprovalRecord_deniesWithoutRunning() {
    AtomicInteger offers = new AtomicInteger();
    DecisionListener audit =
        new DecisionListener() {
          @Override
          public void onDecision(DecisionEvent event) {}

          @Override
          public boolean offer(DecisionEvent event) {
            return offers.incrementAndGet() == 1; // takes the allow, not the approval
          }
        };
    DecisionEngine engine =
        DecisionEngine.builder(ApprovalPropertiesTest.policy()).requireAudit(audit).build();
    GuardResult<Integer> r =
        guard(engine)
            .approvals((req, d) -> CompletableFuture.completedFuture(Approval.granted("bob", AT)))
            .build()
            .call(TRANSFER, req -> ran.incrementAndGet());
    assertThat(r.decision().reason()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
    assertThat(ran).hasValue(0);
  }

  @Test
  void call_perCallHandler_isAskedInsteadOfTheGuardsOwn() {
    List<String> asked = new ArrayList<>();
    ToolGuard g =
        guard(DecisionEngine.builder(ApprovalPropertiesTest.policy()).build())
            .approvals(
                (req, d) -> {
                  asked.add("guard");
                  return CompletableFuture.completedFuture(Approval.refused("ops", AT, "no"));
                })
            .build();
    GuardResult<Integer> r =
        g.call(
            TRANSFER,
            (req, d) -> {
              asked.add("call");
              return CompletableFuture.completedFuture(Approval.granted("carol", AT));
            },
            req -> ran.incrementAndGet());
    assertThat(asked).containsExactly("call");
    assertThat(r.isAllowed()).isTrue();
    assertThat(r.decision().approval()).contains(Approval.granted("carol", AT));
    assertThat(r.decision().isAllowedOutright()).isTrue();
    assertThat(ran).hasValue(1);
  }

  @Test
  void decide_approvalRequired_returnsTheAllowWithItsObligationAndAsksNobody() {
    ToolGuard g = guard(DecisionEngine.builder(ApprovalPropertiesTest.policy()).build()).build();
    Decision d = g.decide(TRANSFER);
    assertThat(d.isAllowed()).isTrue();
    assertThat(d.obligations()).containsExactly(Obligation.APPROVAL);
    assertThat(d.approval()).isEmpty();
    assertThat(d.isAllowedOutright()).isFalse();
    assertThatThrownBy(() -> g.invoke(TRANSFER, req -> ran.incrementAndGet()))
        .hasMessageContaining("APPROVAL_DENIED");
    assertThat(ran).hasValue(0);
  }

  @Test
  void recordApproval_notAnApprovalOutcome_throws() {
    DecisionEngine engine = DecisionEngine.builder(ApprovalPropertiesTest.policy()).build();
    Request r = Request.of("alice", ApprovalPropertiesTest.TRANSFER, ResourceId.NONE);
    Decision awaiting = engine.decide(r);
    assertThatThrownBy(() -> engine.recordApproval(r, awaiting))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                awaiting
                    .approvedBy(new Approval.Granted("x", AT))
                    .approvedBy(new Approval.Granted("y", AT)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                Decision.denial(Reason.EXPLICIT_DENY, "v")
                    .obligations(List.of(Obligation.APPROVAL)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void approvalDeadline_notPositive_isRejected() {
    DecisionEngine engine = DecisionEngine.builder(ApprovalPropertiesTest.policy()).build();
    assertThatThrownBy(() -> ToolGuard.builder(engine).approvalDeadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
