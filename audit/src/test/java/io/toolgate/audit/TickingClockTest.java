package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

@StatisticsReport(onFailureOnly = true)
class TickingClockTest {
  static final Instant START = Instant.parse("2026-11-29T05:00:00Z");

  /** A step of a run: advance the source by this many milliseconds, then tick or not. */
  record Step(int advanceMillis, boolean tick) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.integers()
        .between(0, 5_000)
        .flatMap(ms -> Arbitraries.of(true, false).map(t -> new Step(ms, t)))
        .list()
        .ofMaxSize(40);
  }

  @Property(tries = 300)
  void millis_isTheSourceTimeAtTheLastTick_neverAhead(@ForAll("steps") List<Step> steps) {
    MutableClock source = new MutableClock(START);
    TickingClock clock = TickingClock.unstarted(source, Duration.ofMillis(1));
    long lastTick = source.millis();
    int lagging = 0;
    for (Step s : steps) {
      source.advance(Duration.ofMillis(s.advanceMillis()));
      if (s.tick()) {
        clock.tickOnce();
        lastTick = source.millis();
      }
      assertThat(clock.millis()).isEqualTo(lastTick).isLessThanOrEqualTo(source.millis());
      assertThat(clock.instant()).isEqualTo(Instant.ofEpochMilli(lastTick));
      lagging += clock.millis() < source.millis() ? 1 : 0;
    }
    Statistics.label("some step lags the source").collect(lagging > 0);
    Statistics.label("some step lags the source")
        .coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  @Test
  void start_readsTheSourceAtOnce_andCloseStopsTheThread() throws Exception {
    MutableClock source = new MutableClock(START);
    TickingClock clock = TickingClock.start(source, Duration.ofMillis(1));
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.isTicking()).isTrue();
    clock.close();
    assertThat(clock.isTicking()).isFalse();
    source.advance(Duration.ofSeconds(5));
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli()); // a closed clock keeps its time
    clock.close(); // closing twice is harmless
    assertThat(clock.isTicking()).isFalse();
  }

  @Test
  void start_refusesTicksOutOfBounds() {
    MutableClock source = new MutableClock(START);
    assertThatThrownBy(() -> TickingClock.start(source, Duration.ofNanos(99_999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tick must be from 100 us to 1 s");
    assertThatThrownBy(() -> TickingClock.start(source, Duration.ofMillis(1_001)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEngineOnTheClock_stampsEventsWithItsTime() {
    MutableClock source = new MutableClock(START);
    TickingClock clock = TickingClock.unstarted(source, Duration.ofMillis(1));
    List<DecisionEvent> events = new CopyOnWriteArrayList<>();
    Policy policy =
        Policy.builder().principal(Principal.agent("bot").build()).allow("bot", "fs/*").build();
    DecisionEngine engine =
        DecisionEngine.builder(policy).clock(clock).listener(events::add).build();
    ToolId read = ToolId.parse("fs/read");
    source.advance(Duration.ofMillis(700));
    assertThat(engine.canInvoke("bot", read, ResourceId.NONE)).isTrue();
    clock.tickOnce();
    assertThat(engine.canInvoke("bot", read, ResourceId.NONE)).isTrue();
    assertThat(events)
        .extracting(DecisionEvent::epochMillis)
        .containsExactly(START.toEpochMilli(), START.toEpochMilli() + 700);
  }
}
