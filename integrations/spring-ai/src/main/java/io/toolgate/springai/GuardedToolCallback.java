package io.toolgate.springai;

import io.toolgate.AccessDeniedException;
import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Reason;
import io.toolgate.ToolCall;
import io.toolgate.ToolDefinition;
import io.toolgate.ToolId;
import io.toolgate.document.StrictJson;
import io.toolgate.guard.GuardResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * A Spring AI {@link ToolCallback} that runs the tool it wraps only when Toolgate allows the call.
 * Made by {@link ToolCallbackGuard#wrap(ToolCallback)}.
 *
 * <p>For each call it finds the caller with the guard's {@link ChainResolver}, reads the arguments
 * the model produced as one JSON object ({@link StrictJson}: a repeated key or trailing text is
 * refused, numbers are exact), presents the tool's definition (name, description, input schema) so
 * a pinned tool whose definition changed is refused, and lets the {@link
 * io.toolgate.guard.ToolGuard} derive the resource and decide. Only an allow runs the wrapped tool,
 * with the arguments as the model sent them. A refusal (unknown caller, unreadable arguments, a
 * denial) follows the guard's {@link DenialMode}: the model receives {@code Denied by Toolgate:
 * <decision>} as the tool's result, or {@link AccessDeniedException} is thrown. Exceptions thrown
 * by the wrapped tool pass through unchanged. Thread-safe if the wrapped tool is.
 */
public final class GuardedToolCallback implements ToolCallback {
  private final ToolCallbackGuard guard;
  private final ToolCallback delegate;
  private final ToolId tool;
  // Null when the wrapped tool's definition cannot be read; then every call is refused.
  private final ToolDefinition definition;
  private final String definitionProblem;

  GuardedToolCallback(ToolCallbackGuard guard, ToolCallback delegate) {
    this.guard = guard;
    this.delegate = delegate;
    this.tool = guard.toolId(delegate);
    ToolDefinition d = null;
    String problem = null;
    try {
      d = definitionOf(delegate.getToolDefinition());
    } catch (RuntimeException e) {
      problem = "the definition of " + tool + " cannot be read: " + e.getMessage();
    }
    this.definition = d;
    this.definitionProblem = problem;
  }

  /**
   * What a policy pins for a Spring AI tool: its name, description, and input schema (the JSON
   * schema string Spring AI offers the model, read strictly).
   *
   * @throws IllegalArgumentException if the input schema is not one JSON object
   */
  public static ToolDefinition definitionOf(
      org.springframework.ai.tool.definition.ToolDefinition spec) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", spec.name());
    json.put("description", spec.description());
    String schema = spec.inputSchema();
    json.put(
        "inputSchema",
        schema == null || schema.isBlank() ? Map.of() : StrictJson.readObject(schema));
    return ToolDefinition.fromJson(json);
  }

  /** The Toolgate id of the wrapped tool. */
  public ToolId toolId() {
    return tool;
  }

  /** The wrapped tool. */
  public ToolCallback delegate() {
    return delegate;
  }

  ToolCallbackGuard guardedBy() {
    return guard;
  }

  /**
   * Whether this tool should be offered to {@code chain}: some call of it could be allowed, and its
   * definition is readable and not pinned to another one. Visibility is not permission.
   */
  public boolean isVisibleTo(DelegationChain chain) {
    return definition != null && guard.toolGuard().isVisible(chain, tool, definition);
  }

  @Override
  public org.springframework.ai.tool.definition.ToolDefinition getToolDefinition() {
    return delegate.getToolDefinition();
  }

  @Override
  public ToolMetadata getToolMetadata() {
    return delegate.getToolMetadata();
  }

  /** Decides the call with no tool context (the resolver sees an empty one), then runs it. */
  @Override
  public String call(String toolInput) {
    return call(toolInput, null);
  }

  @Override
  public String call(String toolInput, ToolContext toolContext) {
    String version = guard.toolGuard().engine().policy().version();
    if (definition == null) {
      return refuse(
          Decision.denial(Reason.UNKNOWN_TOOL, version).detail(definitionProblem).build());
    }
    DelegationChain chain = guard.chainOf(toolContext);
    if (chain == null) {
      return refuse(
          Decision.denial(Reason.UNKNOWN_PRINCIPAL, version)
              .detail("the caller of this call of " + tool + " is not known")
              .build());
    }
    ToolCall call;
    try {
      // Read strictly: a repeated key would be decided on one value and acted on with another.
      Map<String, Object> args =
          toolInput == null || toolInput.isBlank() ? Map.of() : StrictJson.readObject(toolInput);
      call = ToolCall.builder(chain, tool).arguments(args).definition(definition).build();
    } catch (RuntimeException e) {
      return refuse(
          Decision.denial(Reason.RESOURCE_UNRESOLVED, version)
              .detail(
                  "the arguments of "
                      + tool
                      + " are not a JSON object of plain values: "
                      + e.getMessage())
              .build());
    }
    GuardResult<String> r =
        guard
            .toolGuard()
            .call(
                call,
                allowed ->
                    toolContext == null
                        ? delegate.call(toolInput)
                        : delegate.call(toolInput, toolContext));
    if (r instanceof GuardResult.Allowed<String> allowed) {
      return allowed.value();
    }
    return refuse(r.decision());
  }

  private String refuse(Decision decision) {
    if (guard.denialMode() == DenialMode.THROW) {
      throw new AccessDeniedException(decision);
    }
    return "Denied by Toolgate: " + decision;
  }

  @Override
  public String toString() {
    return "GuardedToolCallback[" + tool + "]";
  }
}
