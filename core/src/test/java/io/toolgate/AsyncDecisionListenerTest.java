package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncDecisionListenerTest {
  static final ToolId TOOL = ToolId.parse("github/list_issues");
  static final Policy POLICY = Policy.builder().principal(Principal.user("alice").build())
      .allow("alice", "github/*").build();

  @Test
  void blockedListener_neverBlocksDecisions_overflowIsCounted_queuedEventsDeliveredOnClose()
      throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstArrived = new CountDownLatch(1);
    List<DecisionEvent> heard = new CopyOnWriteArrayList<>();
    AsyncDecisionListener async = AsyncDecisionListener.wrap(e -> {
      firstArrived.countDown();
      try {
        release.await(); // a listener stuck on a slow sink
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      heard.add(e);
    }, 4);
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
}
