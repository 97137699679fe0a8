package io.toolgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.testing.MutableClock;
import io.toolgate.testing.Scenario;
import io.toolgate.testing.Scenarios;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Visibility never hides a tool that some call could use: checked against full decisions. */
class VisibilityPropertiesTest {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  @Property(tries = 1500)
  void isVisible_whenSomeResourceIsAllowed_isTrue(@ForAll("scenarios") Scenario s) {
    DecisionEngine engine = s.engine(0, new MutableClock(s.now()));
    ToolGuard guard = ToolGuard.builder(engine).build();
    boolean someAllowed = Scenarios.RESOURCES.stream().map(Scenarios::resource)
        .anyMatch(r -> engine.canInvoke(s.chain(), s.tool(), r));
    if (someAllowed) {
      assertThat(guard.isVisible(s.chain(), s.tool())).as("%s", s).isTrue();
    }
  }

  @Property(tries = 500)
  void isVisible_principalsWithoutAnyMatchingAllow_isFalse(@ForAll("scenarios") Scenario s) {
    DecisionEngine engine = s.engine(0, new MutableClock(s.now()));
    boolean someHopHasNoAllow = s.chain().principals().stream().anyMatch(p ->
        s.policy().entries().getOrDefault(p, java.util.List.of()).stream()
            .noneMatch(e -> e.effect() == Effect.ALLOW && e.tools().stream().anyMatch(t -> t.matches(s.tool()))));
    if (someHopHasNoAllow) {
      assertThat(ToolGuard.builder(engine).build().isVisible(s.chain(), s.tool())).as("%s", s).isFalse();
    }
  }
}
