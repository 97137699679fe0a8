package io.toolgate.abac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.guard.ToolGuard;
import io.toolgate.testing.MutableClock;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Visibility with attribute rules never hides a tool that some call could use: over the random
 * worlds of {@link AbacPropertiesTest} (random rules, conditions, principals, whitelist entries,
 * arguments, environments and instants), for each chain and tool, if the engine allows the tool on
 * any resource with the world's arguments and environment, the guard shows it.
 */
@StatisticsReport(onFailureOnly = true)
class AbacVisibilityPropertiesTest {

  @Provide
  Arbitrary<AbacPropertiesTest.World> worlds() {
    return new AbacDocumentPropertiesTest().worlds();
  }

  @Property(tries = 600)
  void isVisible_whenSomeResourceIsAllowed_isTrue(@ForAll("worlds") AbacPropertiesTest.World w) {
    Policy policy = w.policy(ConditionEngine.COMPILED);
    DecisionEngine engine =
        DecisionEngine.builder(policy).clock(new MutableClock(w.now())).cacheSize(0).build();
    ToolGuard guard = ToolGuard.builder(engine).build();
    for (DelegationChain chain : AbacDocumentPropertiesTest.CHAINS) {
      for (ToolId tool : AbacPropertiesTest.TOOLS) {
        boolean someAllowed = false;
        for (ResourceId resource : AbacPropertiesTest.RESOURCES) {
          someAllowed |=
              engine
                  .decide(
                      Request.builder(chain, tool)
                          .resource(resource)
                          .arguments(w.args())
                          .environment(w.env())
                          .build())
                  .isAllowed();
        }
        boolean visible = guard.isVisible(chain, tool);
        Statistics.label("some resource allowed, visible").collect(someAllowed, visible);
        // Visibility may over-approximate (shown, but every call denied); it never hides.
        if (someAllowed) {
          assertThat(visible).as("%s %s\n%s", chain, tool, w).isTrue();
        }
      }
    }
    Statistics.label("some resource allowed, visible")
        .coverage(
            c -> {
              c.check(true, true).percentage(p -> p > 8);
              c.check(false, false).percentage(p -> p > 10);
            });
  }
}
