package io.toolgate.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.AccessDeniedException;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.ToolId;
import io.toolgate.guard.ToolGuard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.function.FunctionToolCallback;

/** Spring AI tools behind Toolgate, called as Spring AI's tool calling manager calls them. */
class GuardedToolCallbackTest {
  static final String ORDER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}},"
          + "\"required\":[\"order\"]}";

  /** A tool body that records every run. */
  static final class Recording implements ToolCallback {
    final ToolDefinition definition;
    final List<String> runs = new CopyOnWriteArrayList<>();
    final List<ToolContext> contexts = new CopyOnWriteArrayList<>();

    Recording(String name) {
      this(name, ORDER_SCHEMA);
    }

    Recording(String name, String schema) {
      this.definition =
          ToolDefinition.builder()
              .name(name)
              .description(name + " an order")
              .inputSchema(schema)
              .build();
    }

    @Override
    public ToolDefinition getToolDefinition() {
      return definition;
    }

    @Override
    public String call(String toolInput) {
      runs.add(toolInput);
      return definition.name() + " done";
    }

    @Override
    public String call(String toolInput, ToolContext toolContext) {
      contexts.add(toolContext);
      return call(toolInput);
    }
  }

  static Policy.Builder policy() {
    return Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.user("bob").build())
        .principal(Principal.agent("assistant").build())
        .allow("alice", "shop/*")
        .allow("bob", List.of("shop/get_order"), List.of("order:bob-*"))
        .allow("assistant", "shop/get_order", "shop/refund");
  }

  static ToolGuard toolGuard(Policy policy) {
    return ToolGuard.builder(DecisionEngine.builder(policy).build())
        .resource("shop/get_order", "order:{order}")
        .resource("shop/refund", "order:{order}")
        .build();
  }

  static ToolCallbackGuard guard(Policy policy) {
    return ToolCallbackGuard.builder(toolGuard(policy)).server("shop").build();
  }

  static ToolContext as(String user) {
    return new ToolContext(
        Map.of(ChainResolver.CHAIN_KEY, DelegationChain.onBehalfOf(user, "assistant")));
  }

  final Recording getOrder = new Recording("get_order");
  final Recording refund = new Recording("refund");

  @Test
  void call_allowed_runsTheToolWithTheModelsArgumentsAndContext() {
    ToolContext context = as("alice");
    String result = guard(policy().build()).wrap(refund).call("{\"order\":\"a-1\"}", context);
    assertThat(result).isEqualTo("refund done");
    assertThat(refund.runs).containsExactly("{\"order\":\"a-1\"}");
    assertThat(refund.contexts).containsExactly(context);
  }

  @Test
  void call_denied_returnsTheReasonAndNeverRuns() {
    String result = guard(policy().build()).wrap(refund).call("{\"order\":\"bob-7\"}", as("bob"));
    assertThat(result).startsWith("Denied by Toolgate: DENY NOT_PERMITTED");
    assertThat(refund.runs).isEmpty();
  }

  @Test
  void call_deniedInThrowMode_throwsTheDecisionAndNeverRuns() {
    ToolCallbackGuard guard =
        ToolCallbackGuard.builder(toolGuard(policy().build()))
            .server("shop")
            .onDenial(DenialMode.THROW)
            .build();
    assertThatThrownBy(() -> guard.wrap(refund).call("{\"order\":\"bob-7\"}", as("bob")))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> assertThat(e.decision().reason()).isEqualTo(Reason.NOT_PERMITTED));
    assertThat(refund.runs).isEmpty();
  }

  @Test
  void call_noChainInTheContext_isRefusedAsAnUnknownCaller() {
    GuardedToolCallback tool = guard(policy().build()).wrap(getOrder);
    assertThat(tool.call("{\"order\":\"a-1\"}"))
        .startsWith("Denied by Toolgate: DENY UNKNOWN_PRINCIPAL");
    assertThat(
            tool.call(
                "{\"order\":\"a-1\"}", new ToolContext(Map.of(ChainResolver.CHAIN_KEY, "alice"))))
        .startsWith("Denied by Toolgate: DENY UNKNOWN_PRINCIPAL");
    assertThat(getOrder.runs).isEmpty();
  }

  @Test
  void call_resolverThrows_isRefused() {
    ToolCallbackGuard guard =
        ToolCallbackGuard.builder(toolGuard(policy().build()))
            .server("shop")
            .chains(
                context -> {
                  throw new IllegalStateException("no session");
                })
            .build();
    assertThat(guard.wrap(getOrder).call("{\"order\":\"a-1\"}", as("alice")))
        .startsWith("Denied by Toolgate: DENY UNKNOWN_PRINCIPAL");
    assertThat(getOrder.runs).isEmpty();
  }

  @Test
  void call_repeatedKey_isRefusedAndNeverRuns() {
    // Decided on one value, acted on with the other: refused instead.
    String result =
        guard(policy().build())
            .wrap(getOrder)
            .call("{\"order\":\"bob-1\",\"order\":\"alice-1\"}", as("bob"));
    assertThat(result).startsWith("Denied by Toolgate: DENY RESOURCE_UNRESOLVED");
    assertThat(getOrder.runs).isEmpty();
  }

  @Test
  void call_missingResourceArgument_isRefused() {
    String result = guard(policy().build()).wrap(getOrder).call("{}", as("alice"));
    assertThat(result).startsWith("Denied by Toolgate: DENY RESOURCE_UNRESOLVED");
    assertThat(getOrder.runs).isEmpty();
  }

  @Test
  void call_pinnedToolWhoseDefinitionChanged_isRefused() {
    String approved = GuardedToolCallback.definitionOf(getOrder.getToolDefinition()).digest();
    Policy pinned = policy().pin(ToolId.of("shop", "get_order"), approved).build();
    Recording changed =
        new Recording("get_order", "{\"type\":\"object\",\"properties\":{\"order\":{}}}");
    ToolCallbackGuard guard = guard(pinned);
    assertThat(guard.wrap(getOrder).call("{\"order\":\"a-1\"}", as("alice")))
        .isEqualTo("get_order done");
    assertThat(guard.wrap(changed).call("{\"order\":\"a-1\"}", as("alice")))
        .startsWith("Denied by Toolgate: DENY TOOL_DEFINITION_CHANGED");
    assertThat(changed.runs).isEmpty();
    assertThat(guard.wrap(changed).isVisibleTo(DelegationChain.onBehalfOf("alice", "assistant")))
        .isFalse();
  }

  @Test
  void call_unreadableInputSchema_isRefusedAndHidden() {
    Recording broken = new Recording("get_order", "{not json");
    GuardedToolCallback tool = guard(policy().build()).wrap(broken);
    assertThat(tool.call("{\"order\":\"a-1\"}", as("alice")))
        .startsWith("Denied by Toolgate: DENY UNKNOWN_TOOL");
    assertThat(tool.isVisibleTo(DelegationChain.onBehalfOf("alice", "assistant"))).isFalse();
    assertThat(broken.runs).isEmpty();
  }

  @Test
  void call_functionToolCallback_runsOnlyWhenAllowed() {
    List<String> looked = new ArrayList<>();
    record Order(String order) {}
    ToolCallback fn =
        FunctionToolCallback.<Order, String>builder(
                "get_order",
                o -> {
                  looked.add(o.order());
                  return "shipped";
                })
            .description("Looks an order up.")
            .inputType(Order.class)
            .build();
    GuardedToolCallback tool = guard(policy().build()).wrap(fn);
    assertThat(tool.call("{\"order\":\"bob-1\"}", as("bob"))).contains("shipped");
    assertThat(tool.call("{\"order\":\"alice-1\"}", as("bob"))).startsWith("Denied by Toolgate");
    assertThat(looked).containsExactly("bob-1");
  }

  @Test
  void wrap_alreadyGuardedBySameGuard_returnsTheSameTool() {
    ToolCallbackGuard guard = guard(policy().build());
    GuardedToolCallback once = guard.wrap(getOrder);
    assertThat(guard.wrap(once)).isSameAs(once);
    assertThat(once.toolId()).isEqualTo(ToolId.of("shop", "get_order"));
    assertThat(once.getToolDefinition()).isSameAs(getOrder.getToolDefinition());
  }

  @Test
  void provider_forChain_offersOnlyTheToolsTheChainCouldCall() {
    Recording deleteAll = new Recording("delete_all");
    ToolCallbackProvider provider = ToolCallbackProvider.from(getOrder, refund, deleteAll);
    GuardedToolCallbackProvider guarded = guard(policy().build()).wrap(provider);
    assertThat(names(guarded.forChain(DelegationChain.onBehalfOf("alice", "assistant"))))
        .containsExactly("get_order", "refund");
    assertThat(names(guarded.forChain(DelegationChain.onBehalfOf("bob", "assistant"))))
        .containsExactly("get_order");
    assertThat(names(guarded.forChain(DelegationChain.of("mallory")))).isEmpty();
    assertThat(guarded.all()).hasSize(3).allMatch(t -> t instanceof GuardedToolCallback);
  }

  @Test
  void provider_getToolCallbacks_listsForTheResolvedCallerAndNothingForAnUnknownOne() {
    List<DelegationChain> current = new CopyOnWriteArrayList<>();
    ToolCallbackGuard guard =
        ToolCallbackGuard.builder(toolGuard(policy().build()))
            .server("shop")
            .chains(context -> current.isEmpty() ? null : current.get(0))
            .build();
    GuardedToolCallbackProvider guarded = guard.wrap(ToolCallbackProvider.from(getOrder, refund));
    assertThat(guarded.getToolCallbacks()).isEmpty();
    current.add(DelegationChain.onBehalfOf("bob", "assistant"));
    assertThat(names(guarded)).containsExactly("get_order");
    // A listed tool is still decided in full: bob may not read alice's order.
    assertThat(guarded.getToolCallbacks()[0].call("{\"order\":\"alice-1\"}"))
        .startsWith("Denied by Toolgate");
    assertThat(getOrder.runs).isEmpty();
  }

  @Test
  void builder_settingTwice_fails() {
    ToolCallbackGuard.Builder b =
        ToolCallbackGuard.builder(toolGuard(policy().build())).server("shop");
    assertThatThrownBy(() -> b.server("other")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ToolCallbackGuard.builder(toolGuard(policy().build())).server("a/b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static List<String> names(ToolCallbackProvider provider) {
    return Arrays.stream(provider.getToolCallbacks())
        .map(t -> t.getToolDefinition().name())
        .toList();
  }
}
