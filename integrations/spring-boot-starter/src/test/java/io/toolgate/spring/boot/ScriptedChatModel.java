package io.toolgate.spring.boot;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

/**
 * The only scripted part: a chat model that asks for the tool calls it is told to ask for, then
 * answers with what the tool returned ("model read: ..."). It records the tools it was offered.
 */
final class ScriptedChatModel implements ChatModel {
  /** A tool call the model will ask for. */
  record ToolRequest(String name, String arguments) {}

  private final Queue<ToolRequest> script = new ConcurrentLinkedQueue<>();
  final List<List<String>> offered = new CopyOnWriteArrayList<>();

  void willCall(String name, String arguments) {
    script.add(new ToolRequest(name, arguments));
  }

  void reset() {
    script.clear();
    offered.clear();
  }

  @Override
  public ChatResponse call(Prompt prompt) {
    if (prompt.getOptions() instanceof ToolCallingChatOptions options) {
      offered.add(
          options.getToolCallbacks() == null
              ? List.of()
              : options.getToolCallbacks().stream()
                  .map(t -> t.getToolDefinition().name())
                  .toList());
    }
    List<Message> messages = prompt.getInstructions();
    if (messages.get(messages.size() - 1) instanceof ToolResponseMessage response) {
      return answer("model read: " + response.getResponses().get(0).responseData());
    }
    ToolRequest next = script.poll();
    if (next == null) {
      return answer("no tool needed");
    }
    return new ChatResponse(
        List.of(
            new Generation(
                AssistantMessage.builder()
                    .content("")
                    .toolCalls(
                        List.of(
                            new AssistantMessage.ToolCall(
                                "call-1", "function", next.name(), next.arguments())))
                    .build())));
  }

  @Override
  public ChatOptions getOptions() {
    return ToolCallingChatOptions.builder().build();
  }

  private static ChatResponse answer(String text) {
    return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
  }
}
