package io.toolgate.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.AccessEntry;
import io.toolgate.Approval;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DelegationChain;
import io.toolgate.Obligation;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.ToolCall;
import io.toolgate.ToolId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * For every way an approval can end, a call the policy allows only with approval runs its body
 * exactly once on a yes and never otherwise (a no, no answer in time, no handler, a handler that
 * throws, fails or answers null), with the reason that says which; the outcome reaches the
 * listeners as a decision of its own; a call allowed outright never asks.
 */
@StatisticsReport(onFailureOnly = true)
class ApprovalPropertiesTest {
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final ToolId BALANCE = ToolId.parse("payments/balance");
  static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

  /** How the approver (or its absence) answers. */
  enum Outcome {
    GRANTED,
    REFUSED,
    NEVER_ANSWERS,
    NO_HANDLER,
    HANDLER_THROWS,
    FAILS_EXCEPTIONALLY,
    ANSWERS_NULL,
    NULL_STAGE
  }

  static Policy policy() {
    return Policy.builder()
        .version("approvals")
        .principal(Principal.user("alice").build())
        .entry(
            "alice", AccessEntry.allow("alice-transfer", "payments/transfer").requiringApproval())
        .entry("alice", AccessEntry.allow("alice-balance", "payments/balance"))
        .build();
  }

  static ApprovalHandler handler(Outcome outcome, String approver, AtomicInteger asked) {
    return (request, decision) -> {
      asked.incrementAndGet();
      return switch (outcome) {
        case GRANTED -> CompletableFuture.completedFuture(Approval.granted(approver, AT));
        case REFUSED ->
            CompletableFuture.supplyAsync(() -> Approval.refused(approver, AT, "not today"));
        case NEVER_ANSWERS -> new CompletableFuture<>();
        case HANDLER_THROWS -> throw new IllegalStateException("approval service down");
        case FAILS_EXCEPTIONALLY ->
            CompletableFuture.failedFuture(new IllegalStateException("approval service down"));
        case ANSWERS_NULL -> CompletableFuture.completedFuture(null);
        case NULL_STAGE -> null;
        case NO_HANDLER -> throw new AssertionError("not a handler");
      };
    };
  }

  @Provide
  Arbitrary<String> approvers() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
  }

  @Property(tries = 300)
  void call_anyApprovalOutcome_runsTheBodyExactlyOnceOnYesAndNeverOtherwise(
      @ForAll Outcome outcome,
      @ForAll("approvers") String approver,
      @ForAll boolean needsApproval,
      @ForAll boolean cached) {
    List<DecisionEvent> heard = new ArrayList<>();
    DecisionEngine engine =
        DecisionEngine.builder(policy()).cacheSize(cached ? 100 : 0).listener(heard::add).build();
    AtomicInteger asked = new AtomicInteger();
    ToolGuard.Builder b =
        ToolGuard.builder(engine)
            .noResource("payments/transfer", "payments/balance")
            .approvalDeadline(Duration.ofMillis(20));
    if (outcome != Outcome.NO_HANDLER) {
      b.approvals(handler(outcome, approver, asked));
    }
    ToolGuard guard = b.build();
    AtomicInteger ran = new AtomicInteger();
    ToolId tool = needsApproval ? TRANSFER : BALANCE;

    GuardResult<String> r =
        guard.call(
            ToolCall.of(DelegationChain.of("alice"), tool, Map.of()),
            req -> "ran " + ran.incrementAndGet());

    boolean runs = !needsApproval || outcome == Outcome.GRANTED;
    Statistics.label("outcome").collect(needsApproval ? outcome : "no approval needed");
    assertThat(ran.get()).isEqualTo(runs ? 1 : 0);
    assertThat(r.isAllowed()).isEqualTo(runs);
    assertThat(asked.get()).isEqualTo(needsApproval && outcome != Outcome.NO_HANDLER ? 1 : 0);
    Decision d = r.decision();
    Reason expected =
        !needsApproval || outcome == Outcome.GRANTED
            ? Reason.PERMITTED
            : outcome == Outcome.NEVER_ANSWERS ? Reason.APPROVAL_TIMEOUT : Reason.APPROVAL_DENIED;
    assertThat(d.reason()).isEqualTo(expected);
    assertThat(d.ruleIds()).containsExactly(needsApproval ? "alice-transfer" : "alice-balance");
    assertThat(d.approval().map(Approval::approver))
        .isEqualTo(
            needsApproval && (outcome == Outcome.GRANTED || outcome == Outcome.REFUSED)
                ? Optional.of(approver)
                : Optional.empty());
    assertThat(d.errors().isEmpty())
        .isEqualTo(
            outcome != Outcome.HANDLER_THROWS && outcome != Outcome.FAILS_EXCEPTIONALLY
                || !needsApproval);
    // The engine's allow, then (for approvals) the outcome: both reach the listeners.
    assertThat(heard).hasSize(needsApproval ? 2 : 1);
    assertThat(heard.get(0).decision().obligations())
        .isEqualTo(needsApproval ? Set.of(Obligation.APPROVAL) : Set.of());
    assertThat(heard.get(heard.size() - 1).decision()).isEqualTo(d);

    Statistics.label("outcome")
        .coverage(
            c -> {
              for (Outcome o : Outcome.values()) {
                c.check(o).count(n -> n > 0);
              }
              c.check("no approval needed").count(n -> n > 0);
            });
  }
}
