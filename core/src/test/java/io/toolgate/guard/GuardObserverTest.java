package io.toolgate.guard;

import static io.toolgate.guard.ToolGuardTest.ALICE_BOT;
import static io.toolgate.guard.ToolGuardTest.DELETE;
import static io.toolgate.guard.ToolGuardTest.READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.AccessDeniedException;
import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Reason;
import io.toolgate.ToolCall;
import io.toolgate.ToolId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class GuardObserverTest {
  final List<String> heard = new ArrayList<>();

  /** Writes what it hears, in order, into {@link #heard}. */
  final GuardObserver recording =
      call -> {
        heard.add("start " + call.tool());
        return new GuardObserver.ObservedCall() {
          @Override
          public void decided(Decision decision) {
            heard.add("decided " + decision.reason());
          }

          @Override
          public void end(@Nullable Throwable error) {
            heard.add("end " + (error == null ? "ok" : error.getMessage()));
          }
        };
      };

  ToolGuard guard(GuardObserver observer) {
    return ToolGuardTest.guardBuilder(
            DecisionEngine.builder(ToolGuardTest.policy().build()).build())
        .observer(observer)
        .build();
  }

  @Test
  void call_allowed_observerHearsStartDecisionAndEnd_bodyRunsBetween() {
    GuardResult<String> r =
        guard(recording)
            .call(
                ToolCall.of(ALICE_BOT, READ, Map.of("path", "a.txt")),
                req -> {
                  heard.add("body");
                  return "ok";
                });

    assertThat(r.isAllowed()).isTrue();
    assertThat(heard).containsExactly("start fs/read_file", "decided PERMITTED", "body", "end ok");
  }

  @Test
  void call_deniedByTheEngine_observerHearsTheDenialAndTheBodyNeverRuns() {
    GuardResult<String> r =
        guard(recording)
            .call(
                ToolCall.of(ALICE_BOT, DELETE, Map.of("path", "a.txt")),
                req -> {
                  heard.add("body");
                  return "ran";
                });

    assertThat(r.decision().reason()).isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(heard).containsExactly("start fs/delete_file", "decided EXPLICIT_DENY", "end ok");
  }

  @Test
  void call_deniedByTheGuardItself_observerHearsTheGuardsReason() {
    GuardResult<String> r =
        guard(recording)
            .call(ToolCall.of(ALICE_BOT, ToolId.parse("fs/unknown"), Map.of()), req -> "ran");

    assertThat(r.decision().reason()).isEqualTo(Reason.RESOURCE_UNRESOLVED);
    assertThat(heard).containsExactly("start fs/unknown", "decided RESOURCE_UNRESOLVED", "end ok");
  }

  @Test
  void invoke_bodyThrows_observerEndsWithTheError_whichReachesTheCallerUnchanged() {
    IOException boom = new IOException("disk gone");
    ToolGuard guard = guard(recording);

    assertThatThrownBy(
            () ->
                guard.invoke(
                    ToolCall.of(ALICE_BOT, READ, Map.of("path", "a.txt")),
                    req -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(heard).containsExactly("start fs/read_file", "decided PERMITTED", "end disk gone");
  }

  @Test
  void invoke_denied_observerEndsWithoutError_andTheCallerGetsTheDenial() {
    ToolGuard guard = guard(recording);

    assertThatThrownBy(
            () -> guard.invoke(ToolCall.of(ALICE_BOT, DELETE, Map.of("path", "a")), req -> "ran"))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(heard).containsExactly("start fs/delete_file", "decided EXPLICIT_DENY", "end ok");
  }

  @Test
  void call_observerThrowsEverywhere_decisionAndResultStand() {
    GuardObserver failingAtStart =
        call -> {
          throw new IllegalStateException("observer down");
        };
    GuardObserver failingLater =
        call ->
            new GuardObserver.ObservedCall() {
              @Override
              public void decided(Decision decision) {
                throw new IllegalStateException("decided down");
              }

              @Override
              public void end(@Nullable Throwable error) {
                throw new IllegalStateException("end down");
              }
            };
    ToolCall allowed = ToolCall.of(ALICE_BOT, READ, Map.of("path", "a.txt"));
    ToolCall denied = ToolCall.of(ALICE_BOT, DELETE, Map.of("path", "a.txt"));

    for (GuardObserver o : List.of(failingAtStart, failingLater)) {
      assertThat(guard(o).call(allowed, req -> "ran"))
          .isInstanceOfSatisfying(
              GuardResult.Allowed.class, a -> assertThat(a.value()).isEqualTo("ran"));
      assertThat(guard(o).call(denied, req -> "ran").isAllowed()).isFalse();
    }
  }

  @Test
  void decide_runsNothing_isNotObserved() {
    Decision d = guard(recording).decide(ToolCall.of(ALICE_BOT, READ, Map.of("path", "a.txt")));

    assertThat(d.isAllowed()).isTrue();
    assertThat(heard).isEmpty();
  }

  @Test
  void observer_setTwice_throws() {
    ToolGuard.Builder b =
        ToolGuard.builder(DecisionEngine.builder(ToolGuardTest.policy().build()).build())
            .observer(recording);

    assertThatThrownBy(() -> b.observer(recording)).isInstanceOf(IllegalStateException.class);
  }
}
