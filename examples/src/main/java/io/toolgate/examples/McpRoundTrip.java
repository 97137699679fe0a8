package io.toolgate.examples;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DecisionEngine;
import io.toolgate.examples.mcp.DemoIssuer;
import io.toolgate.examples.mcp.HttpMcpServer;
import io.toolgate.examples.mcp.WorkspaceServer;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.McpToolDefinitions;
import io.toolgate.mcp.oauth.AccessTokenConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo's MCP part: the guarded workspace server over Streamable HTTP on a loopback port as an
 * OAuth 2.1 resource server, a stand-in authorization server ({@link DemoIssuer}: a key pair
 * generated now, its public JWK set written to a file the server reads) signing one access token
 * per user ({@code sub} the user, {@code act} the assistant agent), two users' real MCP clients, a
 * few allowed and denied calls, and a request without a token refused with 401.
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
      DemoIssuer issuer = DemoIssuer.generate("https://auth.demo.example");
      Path jwks = issuer.writePublicKeys(sandbox.resolveSibling(sandbox.getFileName() + ".jwks"));
      try (HttpMcpServer server =
          HttpMcpServer.start(
              new WorkspaceServer(sandbox, false),
              engine,
              self ->
                  AccessTokenConfig.builder(issuer.issuer(), self.toString())
                      .jwkSetFile(jwks)
                      .build(),
              0)) {
        String audience = server.baseUri() + HttpMcpServer.ENDPOINT;
        out.println(
            "MCP round trip: the guarded '"
                + WorkspaceServer.NAME
                + "' server over Streamable HTTP at "
                + audience
                + ", OAuth 2.1 access tokens (ES256 JWTs, sub -> act) from "
                + issuer.issuer());
        List<String> agent = List.of(WorkspaceServer.AGENT);
        String aliceToken = issuer.token(audience, Instant.now(), "alice", agent, null);
        String bobToken = issuer.token(audience, Instant.now(), "bob", agent, null);
        out.printf("mcp   %-6s no token -> HTTP %d%n", "eve", postWithoutToken(audience));
        try (McpSyncClient alice = client(server, aliceToken);
            McpSyncClient bob = client(server, bobToken)) {
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
      Files.deleteIfExists(sandbox.resolveSibling(sandbox.getFileName() + ".jwks"));
    }
  }

  /** The status of an {@code initialize} request sent without a token. */
  private static int postWithoutToken(String endpoint) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
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
