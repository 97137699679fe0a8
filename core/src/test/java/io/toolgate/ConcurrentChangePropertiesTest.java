package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.testing.MutableClock;
import io.toolgate.testing.Scenario;
import io.toolgate.testing.Scenarios;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For random policies, requests and changes: while one thread keeps deciding, another applies a
 * change (a policy swap or a kill switch). Every decision the first thread starts after the change
 * has returned equals the decision of a fresh engine built in the new state.
 */
class ConcurrentChangePropertiesTest {
  private static ExecutorService pool;

  @BeforeContainer
  static void start() {
    pool = Executors.newSingleThreadExecutor();
  }

  @AfterContainer
  static void stop() {
    pool.shutdownNow();
  }

  record Change(String name, Consumer<DecisionEngine> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  @Provide
  Arbitrary<Change> changes() {
    Arbitrary<Change> suspend =
        Arbitraries.of(Scenarios.PRINCIPALS)
            .map(p -> new Change("suspend " + p, e -> e.suspend(p)));
    Arbitrary<Change> decommission =
        Arbitraries.of(Scenarios.PRINCIPALS)
            .map(p -> new Change("decommission " + p, e -> e.decommission(p)));
    Arbitrary<Change> disable =
        Arbitraries.of(Scenarios.TOOLS)
            .map(ToolId::parse)
            .map(t -> new Change("disable " + t, e -> e.disableTool(t)));
    Arbitrary<Change> revoke =
        Arbitraries.of(Scenarios.DELEGATION_IDS)
            .map(d -> new Change("revoke " + d, e -> e.revokeDelegation(d)));
    Arbitrary<Change> swap =
        Scenarios.policies()
            .map(p -> new Change("swap to " + p.version(), e -> e.replacePolicy(p)));
    return Arbitraries.oneOf(suspend, decommission, disable, revoke, swap);
  }

  @Property(tries = 60)
  void decisionsStartedAfterAChange_matchAFreshEngineInTheNewState(
      @ForAll("scenarios") Scenario s, @ForAll("changes") Change change) throws Exception {
    MutableClock clock = new MutableClock(s.now());
    DecisionEngine engine = s.engine(1_000, clock);
    DecisionEngine expectedEngine = s.engine(0, clock);
    change.apply().accept(expectedEngine);
    Decision expected = expectedEngine.decide(s.request());

    AtomicBoolean changed = new AtomicBoolean();
    CountDownLatch warm = new CountDownLatch(1);
    Future<List<Decision>> decider =
        pool.submit(
            () -> {
              java.util.ArrayList<Decision> after = new java.util.ArrayList<>();
              // Runs until it has decided 2,000 times after the change; interrupted if that never
              // comes.
              for (int i = 0;
                  after.size() < 2_000 && !Thread.currentThread().isInterrupted();
                  i++) {
                boolean started = changed.get();
                Decision d = engine.decide(s.request());
                if (started) {
                  after.add(d);
                }
                if (i == 100) {
                  warm.countDown();
                }
              }
              return after;
            });
    assertThat(warm.await(30, TimeUnit.SECONDS)).isTrue();
    change.apply().accept(engine);
    changed.set(true);
    List<Decision> after;
    try {
      after = decider.get(60, TimeUnit.SECONDS);
    } finally {
      decider.cancel(true);
    }
    assertThat(after).isNotEmpty().allSatisfy(d -> assertThat(d).isEqualTo(expected));
  }
}
