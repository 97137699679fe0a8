package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A decider thread hammers the engine while another thread changes it. Every decision the decider
 * starts after the change has returned must reflect the change: it reads the "changed" flag, which
 * is set only after the change returns, before it starts deciding.
 */
class ConcurrentChangeTest {
  static final ToolId TOOL = ToolId.parse("github/list_issues");
  static final ResourceId REPO = ResourceId.of("repo:acme/api");
  static final DelegationChain CHAIN = DelegationChain.of("alice").then("bot");

  static Policy policy(String version, boolean botAllowed) {
    Policy.Builder b =
        Policy.builder()
            .version(version)
            .principal(Principal.user("alice").build())
            .principal(Principal.agent("bot").owner("alice").build())
            .allow("alice", "github/*");
    if (botAllowed) {
      b.allow("bot", "github/*");
    }
    return b.build();
  }

  void assertNoStaleAllowAfter(Consumer<DecisionEngine> change) throws Exception {
    for (int round = 0; round < 20; round++) {
      DecisionEngine engine = DecisionEngine.builder(policy("v1", true)).build();
      AtomicBoolean changed = new AtomicBoolean();
      CountDownLatch warm = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(1);
      try {
        Future<Integer> decider =
            pool.submit(
                () -> {
                  int checkedAfter = 0;
                  // Runs until it has decided 20,000 times after the change; interrupted if that
                  // never comes.
                  for (int i = 0;
                      checkedAfter < 20_000 && !Thread.currentThread().isInterrupted();
                      i++) {
                    boolean after = changed.get();
                    boolean allowed =
                        i % 2 == 0
                            ? engine.canInvoke(CHAIN, TOOL, REPO)
                            : engine.decide(Request.of(CHAIN, TOOL, REPO)).isAllowed();
                    if (after) {
                      assertThat(allowed)
                          .as("decision started after the change returned")
                          .isFalse();
                      checkedAfter++;
                    }
                    if (i == 1_000) {
                      warm.countDown();
                    }
                  }
                  return checkedAfter;
                });
        assertThat(warm.await(30, TimeUnit.SECONDS)).isTrue();
        change.accept(engine);
        changed.set(true);
        try {
          assertThat(decider.get(60, TimeUnit.SECONDS)).isEqualTo(20_000);
        } finally {
          decider.cancel(true);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void suspend_fromAnotherThread_noLaterDecisionAllows() throws Exception {
    assertNoStaleAllowAfter(e -> e.suspend("bot"));
  }

  @Test
  void suspendOwner_fromAnotherThread_noLaterDecisionAllows() throws Exception {
    assertNoStaleAllowAfter(e -> e.suspend("alice"));
  }

  @Test
  void disableTool_fromAnotherThread_noLaterDecisionAllows() throws Exception {
    assertNoStaleAllowAfter(e -> e.disableTool(TOOL));
  }

  @Test
  void replacePolicy_fromAnotherThread_noLaterDecisionAllows() throws Exception {
    assertNoStaleAllowAfter(e -> e.replacePolicy(policy("v2", false)));
  }

  @Test
  void replacedPolicy_versionSeenByEveryLaterDecision() {
    DecisionEngine engine = DecisionEngine.builder(policy("v1", true)).build();
    engine.decide(Request.of(CHAIN, TOOL, REPO));
    engine.replacePolicy(policy("v2", true));
    assertThat(List.of(engine.decide(Request.of(CHAIN, TOOL, REPO)).policyVersion()))
        .containsExactly("v2");
  }
}
