package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Deciders and switchers on separate threads, bounded loops, no sleeps: a decision that starts
 * after the switch that covers it has returned is never ALLOW.
 */
class KillSwitchStressTest {
  private static final int USERS = 64;
  private static final int MAX_ROUNDS = 50_000_000;
  private static final int ROUNDS_AFTER = 2_000;

  @Test
  void decide_startedAfterSwitchReturned_neverAllows() throws Exception {
    Policy.Builder b =
        Policy.builder()
            .principal(Principal.agent("assistant").build())
            .allow("assistant", "files/*");
    for (int i = 0; i < USERS; i++) {
      b.principal(Principal.user("user-" + i).build()).allow("user-" + i, "files/*");
    }
    DecisionEngine engine = DecisionEngine.builder(b.build()).cacheSize(10_000).build();
    ToolId read = ToolId.parse("files/read");
    DelegationChain[] sessions = new DelegationChain[USERS];
    for (int i = 0; i < USERS; i++) {
      sessions[i] =
          DelegationChain.of("user-" + i).then(Delegation.to("assistant").withId("session-" + i));
    }
    // 0 = nothing switched yet; 1 = the session was revoked; 2 = its user was suspended (returned).
    AtomicIntegerArray switched = new AtomicIntegerArray(USERS);

    java.util.concurrent.CountDownLatch warm = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.atomic.AtomicBoolean switcherDone =
        new java.util.concurrent.atomic.AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> deciders = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int seed = t;
        deciders.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  int after = 0;
                  // Bounded: decides until 2,000 rounds after the switcher finished (or
                  // MAX_ROUNDS).
                  for (int r = 0; r < MAX_ROUNDS && after < ROUNDS_AFTER; r++) {
                    if (r == 100) {
                      warm.countDown();
                    }
                    if (switcherDone.get()) {
                      after++;
                    }
                    int u = (r * 31 + seed * 17) % USERS;
                    boolean mustDeny = switched.get(u) != 0; // read before the decision starts
                    boolean allowed = engine.canInvoke(sessions[u], read, ResourceId.NONE);
                    if (mustDeny) {
                      assertThat(allowed).as("session %s after its switch returned", u).isFalse();
                      checked++;
                    }
                  }
                  return checked;
                }));
      }
      Callable<Void> switcher =
          () -> {
            assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue(); // both deciders are running
            for (int u = 0; u < USERS; u++) {
              if (u % 2 == 0) {
                engine.revokeDelegation("session-" + u);
                switched.set(u, 1);
              } else {
                engine.suspend("user-" + u);
                switched.set(u, 2);
              }
              engine.suspend("unrelated-" + u); // churn on principals nobody decides for
            }
            switcherDone.set(true);
            return null;
          };
      pool.submit(switcher).get(60, TimeUnit.SECONDS);
      int checked = 0;
      for (Future<Integer> f : deciders) {
        checked += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(checked).as("decisions that started after a switch").isPositive();
      for (int u = 0; u < USERS; u++) {
        assertThat(engine.canInvoke(sessions[u], read, ResourceId.NONE)).isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
