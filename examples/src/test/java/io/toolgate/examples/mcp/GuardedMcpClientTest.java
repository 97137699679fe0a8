package io.toolgate.examples.mcp;

import static io.toolgate.examples.mcp.McpClients.reason;
import static io.toolgate.examples.mcp.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ToolId;
import io.toolgate.mcp.GuardedMcpClient;
import io.toolgate.mcp.McpToolDefinitions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client-side guard in front of real MCP servers the agent does not control: calls are decided
 * before they leave, listings are filtered, and definitions pinned at approval hold.
 */
class GuardedMcpClientTest {
  static final DelegationChain ALICE = DelegationChain.onBehalfOf("alice", WorkspaceServer.AGENT);

  @TempDir Path sandbox;

  /** The agent platform's own policy: the assistant may only read files and list issues. */
  static Policy clientPolicy(Map<ToolId, String> approved) {
    Policy.Builder b =
        Policy.builder()
            .principal(Principal.user("alice").build())
            .principal(Principal.agent(WorkspaceServer.AGENT).owner("alice").build())
            .allow("alice", WorkspaceServer.NAME + "/*")
            .allow(
                WorkspaceServer.AGENT,
                WorkspaceServer.NAME + "/read_file",
                WorkspaceServer.NAME + "/list_issues");
    approved.forEach(b::pin);
    return b.build();
  }

  static HttpMcpServer server(Path sandbox, boolean rugPulled) throws Exception {
    // A server that trusts whatever it serves: the client cannot count on it to pin anything.
    DecisionEngine serverEngine = DecisionEngine.builder(WorkspaceServer.unpinnedPolicy()).build();
    return McpClients.oauthServer(new WorkspaceServer(sandbox, rugPulled), serverEngine);
  }

  @Test
  void guardedClient_checksCallsBeforeTheyLeaveAndFiltersTheList() throws Exception {
    WorkspaceServer.seed(sandbox);
    try (HttpMcpServer server = server(sandbox, false);
        McpSyncClient raw = McpClients.http(server, McpClients.token(server, "alice"))) {
      Map<ToolId, String> approved = McpToolDefinitions.approve(raw, WorkspaceServer.NAME);
      ToolGuardFixture f = new ToolGuardFixture(clientPolicy(approved));
      GuardedMcpClient client = GuardedMcpClient.of(raw, WorkspaceServer.NAME, f.guard, ALICE);

      assertThat(client.listTools())
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("read_file", "list_issues");
      var read =
          client.callTool(
              McpSchema.CallToolRequest.builder("read_file")
                  .arguments(Map.of("path", "notes.txt"))
                  .build());
      assertThat(text(read)).isEqualTo("buy milk\n");
      // The server would allow alice's assistant to delete scratch.txt; the agent's policy does
      // not,
      // so the request never leaves and the file is still there.
      var delete =
          client.callTool(
              McpSchema.CallToolRequest.builder("delete_file")
                  .arguments(Map.of("path", "scratch.txt"))
                  .build());
      assertThat(reason(delete)).isEqualTo("NOT_PERMITTED");
      assertThat(sandbox.resolve("scratch.txt")).exists();
      // Without the guard, the same call goes through: the check above was the client's.
      assertThat(
              raw.callTool(
                      McpSchema.CallToolRequest.builder("delete_file")
                          .arguments(Map.of("path", "scratch.txt"))
                          .build())
                  .isError())
          .isFalse();
      assertThat(sandbox.resolve("scratch.txt")).doesNotExist();
    }
  }

  @Test
  void guardedClient_serverChangedADefinitionSinceApproval_refusesAndHidesIt() throws Exception {
    WorkspaceServer.seed(sandbox);
    Map<ToolId, String> approved;
    try (HttpMcpServer original = server(sandbox, false);
        McpSyncClient raw = McpClients.http(original, McpClients.token(original, "alice"))) {
      approved = McpToolDefinitions.approve(raw, WorkspaceServer.NAME);
    }
    ToolGuardFixture f = new ToolGuardFixture(clientPolicy(approved));
    try (HttpMcpServer updated = server(sandbox, true);
        GuardedMcpClient client =
            GuardedMcpClient.of(
                McpClients.http(updated, McpClients.token(updated, "alice")),
                WorkspaceServer.NAME,
                f.guard,
                ALICE)) {
      assertThat(client.listTools())
          .extracting(McpSchema.Tool::name)
          .containsExactly("list_issues");
      var read =
          client.callTool(
              McpSchema.CallToolRequest.builder("read_file")
                  .arguments(Map.of("path", "notes.txt"))
                  .build());
      assertThat(reason(read)).isEqualTo("TOOL_DEFINITION_CHANGED");
      assertThat(text(read)).contains(approved.get(ToolId.of(WorkspaceServer.NAME, "read_file")));

      // Re-approval: pin what the server serves now, and the tool is back.
      f.engine.replacePolicy(
          clientPolicy(McpToolDefinitions.approve(client.delegate(), WorkspaceServer.NAME)));
      assertThat(client.listTools()).extracting(McpSchema.Tool::name).contains("read_file");
      assertThat(
              text(
                  client.callTool(
                      McpSchema.CallToolRequest.builder("read_file")
                          .arguments(Map.of("path", "notes.txt"))
                          .build())))
          .isEqualTo("buy milk\n");
    }
  }

  @Test
  void approve_digestsMatchWhatTheServerComputesFromItsOwnDefinitions() throws Exception {
    WorkspaceServer.seed(sandbox);
    try (HttpMcpServer server = server(sandbox, false);
        McpSyncClient raw = McpClients.http(server, McpClients.token(server, "alice"))) {
      Map<ToolId, String> seenByClient = McpToolDefinitions.approve(raw, WorkspaceServer.NAME);
      assertThat(seenByClient).isEqualTo(WorkspaceServer.policy().pins()).hasSize(6);
    }
  }

  /** An engine and a client-side guard with the workspace's resource rules. */
  static final class ToolGuardFixture {
    final DecisionEngine engine;
    final io.toolgate.guard.ToolGuard guard;

    ToolGuardFixture(Policy policy) {
      this.engine = DecisionEngine.builder(policy).build();
      this.guard = WorkspaceServer.guard(engine);
    }
  }

  @Test
  void forChain_otherUser_isDecidedForThatUser() throws Exception {
    WorkspaceServer.seed(sandbox);
    try (HttpMcpServer server = server(sandbox, false);
        McpSyncClient raw = McpClients.http(server, McpClients.token(server, "alice"))) {
      Policy policy =
          clientPolicy(Map.of()).toBuilder().principal(Principal.user("carol").build()).build();
      ToolGuardFixture f = new ToolGuardFixture(policy);
      GuardedMcpClient forAlice = GuardedMcpClient.of(raw, WorkspaceServer.NAME, f.guard, ALICE);
      GuardedMcpClient forCarol =
          forAlice.forChain(DelegationChain.onBehalfOf("carol", WorkspaceServer.AGENT));
      var args = Map.<String, Object>of("path", "notes.txt");
      assertThat(
              forAlice
                  .callTool(McpSchema.CallToolRequest.builder("read_file").arguments(args).build())
                  .isError())
          .isFalse();
      assertThat(
              reason(
                  forCarol.callTool(
                      McpSchema.CallToolRequest.builder("read_file").arguments(args).build())))
          .isEqualTo("NOT_PERMITTED");
      assertThat(forCarol.listTools()).isEmpty();
      assertThat(List.of(forAlice.listTools().size())).containsExactly(2);
    }
  }
}
