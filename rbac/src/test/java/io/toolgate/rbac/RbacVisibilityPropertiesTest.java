package io.toolgate.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.InvalidPolicyException;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.guard.ToolGuard;
import io.toolgate.ToolId;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Visibility with roles never hides a tool that some call could use: over the random worlds of
 * {@link RbacWorld} (role DAGs, tenant-scoped and owner-bounded assignments, denies, static and
 * dynamic constraints, tenant patterns, sessions with active roles), for each chain and session
 * of the world's requests and each tool, if the engine allows the tool on any of the world's
 * resources, the guard shows it.
 */
class RbacVisibilityPropertiesTest {

  @Property(tries = 300)
  void isVisible_whenSomeResourceIsAllowed_isTrue(
      @ForAll @IntRange(min = 1, max = 40) int roles,
      @ForAll @IntRange(min = 1, max = 6) int depth,
      @ForAll long seed) {
    RbacWorld world = RbacWorld.generate(roles, depth, seed);
    Policy policy;
    try {
      policy = world.policy(world.rbac());
    } catch (InvalidPolicyException e) {
      Assume.that(false); // static separation of duty refused the world
      return;
    }
    DecisionEngine engine = DecisionEngine.builder(policy).cacheSize(0).build();
    ToolGuard guard = ToolGuard.builder(engine).build();
    for (Request r : world.requests()) {
      for (String tool : RbacWorld.TOOLS) {
        boolean someAllowed = RbacWorld.RESOURCES.stream().anyMatch(res -> engine.decide(
            Fixtures.request(r.chain(), tool, res, r.session())).isAllowed());
        if (someAllowed) {
          assertThat(guard.isVisible(r.chain(), ToolId.parse(tool), r.session()))
              .as("%s %s in %s\n%s", r.chain(), tool, r.session(), world).isTrue();
        }
      }
    }
  }
}
