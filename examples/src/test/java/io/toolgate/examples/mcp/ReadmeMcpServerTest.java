package io.toolgate.examples.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ToolGuard;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Guarding an MCP server in 20 lines", compiled and checked. */
class ReadmeMcpServerTest {
  @TempDir
  Path docs;

  static final Map<String, Object> PATH_SCHEMA =
      Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")));
  static final McpSchema.Tool READ_FILE =
      McpSchema.Tool.builder("read_file", PATH_SCHEMA).description("Reads a file.").build();
  static final McpSchema.Tool DELETE_FILE =
      McpSchema.Tool.builder("delete_file", PATH_SCHEMA).description("Deletes a file.").build();

  static McpSchema.CallToolResult text(String s) {
    return McpSchema.CallToolResult.builder().addTextContent(s).isError(false).build();
  }

  /** The sandbox-relative path of an allowed call's resource. */
  static String path(Request call) {
    return call.resource().value().substring("file:///docs/".length());
  }

  @Test
  void readme_showsExactlyTheCodeThisTestCompiles() throws Exception {
    String test = Files.readString(Path.of("src/test/java/io/toolgate/examples/mcp/ReadmeMcpServerTest.java"));
    String code = test.substring(test.lastIndexOf("// --- README mcp: begin ---\n") + 29,
        test.lastIndexOf("    // --- README mcp: end ---"));
    String unindented = code.lines().map(l -> l.length() >= 4 ? l.substring(4) : l)
        .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    assertThat(Files.readString(Path.of("../README.md"))).contains("```java\n" + unindented + "```");
  }

  @Test
  void readmeMcpServer_guardsCallsAndFiltersTheList() throws Exception {
    Files.writeString(docs.resolve("a.txt"), "hello");
    McpServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
        new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream());

    McpSchema.Tool readFile = READ_FILE;
    McpSchema.Tool deleteFile = DELETE_FILE;
    // --- README mcp: begin ---
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
    // --- README mcp: end ---

    try {
      var read = tools.get(0).callHandler().apply(null, McpSchema.CallToolRequest.builder("read_file").arguments(Map.of("path", "a.txt")).build());
      assertThat(read.isError()).isFalse();
      assertThat(((McpSchema.TextContent) read.content().get(0)).text()).isEqualTo("hello");
      var delete = tools.get(1).callHandler().apply(null, McpSchema.CallToolRequest.builder("delete_file").arguments(Map.of("path", "a.txt")).build());
      assertThat(delete.isError()).isTrue();
      assertThat(docs.resolve("a.txt")).exists();
      var escape = tools.get(0).callHandler().apply(null, McpSchema.CallToolRequest.builder("read_file").arguments(Map.of("path", "../x")).build());
      assertThat(((McpSchema.TextContent) escape.content().get(0)).text()).contains("RESOURCE_UNRESOLVED");
      assertThat(mcp.listFilter().isVisible(McpTransportContext.EMPTY, READ_FILE)).isTrue();
      assertThat(mcp.listFilter().isVisible(McpTransportContext.EMPTY, DELETE_FILE)).isFalse();
    } finally {
      server.close();
    }
  }
}
