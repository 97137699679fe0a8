package io.toolgate.examples;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.examples.mcp.BearerTokens;
import io.toolgate.examples.mcp.HttpMcpServer;
import io.toolgate.examples.mcp.WorkspaceServer;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.McpToolDefinitions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo's MCP part: the guarded workspace server over Streamable HTTP on a loopback port, two
 * users' real MCP clients, a few allowed and denied calls.
 */
final class McpRoundTrip {
  private final PrintStream out;

  McpRoundTrip(PrintStream out) {
    this.out = out;
  }

  void run() throws Exception {
    Path sandbox = Files.createTempDirectory("toolgate-demo-sandbox");
    try {
      WorkspaceServer.seed(sandbox);
      DecisionEngine engine = DecisionEngine.builder(WorkspaceServer.policy()).build();
      BearerTokens tokens =
          BearerTokens.of(
              Map.of(
                  "alice-token", DelegationChain.onBehalfOf("alice", WorkspaceServer.AGENT),
                  "bob-token", DelegationChain.onBehalfOf("bob", WorkspaceServer.AGENT)));
      try (HttpMcpServer server =
          HttpMcpServer.start(new WorkspaceServer(sandbox, false), engine, tokens, 0)) {
        out.println(
            "MCP round trip: the guarded '"
                + WorkspaceServer.NAME
                + "' server over Streamable HTTP at "
                + server.baseUri()
                + HttpMcpServer.ENDPOINT
                + ", one bearer token per user");
        try (McpSyncClient alice = client(server, "alice-token");
            McpSyncClient bob = client(server, "bob-token")) {
          list("alice", alice);
          list("bob", bob);
          call("alice", alice, "read_file", Map.of("path", "notes.txt"));
          call("bob", bob, "read_file", Map.of("path", "notes.txt"));
          call("bob", bob, "read_file", Map.of("path", "public/readme.txt"));
          call("alice", alice, "delete_file", Map.of("path", "protected/keep.txt"));
          out.printf(
              "mcp   %-6s protected/keep.txt still exists: %s%n",
              "", Files.exists(sandbox.resolve("protected/keep.txt")));
          call("bob", bob, "delete_file", Map.of("path", "notes.txt"));
          call("alice", alice, "read_file", Map.of("path", "../../etc/passwd"));
        }
      }
    } finally {
      deleteRecursively(sandbox);
    }
  }

  private static McpSyncClient client(HttpMcpServer server, String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(server.baseUri().toString())
            .endpoint(HttpMcpServer.ENDPOINT)
            .addHttpRequestCustomizer(
                (b, method, uri, body, context) -> b.header("Authorization", "Bearer " + token))
            .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
    return client;
  }

  private void list(String user, McpSyncClient client) {
    out.printf(
        "mcp   %-6s tools/list -> %s%n",
        user,
        McpToolDefinitions.listAll(client).stream()
            .map(McpSchema.Tool::name)
            .sorted()
            .collect(Collectors.joining(", ")));
  }

  @SuppressWarnings("unchecked")
  private void call(String user, McpSyncClient client, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult r =
        client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    String text =
        r.content().stream()
            .filter(c -> c instanceof McpSchema.TextContent)
            .map(c -> ((McpSchema.TextContent) c).text().strip())
            .collect(Collectors.joining(" "));
    String outcome;
    if (Boolean.TRUE.equals(r.isError())
        && r.meta() != null
        && r.meta().get(McpGuard.META_KEY) instanceof Map<?, ?> d) {
      Map<String, Object> decision = (Map<String, Object>) d;
      outcome =
          "denied "
              + decision.get("reason")
              + (decision.containsKey("refusedBy")
                  ? " (refused by " + decision.get("refusedBy") + ")"
                  : "");
    } else {
      outcome = (Boolean.TRUE.equals(r.isError()) ? "error: " : "allowed: ") + text;
    }
    out.printf("mcp   %-6s %s %s -> %s%n", user, tool, args.get("path"), outcome);
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
