package io.toolgate.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.toolgate.AccessDeniedException;
import io.toolgate.DelegationChain;
import io.toolgate.springai.GuardedToolCallbackTest.Recording;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * For every caller, tool and argument: a guarded tool's body runs exactly when a naive reference of
 * the test policy allows the call, and the model is offered exactly the tools the reference shows.
 * The policy is {@link GuardedToolCallbackTest#policy()}.
 */
@StatisticsReport(onFailureOnly = true)
class GuardedToolCallbackPropertiesTest {
  static final List<String> TOOLS = List.of("get_order", "refund", "delete_all");

  /** One generated call: who (origin, optional agent), which tool, which order (or none). */
  record Case(String origin, String agent, String tool, String order, DenialMode mode) {
    DelegationChain chain() {
      return agent == null ? DelegationChain.of(origin) : DelegationChain.onBehalfOf(origin, agent);
    }

    String arguments() {
      return order == null ? "{}" : "{\"order\":\"" + order + "\"}";
    }
  }

  /** The tools a principal's grants name, ignoring resources (the reference of the policy). */
  static Set<String> tools(String principal) {
    return switch (principal) {
      case "alice" -> Set.copyOf(TOOLS);
      case "bob" -> Set.of("get_order");
      case "assistant" -> Set.of("get_order", "refund");
      default -> Set.of();
    };
  }

  static boolean grants(String principal, String tool, String order) {
    return tools(principal).contains(tool)
        && (!principal.equals("bob") || order.startsWith("bob-"));
  }

  /** The reference decision: every hop grants the tool on the order, and the order is named. */
  static boolean allowed(Case c) {
    // delete_all has no resource rule; a simple {order} holding '/' is refused (no escaping).
    boolean resolvable =
        !c.tool().equals("delete_all") && c.order() != null && !c.order().contains("/");
    return resolvable
        && grants(c.origin(), c.tool(), c.order())
        && (c.agent() == null || grants(c.agent(), c.tool(), c.order()));
  }

  static boolean visible(Case c) {
    return tools(c.origin()).contains(c.tool())
        && (c.agent() == null || tools(c.agent()).contains(c.tool()));
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.of("alice", "bob", "mallory"),
            Arbitraries.of("assistant", "bob").injectNull(0.3),
            Arbitraries.of(TOOLS),
            Arbitraries.of("a-1", "bob-7", "bob-x/../a").injectNull(0.15),
            Arbitraries.of(DenialMode.class))
        .as(Case::new)
        .filter(c -> !c.origin().equals(c.agent()));
  }

  @Property(tries = 400)
  void call_forAllCallers_runsTheBodyExactlyWhenAllowed(@ForAll("cases") Case c) {
    Recording body = new Recording(c.tool());
    ToolCallbackGuard guard =
        ToolCallbackGuard.builder(
                GuardedToolCallbackTest.toolGuard(GuardedToolCallbackTest.policy().build()))
            .server("shop")
            .onDenial(c.mode())
            .build();
    ToolContext context = new ToolContext(Map.of(ChainResolver.CHAIN_KEY, c.chain()));
    String[] result = new String[1];
    Throwable thrown =
        catchThrowable(() -> result[0] = guard.wrap(body).call(c.arguments(), context));
    boolean expected = allowed(c);
    Statistics.label("outcome").collect(expected ? "allowed" : "denied");
    Statistics.label("mode").collect(c.mode());
    Statistics.label("outcome")
        .coverage(
            cov -> {
              cov.check("allowed").percentage(p -> p > 10);
              cov.check("denied").percentage(p -> p > 10);
            });

    assertThat(body.runs).hasSize(expected ? 1 : 0);
    if (expected) {
      assertThat(thrown).isNull();
      assertThat(result[0]).isEqualTo(c.tool() + " done");
    } else if (c.mode() == DenialMode.THROW) {
      assertThat(thrown).isInstanceOf(AccessDeniedException.class);
    } else {
      assertThat(thrown).isNull();
      assertThat(result[0]).startsWith("Denied by Toolgate: DENY ");
    }
  }

  @Property(tries = 200)
  void forChain_forAllCallers_offersExactlyTheVisibleTools(@ForAll("cases") Case c) {
    ToolCallbackProvider provider =
        ToolCallbackProvider.from(TOOLS.stream().map(Recording::new).toList());
    List<String> offered =
        Arrays.stream(
                GuardedToolCallbackTest.guard(GuardedToolCallbackTest.policy().build())
                    .wrap(provider)
                    .forChain(c.chain())
                    .getToolCallbacks())
            .map(t -> t.getToolDefinition().name())
            .toList();
    Statistics.label("offers " + c.tool()).collect(offered.contains(c.tool()));
    Statistics.label("offered").collect(offered.size());
    Statistics.label("offered")
        .coverage(
            cov -> {
              cov.check(0).percentage(p -> p > 5);
              cov.check(3).percentage(p -> p > 1);
            });
    assertThat(offered.contains(c.tool())).isEqualTo(visible(c));
  }
}
