package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ToolId;
import io.toolgate.guard.ToolGuard;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Visibility with roles never hides a tool that some call could use: over the random worlds of
 * {@link RbacWorld} (role DAGs, tenant-scoped and owner-bounded assignments, denies, static and
 * dynamic constraints, tenant patterns, sessions with active roles), for each chain and session of
 * the world's requests and each tool, if the engine allows the tool on any of the world's
 * resources, the guard shows it.
 */
@StatisticsReport(onFailureOnly = true)
class RbacVisibilityPropertiesTest {

  @Provide
  Arbitrary<RbacWorld> worlds() {
    return RbacWorld.validWorlds(40, 6);
  }

  @Property(tries = 300)
  void isVisible_whenSomeResourceIsAllowed_isTrue(@ForAll("worlds") RbacWorld world) {
    Policy policy = world.policy(world.rbac());
    DecisionEngine engine = DecisionEngine.builder(policy).cacheSize(0).build();
    ToolGuard guard = ToolGuard.builder(engine).build();
    for (Request r : world.requests()) {
      for (String tool : RbacWorld.TOOLS) {
        boolean someAllowed =
            RbacWorld.RESOURCES.stream()
                .anyMatch(
                    res ->
                        engine
                            .decide(Fixtures.request(r.chain(), tool, res, r.session()))
                            .isAllowed());
        boolean visible = guard.isVisible(r.chain(), ToolId.parse(tool), r.session());
        Statistics.label("some resource allowed, visible").collect(someAllowed, visible);
        // Visibility may over-approximate (shown, but every call denied); it never hides.
        if (someAllowed) {
          assertThat(visible).as("%s %s in %s\n%s", r.chain(), tool, r.session(), world).isTrue();
        }
      }
    }
    Statistics.label("some resource allowed, visible")
        .coverage(
            c -> {
              c.check(true, true).percentage(p -> p > 10);
              c.check(false, false).percentage(p -> p > 20);
            });
  }
}
