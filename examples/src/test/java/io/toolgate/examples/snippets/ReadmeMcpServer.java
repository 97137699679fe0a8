package io.toolgate.examples.snippets;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.guard.ToolGuard;
import io.toolgate.mcp.CallerIdentity;
import io.toolgate.mcp.McpGuard;
import java.nio.file.Files;
import java.util.List;

/**
 * README "Guarding an MCP server in 20 lines", as shown there, with the names the README's prose
 * defines ({@code docs}, {@code transport}, {@code readFile}, {@code deleteFile}, {@code text},
 * {@code path}); {@link ReadmeMcpServerTest} runs it.
 */
final class ReadmeMcpServer {
  private ReadmeMcpServer() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(McpSyncServer server, List<SyncToolSpecification> tools, McpGuard mcp) {}

  static McpSchema.CallToolResult text(String s) {
    return McpSchema.CallToolResult.builder().addTextContent(s).isError(false).build();
  }

  /** The sandbox-relative path of an allowed call's resource. */
  static String path(io.toolgate.Request call) {
    return call.resource().value().substring("file:///docs/".length());
  }

  static Result run(java.nio.file.Path docs, io.modelcontextprotocol.spec.McpServerTransportProvider transport,
      McpSchema.Tool readFile, McpSchema.Tool deleteFile) {
    // snippet:mcp-server begin
    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.agent("assistant").build())
        .allow("alice", "files/*")
        .allow("assistant", List.of("files/read_file"), List.of("file:///docs/**"))
        .build();
    ToolGuard guard = ToolGuard.builder(DecisionEngine.builder(policy).build())
        .resource("files/read_file", "file:///docs/{+path}")     // "../" cannot climb out: denied
        .resource("files/delete_file", "file:///docs/{+path}")
        .build();
    McpGuard mcp = McpGuard.builder(guard, "files")                // stdio: the caller is set at launch
        .identity(CallerIdentity.fixed(DelegationChain.onBehalfOf("alice", "assistant")))
        .build();
    List<SyncToolSpecification> tools = List.of(
        mcp.guard(readFile, call -> text(Files.readString(docs.resolve(path(call))))),
        mcp.guard(deleteFile, call -> {
          Files.delete(docs.resolve(path(call)));
          return text("deleted");
        }));
    McpSyncServer server = McpServer.sync(transport)
        .serverInfo("files", "1.0.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tools)
        .addToolFilter(mcp.listFilter())                           // tools/list: only usable tools
        .build();
    // snippet:mcp-server end
    return new Result(server, tools, mcp);
  }
}
