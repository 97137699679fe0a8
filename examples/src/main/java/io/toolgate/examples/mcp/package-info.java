/**
 * Toolgate in front of the MCP Java SDK.
 *
 * <ul>
 *   <li>{@link io.toolgate.examples.mcp.McpGuard}: wraps a server's tool call handlers with a
 *       {@link io.toolgate.guard.ToolGuard} and filters {@code tools/list} per caller.
 *   <li>{@link io.toolgate.examples.mcp.CallerIdentity} and {@link
 *       io.toolgate.examples.mcp.BearerTokens}: who calls, fixed at launch (stdio) or per request
 *       from a bearer token (Streamable HTTP).
 *   <li>{@link io.toolgate.examples.mcp.WorkspaceServer}, {@link
 *       io.toolgate.examples.mcp.HttpMcpServer}, {@link io.toolgate.examples.mcp.McpServerCommand}:
 *       a realistic guarded server (sandboxed files, an issue tracker) over stdio or embedded
 *       Jetty.
 *   <li>{@link io.toolgate.examples.mcp.GuardedMcpClient}: the client side, for third-party
 *       servers; {@link io.toolgate.examples.mcp.McpToolDefinitions}: definitions and pins.
 * </ul>
 */
package io.toolgate.examples.mcp;
