/**
 * A realistic MCP server guarded by {@code toolgate-mcp}: {@link
 * io.toolgate.examples.mcp.WorkspaceServer} (sandboxed files, an issue tracker), served over stdio
 * or embedded Jetty ({@link io.toolgate.examples.mcp.HttpMcpServer}, {@link
 * io.toolgate.examples.mcp.McpServerCommand}).
 */
package io.toolgate.examples.mcp;
