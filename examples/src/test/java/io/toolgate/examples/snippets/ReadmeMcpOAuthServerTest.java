package io.toolgate.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.examples.mcp.DemoIssuer;
import io.toolgate.guard.ToolGuard;
import io.toolgate.mcp.McpGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "An MCP server with OAuth" ({@link ReadmeMcpOAuthServer}), run in Jetty on loopback. */
class ReadmeMcpOAuthServerTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  static McpSyncClient client(URI base, String token) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base.toString())
        .endpoint("/mcp")
        .addHttpRequestCustomizer((b, method, uri, body, context) -> b.header("Authorization", "Bearer " + token))
        .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT).build();
    client.initialize();
    return client;
  }

  @Test
  void readmeOAuthServer_servesTokensChains_refusesNoToken() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("a.txt"), "hello");
    DemoIssuer issuer = DemoIssuer.generate("https://auth.example.com");
    Path jwks = issuer.writePublicKeys(dir.resolve("jwks.json"));
    Policy policy = Policy.builder()
        .principal(Principal.user("alice").build())
        .principal(Principal.user("bob").build())
        .principal(Principal.agent("assistant").build())
        .allow("alice", "files/*")
        .allow("assistant", List.of("files/read_file"), List.of("file:///docs/**"))
        .build();
    ToolGuard guard = ToolGuard.builder(DecisionEngine.builder(policy).build())
        .resource("files/read_file", "file:///docs/{+path}").build();
    McpSchema.Tool readFile = McpSchema.Tool.builder("read_file",
        Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")))).build();

    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    connector.open();
    URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    URI resource = base.resolve("/mcp");
    ReadmeMcpOAuthServer.Result r =
        ReadmeMcpOAuthServer.run(guard, issuer.issuer(), resource, jwks, docs, readFile);
    jetty.setHandler(r.context());
    try {
      jetty.start();
      List<String> agent = List.of("assistant");
      try (McpSyncClient alice = client(base, issuer.token(resource.toString(), Instant.now(), "alice", agent, null));
          McpSyncClient bob = client(base, issuer.token(resource.toString(), Instant.now(), "bob", agent, null))) {
        McpSchema.CallToolResult read = alice.callTool(
            McpSchema.CallToolRequest.builder("read_file").arguments(Map.of("path", "a.txt")).build());
        assertThat(read.isError()).isFalse();
        assertThat(((McpSchema.TextContent) read.content().get(0)).text()).isEqualTo("hello");
        McpSchema.CallToolResult denied = bob.callTool(
            McpSchema.CallToolRequest.builder("read_file").arguments(Map.of("path", "a.txt")).build());
        assertThat(denied.isError()).isTrue();
        assertThat(denied.meta().get(McpGuard.META_KEY).toString()).contains("NOT_PERMITTED");
        assertThat(bob.listTools().tools()).isEmpty();
      }
      HttpResponse<String> none = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(resource).timeout(TIMEOUT).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue(
          "Bearer resource_metadata=\"" + base + "/.well-known/oauth-protected-resource/mcp\"");
      HttpResponse<String> metadata = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("/.well-known/oauth-protected-resource/mcp")).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(metadata.body()).contains("\"resource\":\"" + resource + "\"");
    } finally {
      r.server().close();
      jetty.stop();
    }
  }
}
