package io.toolgate.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Guarding an MCP server in 20 lines" ({@link ReadmeMcpServer}), run. */
class ReadmeMcpServerTest {
  @TempDir
  Path docs;

  static final Map<String, Object> PATH_SCHEMA =
      Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")));
  static final McpSchema.Tool READ_FILE =
      McpSchema.Tool.builder("read_file", PATH_SCHEMA).description("Reads a file.").build();
  static final McpSchema.Tool DELETE_FILE =
      McpSchema.Tool.builder("delete_file", PATH_SCHEMA).description("Deletes a file.").build();

  static McpSchema.CallToolResult call(ReadmeMcpServer.Result served, int tool, String name, String path) {
    return served.tools().get(tool).callHandler().apply(null,
        McpSchema.CallToolRequest.builder(name).arguments(Map.of("path", path)).build());
  }

  @Test
  void readmeMcpServer_guardsCallsAndFiltersTheList() throws Exception {
    Files.writeString(docs.resolve("a.txt"), "hello");
    var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
        new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream());
    ReadmeMcpServer.Result served = ReadmeMcpServer.run(docs, transport, READ_FILE, DELETE_FILE);
    try {
      var read = call(served, 0, "read_file", "a.txt");
      assertThat(read.isError()).isFalse();
      assertThat(((McpSchema.TextContent) read.content().get(0)).text()).isEqualTo("hello");
      var delete = call(served, 1, "delete_file", "a.txt");
      assertThat(delete.isError()).isTrue();
      assertThat(docs.resolve("a.txt")).exists();
      var escape = call(served, 0, "read_file", "../x");     // "../" cannot climb out: denied
      assertThat(escape.isError()).isTrue();
      assertThat(((McpSchema.TextContent) escape.content().get(0)).text()).contains("RESOURCE_UNRESOLVED");
      assertThat(served.mcp().listFilter().isVisible(McpTransportContext.EMPTY, READ_FILE)).isTrue();
      assertThat(served.mcp().listFilter().isVisible(McpTransportContext.EMPTY, DELETE_FILE)).isFalse();
    } finally {
      served.server().close();
    }
  }
}
