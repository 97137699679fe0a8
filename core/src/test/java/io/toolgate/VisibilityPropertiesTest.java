package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.guard.ToolGuard;
import io.toolgate.testing.MutableClock;
import io.toolgate.testing.Scenario;
import io.toolgate.testing.Scenarios;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** Visibility never hides a tool that some call could use: checked against full decisions. */
@StatisticsReport(onFailureOnly = true)
class VisibilityPropertiesTest {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  /** Scenarios granted their own call ({@link Scenarios#granted()}): about two in five allowed. */
  @Provide
  Arbitrary<Scenario> granted() {
    return Scenarios.granted();
  }

  @Property(tries = 1500)
  void isVisible_whenSomeResourceIsAllowed_isTrue(@ForAll("granted") Scenario s) {
    DecisionEngine engine = s.engine(0, new MutableClock(s.now()));
    ToolGuard guard = ToolGuard.builder(engine).build();
    boolean someAllowed =
        Scenarios.RESOURCES.stream()
            .map(Scenarios::resource)
            .anyMatch(r -> engine.canInvoke(s.chain(), s.tool(), r));
    boolean visible = guard.isVisible(s.chain(), s.tool());
    Statistics.label("some call allowed").collect(someAllowed);
    Statistics.label("visible").collect(visible);
    assertThat(visible || !someAllowed).as("hidden although some call is allowed: %s", s).isTrue();
    Statistics.label("some call allowed")
        .coverage(
            c -> {
              c.check(true).percentage(p -> p >= 5);
              c.check(false).percentage(p -> p >= 5);
            });
    Statistics.label("visible").coverage(c -> c.check(false).percentage(p -> p >= 5));
  }

  @Property(tries = 500)
  void isVisible_principalsWithoutAnyMatchingAllow_isFalse(@ForAll("scenarios") Scenario s) {
    DecisionEngine engine = s.engine(0, new MutableClock(s.now()));
    boolean someHopHasNoAllow =
        s.chain().principals().stream()
            .anyMatch(
                p ->
                    s.policy().entries().getOrDefault(p, java.util.List.of()).stream()
                        .noneMatch(
                            e ->
                                e.effect() == Effect.ALLOW
                                    && e.tools().stream().anyMatch(t -> t.matches(s.tool()))));
    boolean visible = ToolGuard.builder(engine).build().isVisible(s.chain(), s.tool());
    Statistics.label("some hop has no allow").collect(someHopHasNoAllow);
    assertThat(visible && someHopHasNoAllow)
        .as("shown although a hop has no allow: %s", s)
        .isFalse();
    // The case this property is about; the rest (every hop has some allow) is the other property's.
    Statistics.label("some hop has no allow").coverage(c -> c.check(true).percentage(p -> p >= 30));
  }
}
