package io.toolgate.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.ToolCall;
import io.toolgate.ToolDefinition;
import io.toolgate.ToolId;
import io.toolgate.document.StrictJson;
import io.toolgate.guard.ApprovalHandler;
import io.toolgate.guard.GuardResult;
import io.toolgate.guard.ToolGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A LangChain4j {@link ToolExecutor} that runs the tool it wraps only when a {@link ToolGuard}
 * allows the call, so an {@code AiServices} agent's tools are checked like MCP tools are:
 *
 * <pre>{@code
 * Assistant assistant = AiServices.builder(Assistant.class)
 *     .chatModel(model)
 *     .tools(GuardedToolExecutor.guardAll(tools, guard, "local",
 *         context -> DelegationChain.onBehalfOf((String) context.chatMemoryId(), "assistant")))
 *     .build();
 * }</pre>
 *
 * <p>The tool id is {@code server/name}, the server being the name given here. The arguments the
 * model produced (a JSON object) become the call's arguments, from which the guard derives the
 * resource. A denied call is not executed: the model receives an error result, {@code Denied by
 * Toolgate: <decision>}, and can tell the user. Arguments that are not one JSON object, or repeat a
 * key, are refused the same way; numbers are read exactly ({@link StrictJson}). Each call presents
 * the digest of the tool's whole specification (name, description, parameters, metadata), so a
 * policy can pin specifications that come from elsewhere (a {@code ToolProvider} backed by a remote
 * server). Thread-safe if the wrapped executor is.
 *
 * <p>A call the policy allows only with approval ({@link io.toolgate.Obligation#APPROVAL}) runs
 * once the {@link ApprovalHandler} given here says yes within the guard's approval deadline (a
 * person asked in the chat application's own UI, say); without one here, the guard's own handler is
 * asked, and with none at all the call is denied ({@code APPROVAL_DENIED}).
 */
public final class GuardedToolExecutor implements ToolExecutor {
  private final ToolGuard guard;
  private final ToolId tool;
  private final ToolDefinition definition;
  private final ToolExecutor delegate;
  private final Function<InvocationContext, DelegationChain> chains;

  /** Asks for approvals instead of the guard's handler; null to ask the guard's. */
  private final ApprovalHandler approvals;

  /**
   * Wraps one tool.
   *
   * @param chains the chain of each invocation (from its chat memory id or invocation parameters,
   *     say); returning null or throwing refuses the call
   */
  public GuardedToolExecutor(
      ToolGuard guard,
      String server,
      ToolSpecification specification,
      ToolExecutor delegate,
      Function<InvocationContext, DelegationChain> chains) {
    this(guard, server, specification, delegate, chains, null);
  }

  /**
   * Wraps one tool whose calls, when the policy requires approval, are approved by {@code
   * approvals}.
   *
   * @param chains the chain of each invocation; returning null or throwing refuses the call
   * @param approvals asks for approval of the calls that need it
   */
  public GuardedToolExecutor(
      ToolGuard guard,
      String server,
      ToolSpecification specification,
      ToolExecutor delegate,
      Function<InvocationContext, DelegationChain> chains,
      ApprovalHandler approvals) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.tool = ToolId.of(server, specification.name());
    this.definition = definitionOf(specification);
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.chains = Objects.requireNonNull(chains, "chains");
    this.approvals = approvals;
  }

  /** Wraps every executor of a tool map, as {@code AiServices.builder(...).tools(map)} takes it. */
  public static Map<ToolSpecification, ToolExecutor> guardAll(
      Map<ToolSpecification, ToolExecutor> tools,
      ToolGuard guard,
      String server,
      Function<InvocationContext, DelegationChain> chains) {
    Map<ToolSpecification, ToolExecutor> out = new LinkedHashMap<>();
    tools.forEach(
        (spec, executor) ->
            out.put(spec, new GuardedToolExecutor(guard, server, spec, executor, chains)));
    return out;
  }

  /**
   * Wraps every executor of a tool map, each asking {@code approvals} for the calls the policy
   * allows only with approval.
   */
  public static Map<ToolSpecification, ToolExecutor> guardAll(
      Map<ToolSpecification, ToolExecutor> tools,
      ToolGuard guard,
      String server,
      Function<InvocationContext, DelegationChain> chains,
      ApprovalHandler approvals) {
    Objects.requireNonNull(approvals, "approvals");
    Map<ToolSpecification, ToolExecutor> out = new LinkedHashMap<>();
    tools.forEach(
        (spec, executor) ->
            out.put(
                spec, new GuardedToolExecutor(guard, server, spec, executor, chains, approvals)));
    return out;
  }

  /**
   * What a policy pins for a LangChain4j tool: its whole specification as LangChain4j writes it
   * ({@code ToolSpecification.toJson()}: name, description, the parameters schema as the input
   * schema, and every other member such as {@code metadata} and {@code strict}).
   */
  public static ToolDefinition definitionOf(ToolSpecification specification) {
    Map<String, Object> json = new LinkedHashMap<>(StrictJson.readObject(specification.toJson()));
    Object parameters = json.remove("parameters");
    json.put("inputSchema", parameters);
    return ToolDefinition.fromJson(json);
  }

  /** The Toolgate id of the wrapped tool. */
  public ToolId toolId() {
    return tool;
  }

  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    return executeWithContext(request, InvocationContext.builder().chatMemoryId(memoryId).build())
        .resultText();
  }

  @Override
  public ToolExecutionResult executeWithContext(
      ToolExecutionRequest request, InvocationContext context) {
    DelegationChain chain;
    try {
      chain = chains.apply(context);
    } catch (RuntimeException e) {
      chain = null;
    }
    if (chain == null) {
      return refused("Denied by Toolgate: the caller of this invocation is not known");
    }
    ToolCall call;
    try {
      String arguments = request.arguments();
      // Read strictly: a repeated key would be decided on one value and acted on with another.
      Map<String, Object> args =
          arguments == null || arguments.isBlank() ? Map.of() : StrictJson.readObject(arguments);
      call = ToolCall.builder(chain, tool).arguments(args).definition(definition).build();
    } catch (RuntimeException e) {
      return refused(
          "Denied by Toolgate: the arguments are not a JSON object of plain values ("
              + e.getMessage()
              + ")");
    }
    GuardResult<ToolExecutionResult> r =
        approvals == null
            ? guard.call(call, allowed -> delegate.executeWithContext(request, context))
            : guard.call(call, approvals, allowed -> delegate.executeWithContext(request, context));
    if (r instanceof GuardResult.Allowed<ToolExecutionResult> allowed) {
      return allowed.value();
    }
    return denied(r.decision());
  }

  private static ToolExecutionResult denied(Decision d) {
    return ToolExecutionResult.builder()
        .isError(true)
        .resultText("Denied by Toolgate: " + d)
        .attributes(
            Map.of(
                "toolgate.reason", d.reason().name(), "toolgate.policyVersion", d.policyVersion()))
        .build();
  }

  private static ToolExecutionResult refused(String text) {
    return ToolExecutionResult.builder().isError(true).resultText(text).build();
  }
}
