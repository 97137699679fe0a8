package io.toolgate.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ToolId;
import io.toolgate.guard.ToolGuard;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** LangChain4j tools behind Toolgate, without any LLM: executors are invoked directly. */
class GuardedToolExecutorTest {
  static final ToolSpecification GET_ORDER =
      ToolSpecification.builder()
          .name("get_order")
          .description("Looks an order up.")
          .parameters(
              JsonObjectSchema.builder().addStringProperty("order").required("order").build())
          .build();
  static final ToolSpecification REFUND =
      ToolSpecification.builder()
          .name("refund")
          .description("Refunds an order.")
          .parameters(
              JsonObjectSchema.builder()
                  .addStringProperty("order")
                  .addIntegerProperty("cents")
                  .required("order", "cents")
                  .build())
          .build();

  final List<String> executed = new ArrayList<>();

  ToolExecutor recording(String name) {
    return (request, memoryId) -> {
      executed.add(name + " " + request.arguments());
      return name + " done";
    };
  }

  static Policy.Builder policy() {
    return Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.user("bob").build())
        .principal(Principal.agent("support-agent").build())
        .allow("alice", "shop/*")
        .allow("bob", List.of("shop/get_order"), List.of("order:bob-*"))
        .allow("support-agent", "shop/get_order", "shop/refund");
  }

  static final Function<InvocationContext, DelegationChain> BY_MEMORY_ID =
      context ->
          context == null || context.chatMemoryId() == null
              ? null
              : DelegationChain.onBehalfOf(context.chatMemoryId().toString(), "support-agent");

  Map<ToolSpecification, ToolExecutor> guarded(Policy policy) {
    ToolGuard guard =
        ToolGuard.builder(DecisionEngine.builder(policy).build())
            .resource("shop/get_order", "order:{order}")
            .resource("shop/refund", "order:{order}")
            .build();
    Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
    tools.put(GET_ORDER, recording("get_order"));
    tools.put(REFUND, recording("refund"));
    return GuardedToolExecutor.guardAll(tools, guard, "shop", BY_MEMORY_ID);
  }

  static ToolExecutionRequest request(String tool, String json) {
    return ToolExecutionRequest.builder().id("1").name(tool).arguments(json).build();
  }

  static InvocationContext as(String user) {
    return InvocationContext.builder().chatMemoryId(user).build();
  }

  @Test
  void executeWithContext_allowed_runsTheTool() {
    ToolExecutionResult r =
        guarded(policy().build())
            .get(REFUND)
            .executeWithContext(
                request("refund", "{\"order\":\"a-1\",\"cents\":500}"), as("alice"));
    assertThat(r.isError()).isFalse();
    assertThat(r.resultText()).isEqualTo("refund done");
    assertThat(executed).containsExactly("refund {\"order\":\"a-1\",\"cents\":500}");
  }

  @Test
  void executeWithContext_denied_returnsAnErrorResultAndNeverRuns() {
    Map<ToolSpecification, ToolExecutor> tools = guarded(policy().build());
    ToolExecutionResult r =
        tools
            .get(REFUND)
            .executeWithContext(
                request("refund", "{\"order\":\"bob-7\",\"cents\":500}"), as("bob"));
    assertThat(r.isError()).isTrue();
    assertThat(r.resultText()).startsWith("Denied by Toolgate: DENY NOT_PERMITTED at hop 0 (bob)");
    assertThat(r.attributes()).containsEntry("toolgate.reason", "NOT_PERMITTED");
    ToolExecutionResult other =
        tools
            .get(GET_ORDER)
            .executeWithContext(request("get_order", "{\"order\":\"alice-1\"}"), as("bob"));
    assertThat(other.isError()).isTrue();
    assertThat(executed).isEmpty();
  }

  @Test
  void execute_memoryIdForm_isGuardedToo() {
    Map<ToolSpecification, ToolExecutor> tools = guarded(policy().build());
    assertThat(tools.get(GET_ORDER).execute(request("get_order", "{\"order\":\"bob-7\"}"), "bob"))
        .isEqualTo("get_order done");
    assertThat(
            tools
                .get(REFUND)
                .execute(request("refund", "{\"order\":\"bob-7\",\"cents\":1}"), "bob"))
        .startsWith("Denied by Toolgate");
    assertThat(executed).containsExactly("get_order {\"order\":\"bob-7\"}");
  }

  @Test
  void executeWithContext_missingArgumentOrUnknownCaller_refused() {
    Map<ToolSpecification, ToolExecutor> tools = guarded(policy().build());
    ToolExecutionResult missing =
        tools.get(REFUND).executeWithContext(request("refund", "{\"cents\":5}"), as("alice"));
    assertThat(missing.attributes()).containsEntry("toolgate.reason", "RESOURCE_UNRESOLVED");
    ToolExecutionResult notJson =
        tools.get(REFUND).executeWithContext(request("refund", "[1,2]"), as("alice"));
    assertThat(notJson.isError()).isTrue();
    ToolExecutionResult anonymous =
        tools
            .get(REFUND)
            .executeWithContext(
                request("refund", "{\"order\":\"a-1\",\"cents\":5}"),
                InvocationContext.builder().build());
    assertThat(anonymous.resultText()).contains("not known");
    assertThat(executed).isEmpty();
  }

  @Test
  void executeWithContext_repeatedArgumentKey_refusedAndNeverRuns() {
    Map<ToolSpecification, ToolExecutor> tools = guarded(policy().build());
    // bob may read his own orders; decided on the last "order", a tool keeping the first would read
    // alice's.
    ToolExecutionResult r =
        tools
            .get(GET_ORDER)
            .executeWithContext(
                request("get_order", "{\"order\":\"alice-1\",\"order\":\"bob-7\"}"), as("bob"));
    assertThat(r.isError()).isTrue();
    assertThat(r.resultText())
        .startsWith("Denied by Toolgate: the arguments are not a JSON object")
        .contains("order");
    ToolExecutionResult nested =
        tools
            .get(REFUND)
            .executeWithContext(
                request("refund", "{\"order\":\"a-1\",\"cents\":5,\"meta\":{\"k\":1,\"k\":2}}"),
                as("alice"));
    assertThat(nested.isError()).isTrue();
    assertThat(executed).isEmpty();
  }

  @Test
  void executeWithContext_decimalJustAboveALimit_deniedNotRounded() {
    Policy p =
        policy()
            .module(
                io.toolgate.abac.AbacPolicy.of(
                    io.toolgate.abac.Rule.deny("refund-cap")
                        .tools("shop/refund")
                        .when("args.cents > 1000")
                        .build()))
            .build();
    Map<ToolSpecification, ToolExecutor> tools = guarded(p);
    ToolExecutionResult r =
        tools
            .get(REFUND)
            .executeWithContext(
                request("refund", "{\"order\":\"a-1\",\"cents\":1000.00000000000001}"),
                as("alice"));
    assertThat(r.attributes()).containsEntry("toolgate.reason", "ERROR");
    assertThat(
            tools
                .get(REFUND)
                .executeWithContext(
                    request("refund", "{\"order\":\"a-1\",\"cents\":999.5}"), as("alice"))
                .isError())
        .isFalse();
    assertThat(executed).containsExactly("refund {\"order\":\"a-1\",\"cents\":999.5}");
  }

  @Test
  void executeWithContext_pinnedSpecificationChanged_deniedToolDefinitionChanged() {
    ToolSpecification widened =
        REFUND.toBuilder().description("Refunds any amount, no questions asked.").build();
    Policy pinned =
        policy()
            .pin(ToolId.parse("shop/refund"), GuardedToolExecutor.definitionOf(REFUND).digest())
            .build();
    ToolGuard guard =
        ToolGuard.builder(DecisionEngine.builder(pinned).build())
            .resource("shop/refund", "order:{order}")
            .build();
    ToolExecutor approved =
        new GuardedToolExecutor(guard, "shop", REFUND, recording("refund"), BY_MEMORY_ID);
    ToolExecutor changed =
        new GuardedToolExecutor(guard, "shop", widened, recording("refund"), BY_MEMORY_ID);
    String args = "{\"order\":\"a-1\",\"cents\":5}";
    assertThat(approved.executeWithContext(request("refund", args), as("alice")).isError())
        .isFalse();
    assertThat(changed.executeWithContext(request("refund", args), as("alice")).attributes())
        .containsEntry("toolgate.reason", "TOOL_DEFINITION_CHANGED");
    assertThat(executed).hasSize(1);
  }

  @Test
  void definitionOf_readsTheParametersSchema() {
    assertThat(GuardedToolExecutor.definitionOf(REFUND).inputSchema()).containsKey("properties");
  }

  /** The assistant interface an application declares. */
  interface Assistant {
    String chat(@MemoryId String user, @UserMessage String message);
  }

  /**
   * A scripted stand-in for a model: asks for one tool call, then answers with the tool's result.
   */
  static final class ScriptedModel implements ChatModel {
    final Deque<ToolExecutionRequest> script = new ConcurrentLinkedDeque<>();

    @Override
    public ChatResponse doChat(ChatRequest request) {
      List<ChatMessage> messages = request.messages();
      ChatMessage last = messages.get(messages.size() - 1);
      if (last instanceof ToolExecutionResultMessage result) {
        return ChatResponse.builder()
            .aiMessage(AiMessage.from("tool said: " + result.text()))
            .build();
      }
      return ChatResponse.builder().aiMessage(AiMessage.from(script.pop())).build();
    }
  }

  @Test
  void aiServices_guardedTools_areCheckedPerUser() {
    ScriptedModel model = new ScriptedModel();
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .chatMemoryProvider(
                id -> dev.langchain4j.memory.chat.MessageWindowChatMemory.withMaxMessages(10))
            .tools(guarded(policy().build()))
            .build();

    model.script.add(request("refund", "{\"order\":\"bob-7\",\"cents\":500}"));
    assertThat(assistant.chat("bob", "refund my order"))
        .startsWith("tool said: Denied by Toolgate: DENY NOT_PERMITTED");
    model.script.add(request("refund", "{\"order\":\"a-1\",\"cents\":500}"));
    assertThat(assistant.chat("alice", "refund my order")).isEqualTo("tool said: refund done");
    assertThat(executed).containsExactly("refund {\"order\":\"a-1\",\"cents\":500}");
  }
}
