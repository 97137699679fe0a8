package io.toolgate.examples.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DecisionEngine;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.McpJson;
import io.toolgate.mcp.McpToolDefinitions;
import io.toolgate.mcp.oauth.AccessTokenConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Real MCP clients for the integration tests, and helpers to read their results. */
final class McpClients {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The tests' authorization server: one key pair for the whole run, never changed. */
  static final DemoIssuer ISSUER = DemoIssuer.generate("https://auth.test.example");

  private McpClients() {}

  /**
   * The workspace server over HTTP on a free loopback port, accepting {@link #ISSUER}'s tokens for
   * its own URL, accepting connections.
   */
  static HttpMcpServer oauthServer(WorkspaceServer workspace, DecisionEngine engine)
      throws Exception {
    HttpMcpServer server =
        HttpMcpServer.start(
            workspace,
            engine,
            self ->
                AccessTokenConfig.builder(ISSUER.issuer(), self.toString())
                    .jwkSet(ISSUER.publicKeys())
                    .build(),
            0);
    awaitPort(server.port());
    return server;
  }

  /** An access token for {@code server}: {@code user} through the workspace's agent. */
  static String token(HttpMcpServer server, String user) {
    return ISSUER.token(
        server.baseUri() + HttpMcpServer.ENDPOINT,
        Instant.now(),
        user,
        List.of(WorkspaceServer.AGENT),
        null);
  }

  /** A client over Streamable HTTP presenting {@code token}, initialized. */
  static McpSyncClient http(HttpMcpServer server, String token) {
    return http(server, token, UnaryOperator.identity());
  }

  /**
   * A client over Streamable HTTP presenting {@code token}, initialized, whose POST bodies pass
   * through {@code rewrite} on their way out (to send what a well-behaved client never would).
   */
  static McpSyncClient http(HttpMcpServer server, String token, UnaryOperator<String> rewrite) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(server.baseUri().toString())
            .endpoint(HttpMcpServer.ENDPOINT)
            .jsonMapper(McpJson.mapper())
            .addHttpRequestCustomizer(
                (builder, method, uri, body, context) -> {
                  builder.header("Authorization", "Bearer " + token);
                  if (body != null && !rewrite.apply(body).equals(body)) {
                    builder.POST(HttpRequest.BodyPublishers.ofString(rewrite.apply(body)));
                  }
                })
            .build();
    McpSyncClient client =
        McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
    client.initialize();
    return client;
  }

  /**
   * A client of the server launched as a child JVM ({@code java -cp <this class path> Main
   * mcp-server ...}) speaking MCP over its stdin and stdout, initialized.
   */
  static McpSyncClient stdio(List<String> serverArgs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.toolgate.examples.Main",
                "mcp-server"));
    args.addAll(serverArgs);
    ServerParameters params =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args(args)
            .build();
    StdioClientTransport transport = new StdioClientTransport(params, McpJson.mapper());
    McpSyncClient client =
        McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
    client.initialize();
    return client;
  }

  /**
   * Waits until something accepts TCP connections on {@code 127.0.0.1:port}: a bounded number of
   * connect attempts, each with a short timeout, and no fixed sleep.
   */
  static void awaitPort(int port) {
    IOException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        last = e;
      }
    }
    throw new AssertionError("nothing listens on port " + port, last);
  }

  static List<String> toolNames(McpSyncClient client) {
    return McpToolDefinitions.listAll(client).stream().map(McpSchema.Tool::name).toList();
  }

  static McpSchema.CallToolResult call(
      McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
  }

  static String text(McpSchema.CallToolResult result) {
    return result.content().stream()
        .filter(c -> c instanceof McpSchema.TextContent)
        .map(c -> ((McpSchema.TextContent) c).text())
        .reduce("", String::concat);
  }

  /** The Toolgate reason of a denial result, from its {@code _meta}. */
  @SuppressWarnings("unchecked")
  static String reason(McpSchema.CallToolResult result) {
    assertThat(result.isError()).as("an error result: %s", text(result)).isTrue();
    Map<String, Object> decision = (Map<String, Object>) result.meta().get(McpGuard.META_KEY);
    return (String) decision.get("reason");
  }
}
