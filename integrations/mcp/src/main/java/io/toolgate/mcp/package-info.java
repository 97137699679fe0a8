/**
 * Toolgate in front of the MCP Java SDK.
 *
 * <ul>
 *   <li>{@link io.toolgate.mcp.McpGuard}: wraps a server's tool call handlers with a {@link
 *       io.toolgate.guard.ToolGuard} and filters {@code tools/list} per caller.
 *   <li>{@link io.toolgate.mcp.CallerIdentity}: who calls, fixed at launch (stdio) or per request
 *       (Streamable HTTP), carried in the SDK's transport context.
 *   <li>{@link io.toolgate.mcp.JsonRpcBodyFilter} and {@link io.toolgate.mcp.McpJson}: a request
 *       body read strictly (a repeated key refused at any depth) before the SDK sees it, and
 *       JSON-RPC errors written as JSON-RPC.
 *   <li>{@link io.toolgate.mcp.GuardedMcpClient}: the client side, for third-party servers; {@link
 *       io.toolgate.mcp.McpToolDefinitions}: definitions and pins.
 * </ul>
 */
package io.toolgate.mcp;
