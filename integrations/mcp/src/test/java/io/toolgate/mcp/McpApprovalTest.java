package io.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.AccessEntry;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.audit.AuditLogListener;
import io.toolgate.guard.ToolGuard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approval through MCP elicitation, with the real SDK server (Streamable HTTP in Jetty on
 * 127.0.0.1) and real SDK clients: a client that accepts the elicitation runs the tool, one that
 * declines does not, one without the elicitation capability is never asked and is denied; the audit
 * log records who answered.
 */
class McpApprovalTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final Map<String, Object> NO_ARGS = Map.of("type", "object");
  static final Policy POLICY =
      Policy.builder()
          .version("mcp-approval")
          .principal(Principal.user("alice").build())
          .entry("alice", AccessEntry.allow("alice-pay", "bank/transfer").requiringApproval())
          .entry("alice", AccessEntry.allow("alice-read", "bank/balance"))
          .build();

  final List<String> auditLines = new CopyOnWriteArrayList<>();
  final List<McpSchema.ElicitFormRequest> elicited = new CopyOnWriteArrayList<>();
  final AtomicInteger transfers = new AtomicInteger();
  Server jetty;
  McpSyncServer mcp;
  String baseUri;

  @BeforeEach
  void start() throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    connector.open();
    baseUri = "http://127.0.0.1:" + connector.getLocalPort();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(McpJson.mapper())
            .mcpEndpoint("/mcp")
            .build();
    AuditLogListener audit = new AuditLogListener();
    ToolGuard guard =
        ToolGuard.builder(
                DecisionEngine.builder(POLICY)
                    .listener(event -> auditLines.add(audit.toJson(event)))
                    .build())
            .noResource("bank/transfer", "bank/balance")
            .approvalDeadline(TIMEOUT)
            .build();
    McpGuard mcpGuard =
        McpGuard.builder(guard, "bank")
            .identity(CallerIdentity.fixed(DelegationChain.of("alice")))
            .build();
    mcp =
        McpServer.sync(transport)
            .serverInfo("bank", "1.0.0")
            .requestTimeout(TIMEOUT)
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(
                mcpGuard.guard(
                    McpSchema.Tool.builder("transfer", NO_ARGS).description("Pays.").build(),
                    call -> text("transferred " + transfers.incrementAndGet())),
                mcpGuard.guard(
                    McpSchema.Tool.builder("balance", NO_ARGS).description("Reads.").build(),
                    call -> text("balance 100")))
            .build();
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/mcp");
    jetty.setHandler(context);
    jetty.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      mcp.closeGracefully();
    } finally {
      jetty.stop();
    }
  }

  static McpSchema.CallToolResult text(String s) {
    return McpSchema.CallToolResult.builder().addTextContent(s).isError(false).build();
  }

  /** An initialized client; with {@code answer}, it declares elicitation and answers with it. */
  McpSyncClient client(
      String name, Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> answer) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(baseUri)
            .endpoint("/mcp")
            .jsonMapper(McpJson.mapper())
            .build();
    McpClient.SyncSpec spec =
        McpClient.sync(transport)
            .clientInfo(new McpSchema.Implementation(name, "1.0"))
            .requestTimeout(TIMEOUT)
            .initializationTimeout(TIMEOUT);
    if (answer != null) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
          .elicitation(
              request -> {
                elicited.add(request);
                return answer.apply(request);
              });
    }
    McpSyncClient client = spec.build();
    client.initialize();
    return client;
  }

  static McpSchema.CallToolResult transfer(McpSyncClient client) {
    return client.callTool(new McpSchema.CallToolRequest("transfer", Map.of()));
  }

  static String textOf(McpSchema.CallToolResult r) {
    return ((McpSchema.TextContent) r.content().get(0)).text();
  }

  JsonNode lastAudit() {
    return JsonMapper.builder().build().readTree(auditLines.get(auditLines.size() - 1));
  }

  @Test
  void callTool_clientAcceptsTheElicitation_runsTheToolOnce() {
    try (McpSyncClient client =
        client(
            "desk",
            r -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of()))) {
      McpSchema.CallToolResult r = transfer(client);
      assertThat(r.isError()).isFalse();
      assertThat(textOf(r)).isEqualTo("transferred 1");
    }
    assertThat(transfers).hasValue(1);
    assertThat(elicited).hasSize(1);
    assertThat(elicited.get(0).message()).contains("bank/transfer", "alice", "alice-pay");
    JsonNode audit = lastAudit();
    assertThat(audit.get("reason").asString()).isEqualTo("PERMITTED");
    assertThat(audit.get("approval").get("outcome").asString()).isEqualTo("granted");
    assertThat(audit.get("approval").get("by").asString()).isEqualTo("alice via MCP client desk");
  }

  @Test
  void callTool_clientDeclinesTheElicitation_deniesWithoutRunning() {
    try (McpSyncClient client =
        client(
            "desk",
            r ->
                new McpSchema.ElicitResult(
                    McpSchema.ElicitResult.Action.DECLINE, Map.of("comment", "not now")))) {
      McpSchema.CallToolResult r = transfer(client);
      assertThat(r.isError()).isTrue();
      assertThat(textOf(r)).contains("APPROVAL_DENIED", "not now");
      assertThat(client.callTool(new McpSchema.CallToolRequest("balance", Map.of())).isError())
          .isFalse();
    }
    assertThat(transfers).hasValue(0);
    assertThat(elicited).hasSize(1); // the balance needs no approval: nobody is asked
    JsonNode audit =
        auditLines.stream()
            .map(l -> JsonMapper.builder().build().readTree(l))
            .filter(j -> j.has("approval"))
            .findFirst()
            .orElseThrow();
    assertThat(audit.get("approval").get("outcome").asString()).isEqualTo("refused");
    assertThat(audit.get("approval").get("why").asString()).isEqualTo("not now");
  }

  @Test
  void callTool_clientWithoutElicitation_isDeniedWithoutBeingAsked() {
    try (McpSyncClient client = client("cli", null)) {
      McpSchema.CallToolResult r = transfer(client);
      assertThat(r.isError()).isTrue();
      assertThat(textOf(r)).contains("APPROVAL_DENIED", "no elicitation capability");
    }
    assertThat(transfers).hasValue(0);
    assertThat(elicited).isEmpty();
    assertThat(lastAudit().get("reason").asString()).isEqualTo("APPROVAL_DENIED");
  }
}
