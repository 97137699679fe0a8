package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AsyncDecisionListenerTest {
  static final ToolId TOOL = ToolId.parse("github/list_issues");
  static final Policy POLICY =
      Policy.builder()
          .principal(Principal.user("alice").build())
          .allow("alice", "github/*")
          .build();

  @Test
  void blockedListener_neverBlocksDecisions_overflowIsCounted_queuedEventsDeliveredOnClose()
      throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstArrived = new CountDownLatch(1);
    List<DecisionEvent> heard = new CopyOnWriteArrayList<>();
    AsyncDecisionListener async =
        AsyncDecisionListener.wrap(
            e -> {
              firstArrived.countDown();
              try {
                release.await(); // a listener stuck on a slow sink
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
              heard.add(e);
            },
            4);
    DecisionEngine engine = DecisionEngine.builder(POLICY).listener(async).build();

    assertThat(engine.canInvoke("alice", TOOL, ResourceId.NONE)).isTrue();
    assertThat(firstArrived.await(30, TimeUnit.SECONDS)).isTrue();
    // The listener holds the first event; 4 more fit in the queue; the other 5 are dropped.
    for (int i = 0; i < 9; i++) {
      assertThat(engine.canInvoke("alice", TOOL, ResourceId.NONE)).isTrue();
    }
    assertThat(async.dropped()).isEqualTo(5);
    release.countDown();
    async.close();
    assertThat(heard).hasSize(5).allSatisfy(e -> assertThat(e.decision().isAllowed()).isTrue());
  }

  @Test
  void delegateThrowsError_laterEventsStillDelivered_failureCounted_closeReturns()
      throws InterruptedException {
    List<DecisionEvent> heard = new CopyOnWriteArrayList<>();
    CountDownLatch thirdDelivered = new CountDownLatch(1);
    AtomicBoolean thrown = new AtomicBoolean();
    AsyncDecisionListener async =
        AsyncDecisionListener.wrap(
            e -> {
              if (thrown.compareAndSet(false, true)) {
                throw new AssertionError("a plug-in's broken assertion");
              }
              heard.add(e);
              if (heard.size() == 2) {
                thirdDelivered.countDown();
              }
            },
            16);
    DecisionEngine engine = DecisionEngine.builder(POLICY).listener(async).build();

    for (int i = 0; i < 3; i++) {
      assertThat(engine.canInvoke("alice", TOOL, ResourceId.NONE)).isTrue();
    }
    assertThat(thirdDelivered.await(30, TimeUnit.SECONDS))
        .as("events after the Error are delivered")
        .isTrue();
    async.close();
    assertThat(heard).hasSize(2);
    assertThat(async.listenerFailures()).isEqualTo(1);
    assertThat(async.dropped()).isZero();
  }

  @Test
  void close_delegateHangs_returnsAfterTheTimeout_countsTheUndeliveredAsDropped()
      throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch stuck = new CountDownLatch(1);
    AsyncDecisionListener async =
        AsyncDecisionListener.wrap(
            e -> {
              stuck.countDown();
              while (never.getCount() > 0) {
                try {
                  never.await(); // ignores interrupts: a sink that will not stop
                } catch (InterruptedException ex) {
                  // keep hanging
                }
              }
            },
            8,
            Duration.ofMillis(20));
    DecisionEngine engine = DecisionEngine.builder(POLICY).listener(async).build();
    engine.canInvoke("alice", TOOL, ResourceId.NONE);
    assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
    engine.canInvoke("alice", TOOL, ResourceId.NONE);
    engine.canInvoke("alice", TOOL, ResourceId.NONE);

    async.close(); // returns although the delegate never does

    assertThat(async.dropped()).isEqualTo(2);
    engine.canInvoke("alice", TOOL, ResourceId.NONE);
    assertThat(async.dropped()).as("events after close are dropped and counted").isEqualTo(3);
    never.countDown();
  }

  @Test
  void close_idleListener_returnsAtOnce_andIsIdempotent() {
    AsyncDecisionListener async = AsyncDecisionListener.wrap(e -> {}, 4);
    async.close();
    async.close();
    assertThat(async.dropped()).isZero();
  }

  @Test
  void requireAudit_queueFull_deniesWithAuditUnavailable() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstArrived = new CountDownLatch(1);
    AsyncDecisionListener audit =
        AsyncDecisionListener.wrap(
            e -> {
              firstArrived.countDown();
              try {
                release.await();
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            },
            2);
    DecisionEngine engine = DecisionEngine.builder(POLICY).requireAudit(audit).build();
    assertThat(engine.canInvoke("alice", TOOL, ResourceId.NONE)).isTrue();
    assertThat(firstArrived.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(engine.canInvoke("alice", TOOL, ResourceId.NONE)).isTrue();
    assertThat(engine.canInvoke("alice", TOOL, ResourceId.NONE)).isTrue();
    Decision refused = engine.decide("alice", TOOL, ResourceId.NONE);
    assertThat(refused.isAllowed()).isFalse();
    assertThat(refused.reason()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
    assertThat(engine.auditRefusals()).isEqualTo(1);
    release.countDown();
    audit.close();
    assertThat(engine.canInvoke("alice", TOOL, ResourceId.NONE))
        .as("closed: no audit, no action")
        .isFalse();
  }

  @Test
  void close_delegateStuckForever_returnsWithinItsBound() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch arrived = new CountDownLatch(1);
    AsyncDecisionListener async =
        AsyncDecisionListener.wrap(
            e -> {
              arrived.countDown();
              try {
                never.await();
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            },
            8);
    DecisionEngine engine = DecisionEngine.builder(POLICY).listener(async).build();
    engine.canInvoke("alice", TOOL, ResourceId.NONE);
    engine.canInvoke("alice", TOOL, ResourceId.NONE);
    assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(async.close(java.time.Duration.ofMillis(50))).isFalse();
  }

  @Test
  void manyProducers_everyEventDeliveredOnce() throws Exception {
    java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    AsyncDecisionListener async = AsyncDecisionListener.wrap(e -> count.incrementAndGet(), 1 << 16);
    DecisionEngine engine = DecisionEngine.builder(POLICY).requireAudit(async).build();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> fs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        fs.add(
            pool.submit(
                () -> {
                  int allowed = 0;
                  for (int i = 0; i < 5_000; i++) {
                    allowed += engine.canInvoke("alice", TOOL, ResourceId.NONE) ? 1 : 0;
                  }
                  return allowed;
                }));
      }
      int allowed = 0;
      for (var f : fs) {
        allowed += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(async.close(java.time.Duration.ofSeconds(30))).isTrue();
      assertThat(count.get()).isEqualTo(20_000);
      assertThat(allowed + engine.auditRefusals()).isEqualTo(20_000);
      assertThat(async.dropped()).isEqualTo(engine.auditRefusals());
    } finally {
      pool.shutdownNow();
    }
  }
}
