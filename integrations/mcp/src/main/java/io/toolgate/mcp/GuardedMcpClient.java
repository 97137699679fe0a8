package io.toolgate.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DelegationChain;
import io.toolgate.ToolCall;
import io.toolgate.ToolDefinition;
import io.toolgate.ToolId;
import io.toolgate.guard.GuardResult;
import io.toolgate.guard.ToolGuard;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ToolGuard} around an {@link McpSyncClient}, for an agent calling a third-party MCP
 * server it does not control: each {@code callTool} is decided before the request leaves, and
 * {@code listTools} shows the agent only the tools it could use whose definitions are still the
 * ones approved. Thread-safe.
 *
 * <p><b>Pinning.</b> An approver reviews the server's tools once and pins their digests into the
 * policy ({@link McpToolDefinitions#approve}, then {@code Policy.Builder.pin}). From then on this
 * client presents, with every call, the digest of the tool's definition as the server last listed
 * it: if the server has changed a tool since (a new description that instructs the model, a wider
 * schema, other annotations), the call is denied with {@code TOOL_DEFINITION_CHANGED} and never
 * sent, and the tool is no longer listed, until the policy pins the new definition. A tool the
 * server does not list presents no definition and is denied if pinned. Annotations never grant
 * anything: they are part of what is pinned, nothing more.
 *
 * <p>The arguments are the map the caller built, so no JSON is read here; build the client's
 * transport with {@link McpJson#mapper()} so the server's replies are read strictly as well.
 */
public final class GuardedMcpClient implements AutoCloseable {
  private final McpSyncClient client;
  private final String server;
  private final ToolGuard guard;
  private final DelegationChain chain;
  private final Map<String, McpSchema.Tool> listed;

  private GuardedMcpClient(
      McpSyncClient client,
      String server,
      ToolGuard guard,
      DelegationChain chain,
      Map<String, McpSchema.Tool> listed) {
    this.client = client;
    this.server = server;
    this.guard = guard;
    this.chain = chain;
    this.listed = listed;
  }

  /**
   * Guards {@code client}, an initialized client of the server whose tools have ids {@code
   * server/name}, for calls made through {@code chain}.
   */
  public static GuardedMcpClient of(
      McpSyncClient client, String server, ToolGuard guard, DelegationChain chain) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(chain, "chain");
    ToolId.of(server, "probe"); // validates the server part
    return new GuardedMcpClient(client, server, guard, chain, new ConcurrentHashMap<>());
  }

  /** The same client for another caller (an agent serving many users): one chain per request. */
  public GuardedMcpClient forChain(DelegationChain other) {
    return new GuardedMcpClient(
        client, server, guard, Objects.requireNonNull(other, "chain"), listed);
  }

  /**
   * Lists the server's tools (every page), remembers their definitions for later calls, and returns
   * those the chain could call whose definitions match the policy's pins. Visibility is not
   * permission: every call is still decided in full.
   */
  public List<McpSchema.Tool> listTools() {
    List<McpSchema.Tool> all = McpToolDefinitions.listAll(client);
    all.forEach(t -> listed.put(t.name(), t));
    return all.stream()
        .filter(t -> guard.isVisible(chain, ToolId.of(server, t.name()), McpToolDefinitions.of(t)))
        .toList();
  }

  /**
   * Decides the call and sends it only if allowed.
   *
   * @return the server's result, or a tool error result carrying the denial (reason under {@code
   *     _meta} key {@link McpGuard#META_KEY}) when the call was not sent
   */
  public McpSchema.CallToolResult callTool(McpSchema.CallToolRequest request) {
    Objects.requireNonNull(request, "request");
    if (!listed.containsKey(request.name())) {
      listTools(); // learn the definition the server advertises now
    }
    McpSchema.Tool tool = listed.get(request.name());
    ToolCall call;
    try {
      ToolCall.Builder b =
          ToolCall.builder(chain, ToolId.of(server, request.name()))
              .arguments(request.arguments() == null ? Map.of() : request.arguments());
      if (tool != null) {
        ToolDefinition definition = McpToolDefinitions.of(tool);
        b.definition(definition);
      }
      call = b.build();
    } catch (RuntimeException e) {
      return McpSchema.CallToolResult.builder()
          .isError(true)
          .addTextContent("Denied by Toolgate: malformed call: " + e.getMessage())
          .build();
    }
    GuardResult<McpSchema.CallToolResult> r = guard.call(call, allowed -> client.callTool(request));
    if (r instanceof GuardResult.Allowed<McpSchema.CallToolResult> allowed) {
      return allowed.value();
    }
    return McpGuard.denial(r.decision());
  }

  /** The client underneath, for everything that is not a tool call. */
  public McpSyncClient delegate() {
    return client;
  }

  /** Closes the client underneath. */
  @Override
  public void close() {
    client.close();
  }
}
