package io.toolgate.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Reason;
import io.toolgate.ToolCall;
import io.toolgate.ToolDefinition;
import io.toolgate.ToolId;
import io.toolgate.guard.GuardResult;
import io.toolgate.guard.ToolBody;
import io.toolgate.guard.ToolGuard;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link ToolGuard} in front of an MCP Java SDK server's tools: every {@code tools/call} is
 * decided in full before the tool's body runs, and {@code tools/list} shows each caller only the
 * tools it could use. Thread-safe.
 *
 * <p>The SDK's list filter alone only hides tools: a client that sends {@code tools/call} for a
 * hidden tool still reaches its handler. Here the handler itself is wrapped ({@link #guard}), so a
 * denied call returns an MCP tool error result (text {@code Denied by Toolgate: REASON ...}, and
 * the reason and policy version under {@code _meta} key {@value #META_KEY}) and the tool never
 * runs. A tool's Toolgate id is {@code server/name}, the server being the name given here. Each
 * tool's definition (as this server registers it) is presented to the guard, so a policy that
 * pinned an older definition refuses it ({@code TOOL_DEFINITION_CHANGED}) and the list hides it.
 * Annotations are hints the server declares: they are part of the pinned definition and never grant
 * anything.
 *
 * <p>A caller's credential may carry a scope of its own ({@link CallerIdentity#scopeOf}, an OAuth
 * access token's {@code scope}): a tool outside it is hidden and its calls denied with {@code
 * OUTSIDE_DELEGATION} before the policy is asked. Such a denial is the guard's own, like a pin
 * mismatch: it does not reach the engine's decision listeners.
 *
 * <p>A call the policy allows only with approval ({@link io.toolgate.Obligation#APPROVAL}) is put
 * to the calling client as an MCP elicitation ({@code elicitation/create}, with the tool, resource,
 * chain and deciding rules in its message and under {@code _meta} key {@value #META_KEY}): the
 * user's accept runs the call, a decline or cancel denies it ({@code APPROVAL_DENIED}), no answer
 * within the {@link ToolGuard}'s approval deadline denies it ({@code APPROVAL_TIMEOUT}). A client
 * that declares no elicitation capability cannot be asked, so such calls are denied. The approver
 * recorded in the audit log is the calling chain's origin, via the client's name.
 */
public final class McpGuard {
  /** The {@code _meta} key of a denial's details in an error result. */
  public static final String META_KEY = "io.toolgate/decision";

  private static final Logger LOG = LoggerFactory.getLogger(McpGuard.class);

  private final ToolGuard guard;
  private final String server;
  private final CallerIdentity identity;
  private final Map<String, ToolDefinition> definitions = new ConcurrentHashMap<>();

  private McpGuard(Builder b) {
    this.guard = b.guard;
    this.server = b.server;
    this.identity = b.identity;
  }

  /**
   * Starts a guard for the MCP server named {@code server} (the first part of its tools' ids).
   *
   * @throws IllegalArgumentException if the name is not a valid tool-id part
   */
  public static Builder builder(ToolGuard guard, String server) {
    return new Builder(guard, server);
  }

  /** The Toolgate id of this server's tool {@code name}. */
  public ToolId toolId(String name) {
    return ToolId.of(server, name);
  }

  /**
   * The tool specification to register: {@code tool} as defined, with a call handler that runs
   * {@code body} only when the guard allows the call. The body receives the allowed request; its
   * resource is the one derived and normalized from the arguments, which is what it should act on.
   * An exception from the body becomes a tool error result saying only that the tool failed; its
   * message, which may name server paths, is logged here and not sent to the client.
   */
  public SyncToolSpecification guard(
      McpSchema.Tool tool, ToolBody<McpSchema.CallToolResult, Exception> body) {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(body, "body");
    ToolId id = toolId(tool.name());
    ToolDefinition definition = McpToolDefinitions.of(tool);
    definitions.put(tool.name(), definition);
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> handle(id, definition, exchange, request, body))
        .build();
  }

  /**
   * The {@code tools/list} filter: shows a tool only if the caller could call it on some resource
   * and its definition is not pinned to another one. Visibility is not permission: every call is
   * still decided in full by the handler.
   */
  public McpSyncListFilter<McpSchema.Tool> listFilter() {
    return (context, tool) -> {
      DelegationChain chain = identity.chainOf(context);
      ToolDefinition definition = definitions.get(tool.name());
      return chain != null
          && definition != null
          && coversTool(identity.scopeOf(context), toolId(tool.name()))
          && guard.isVisible(chain, toolId(tool.name()), definition);
    };
  }

  private McpSchema.CallToolResult handle(
      ToolId id,
      ToolDefinition definition,
      McpSyncServerExchange exchange,
      McpSchema.CallToolRequest request,
      ToolBody<McpSchema.CallToolResult, Exception> body) {
    McpTransportContext context =
        exchange == null ? McpTransportContext.EMPTY : exchange.transportContext();
    DelegationChain chain = identity.chainOf(context);
    if (chain == null) {
      return error(
          "Denied by Toolgate: the caller is not authenticated",
          Map.of("reason", "UNAUTHENTICATED"));
    }
    DelegationScope granted = identity.scopeOf(context);
    if (!coversTool(granted, id)) {
      return denial(
          Decision.denial(Reason.OUTSIDE_DELEGATION, guard.engine().policy().version())
              .refusedAt(chain.size() - 1, chain.actor())
              .detail("the caller's credential grants " + granted.tools() + ", not " + id)
              .build());
    }
    ToolCall call;
    try {
      call =
          ToolCall.builder(chain, id)
              .arguments(request.arguments() == null ? Map.of() : request.arguments())
              .definition(definition)
              .build();
    } catch (RuntimeException e) {
      return error(
          "Denied by Toolgate: malformed arguments: " + e.getMessage(),
          Map.of("reason", "MALFORMED_ARGUMENTS"));
    }
    GuardResult<McpSchema.CallToolResult> result;
    try {
      result =
          guard.call(call, new ElicitationApprovals(exchange, chain, InstantSource.system()), body);
    } catch (Exception e) {
      // The detail (paths of this server, its exceptions) stays in the server's log.
      LOG.warn("tool {} failed for {}", id, chain, e);
      return error("Tool " + id.name() + " failed", Map.of());
    }
    if (result instanceof GuardResult.Allowed<McpSchema.CallToolResult> allowed) {
      return allowed.value();
    }
    return denial(result.decision());
  }

  /** Whether a credential's scope passes on {@code tool} (its tool patterns; empty: every tool). */
  private static boolean coversTool(DelegationScope scope, ToolId tool) {
    return scope.tools().isEmpty() || scope.tools().stream().anyMatch(p -> p.matches(tool));
  }

  /** The tool error result of a denial. */
  static McpSchema.CallToolResult denial(Decision d) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("effect", d.effect().name());
    meta.put("reason", d.reason().name());
    meta.put("policyVersion", d.policyVersion());
    d.refusingPrincipal().ifPresent(p -> meta.put("refusedBy", p));
    return error("Denied by Toolgate: " + d, meta);
  }

  private static McpSchema.CallToolResult error(String text, Map<String, Object> meta) {
    McpSchema.CallToolResult.Builder b =
        McpSchema.CallToolResult.builder().isError(true).addTextContent(text);
    if (!meta.isEmpty()) {
      b.meta(Map.of(META_KEY, meta));
    }
    return b.build();
  }

  /** Configures an {@link McpGuard}. */
  public static final class Builder {
    private final ToolGuard guard;
    private final String server;
    private CallerIdentity identity;

    private Builder(ToolGuard guard, String server) {
      this.guard = Objects.requireNonNull(guard, "guard");
      ToolId.of(server, "probe"); // validates the server part
      this.server = server;
    }

    /**
     * How each request's caller is found (required): {@link CallerIdentity#fixed} for stdio, {@link
     * CallerIdentity#fromTransportContext()} behind {@link
     * io.toolgate.mcp.oauth.BearerTokenFilter}.
     *
     * @throws IllegalStateException if already set
     */
    public Builder identity(CallerIdentity value) {
      if (identity != null) {
        throw new IllegalStateException("identity was already set");
      }
      this.identity = Objects.requireNonNull(value, "identity");
      return this;
    }

    /**
     * Builds the guard.
     *
     * @throws IllegalStateException if no identity was set
     */
    public McpGuard build() {
      if (identity == null) {
        throw new IllegalStateException("an McpGuard needs an identity: who is calling?");
      }
      return new McpGuard(this);
    }
  }
}
