package io.toolgate.examples.mcp;

import static io.toolgate.examples.mcp.McpClients.call;
import static io.toolgate.examples.mcp.McpClients.reason;
import static io.toolgate.examples.mcp.McpClients.text;
import static io.toolgate.examples.mcp.McpClients.toolNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace server in a child JVM over stdio, its caller fixed by its launch configuration,
 * driven by the real MCP Java SDK client.
 */
class StdioMcpServerTest {
  @TempDir Path sandbox;

  McpSyncClient launch(String user, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--sandbox", sandbox.toString(), "--seed", "--user", user));
    args.addAll(List.of(extra));
    return McpClients.stdio(args);
  }

  @Test
  void stdioServer_allowsDeniesAndListsPerLaunchedUser() {
    try (McpSyncClient alice = launch("alice")) {
      assertThat(toolNames(alice)).hasSize(6);
      var read = call(alice, "read_file", Map.of("path", "notes.txt"));
      assertThat(read.isError()).isFalse();
      assertThat(text(read)).isEqualTo("buy milk\n");
      var delete = call(alice, "delete_file", Map.of("path", "protected/keep.txt"));
      assertThat(reason(delete)).isEqualTo("EXPLICIT_DENY");
      assertThat(sandbox.resolve("protected/keep.txt")).exists();
      assertThat(text(call(alice, "delete_file", Map.of("path", "scratch.txt"))))
          .isEqualTo("deleted scratch.txt");
      assertThat(sandbox.resolve("scratch.txt")).doesNotExist();
    }
    try (McpSyncClient bob = launch("bob")) {
      assertThat(toolNames(bob))
          .containsExactlyInAnyOrder("read_file", "list_issues", "create_issue");
      assertThat(reason(call(bob, "delete_file", Map.of("path", "notes.txt"))))
          .isEqualTo("NOT_PERMITTED");
      assertThat(sandbox.resolve("notes.txt")).exists();
    }
  }

  @Test
  void stdioServer_changedToolDefinition_isRefusedAndHidden() {
    try (McpSyncClient alice = launch("alice", "--rug-pull")) {
      assertThat(toolNames(alice)).doesNotContain("read_file").contains("write_file");
      var r = call(alice, "read_file", Map.of("path", "notes.txt"));
      assertThat(reason(r)).isEqualTo("TOOL_DEFINITION_CHANGED");
      assertThat(text(r)).doesNotContain("buy milk");
      // Unchanged tools still work.
      assertThat(call(alice, "list_issues", Map.of("project", "web")).isError()).isFalse();
    }
  }
}
