package io.toolgate.examples.mcp;

import static io.toolgate.examples.mcp.McpClients.call;
import static io.toolgate.examples.mcp.McpClients.reason;
import static io.toolgate.examples.mcp.McpClients.text;
import static io.toolgate.examples.mcp.McpClients.toolNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.DecisionEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Streamable HTTP server on a loopback port chosen at run time, many users: the real MCP Java
 * SDK server in embedded Jetty, driven by the real SDK client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpMcpServerTest {
  @TempDir static Path sandbox;

  HttpMcpServer server;
  String aliceToken;
  McpSyncClient alice;
  McpSyncClient bob;

  @BeforeAll
  void start() throws Exception {
    WorkspaceServer.seed(sandbox);
    DecisionEngine engine = DecisionEngine.builder(WorkspaceServer.policy()).build();
    server = McpClients.oauthServer(new WorkspaceServer(sandbox, false), engine);
    aliceToken = McpClients.token(server, "alice");
    alice = McpClients.http(server, aliceToken);
    bob = McpClients.http(server, McpClients.token(server, "bob"));
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {alice, bob, server}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void toolsList_differsPerUserOnOneServer() {
    assertThat(toolNames(alice))
        .containsExactlyInAnyOrder(
            "read_file", "write_file", "delete_file", "list_issues", "create_issue", "close_issue");
    assertThat(toolNames(bob))
        .containsExactlyInAnyOrder("read_file", "list_issues", "create_issue");
  }

  @Test
  void callTool_allowed_returnsContent() {
    var r = call(alice, "read_file", Map.of("path", "notes.txt"));
    assertThat(r.isError()).isFalse();
    assertThat(text(r)).isEqualTo("buy milk\n");
  }

  @Test
  void callTool_twoUsersSameCall_getDifferentAnswers() {
    var forAlice = call(alice, "read_file", Map.of("path", "notes.txt"));
    var forBob = call(bob, "read_file", Map.of("path", "notes.txt"));
    assertThat(forAlice.isError()).isFalse();
    assertThat(reason(forBob)).isEqualTo("NOT_PERMITTED");
    assertThat(text(forBob)).contains("at hop 0 (bob)");
    assertThat(text(call(bob, "read_file", Map.of("path", "public/readme.txt"))))
        .isEqualTo("hello from the public folder\n");
  }

  @Test
  void callTool_denied_returnsErrorResultAndTheFileStillExists() {
    var r = call(alice, "delete_file", Map.of("path", "protected/keep.txt"));
    assertThat(reason(r)).isEqualTo("EXPLICIT_DENY");
    assertThat(text(r)).startsWith("Denied by Toolgate: DENY EXPLICIT_DENY at hop 1 (assistant)");
    assertThat(sandbox.resolve("protected/keep.txt")).exists();
  }

  @Test
  void callTool_hiddenToolCalledDirectly_isStillDeniedAndNeverRuns() {
    // bob's tools/list does not show delete_file; calling it anyway must not run it.
    var r = call(bob, "delete_file", Map.of("path", "public/readme.txt"));
    assertThat(reason(r)).isEqualTo("NOT_PERMITTED");
    assertThat(sandbox.resolve("public/readme.txt")).exists();
  }

  @Test
  void callTool_pathEscapingTheSandbox_deniedResourceUnresolved() throws Exception {
    Path outside = sandbox.getParent().resolve("outside-" + sandbox.getFileName() + ".txt");
    Files.writeString(outside, "secret");
    try {
      var r = call(alice, "delete_file", Map.of("path", "../" + outside.getFileName()));
      assertThat(reason(r)).isEqualTo("RESOURCE_UNRESOLVED");
      assertThat(outside).exists();
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void callTool_allowedWrite_hasItsEffect() throws Exception {
    var r = call(alice, "write_file", Map.of("path", "drafts/plan.md", "content", "ship it"));
    assertThat(text(r)).isEqualTo("wrote drafts/plan.md");
    assertThat(Files.readString(sandbox.resolve("drafts/plan.md"))).isEqualTo("ship it");
  }

  @Test
  void issueTracker_bobMayOpenButNotCloseIssues() {
    assertThat(text(call(bob, "create_issue", Map.of("project", "web", "title", "broken link"))))
        .startsWith("opened #");
    var close = call(bob, "close_issue", Map.of("project", "web", "number", 1));
    assertThat(reason(close)).isEqualTo("NOT_PERMITTED");
    assertThat(text(call(alice, "list_issues", Map.of("project", "web"))))
        .contains("open")
        .contains("broken link");
  }

  @Test
  void callTool_repeatedArgumentKeyFromARealClient_refusedWithInvalidParamsAndNeverRuns() {
    // Decided on the last "path" (a draft), a tool keeping the first would overwrite the protected
    // file.
    try (McpSyncClient sneaky =
        McpClients.http(
            server,
            aliceToken,
            body ->
                body.replace(
                    "\"path\":\"drafts/dup.md\"",
                    "\"path\":\"protected/keep.txt\",\"path\":\"drafts/dup.md\""))) {
      assertThatThrownBy(
              () ->
                  call(
                      sneaky,
                      "write_file",
                      Map.of("path", "drafts/dup.md", "content", "overwritten")))
          .isInstanceOf(McpError.class)
          .satisfies(
              e ->
                  assertThat(((McpError) e).getJsonRpcError().code())
                      .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS))
          .hasMessageContaining("path");
      // The session survives the refusal.
      assertThat(text(call(sneaky, "read_file", Map.of("path", "notes.txt"))))
          .isEqualTo("buy milk\n");
    }
    assertThat(sandbox.resolve("drafts/dup.md")).doesNotExist();
  }

  @Test
  void callTool_allowedButFailing_returnsGenericTextWithoutServerPaths() {
    var r = call(alice, "read_file", Map.of("path", "drafts/no-such-file.txt"));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).isEqualTo("Tool read_file failed");
  }

  static final HttpClient RAW = HttpClient.newHttpClient();

  HttpResponse<String> post(String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(HttpMcpServer.ENDPOINT))
            .header("Authorization", "Bearer " + aliceToken)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return RAW.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A tools/call deleting notes.txt, with this Authorization header (none if null). */
  HttpResponse<String> postAs(String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(HttpMcpServer.ENDPOINT))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"delete_file\",\"arguments\":{\"path\":\"notes.txt\"}}}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return RAW.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void oauth_noTokenOrAForeignToken_is401NamingTheMetadata_andNothingRuns() throws Exception {
    String metadata = server.baseUri() + "/.well-known/oauth-protected-resource/mcp";
    HttpResponse<String> none = postAs(null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer resource_metadata=\"" + metadata + "\"");
    DemoIssuer stranger = DemoIssuer.generate(McpClients.ISSUER.issuer()); // same name, other key
    String audience = server.baseUri() + HttpMcpServer.ENDPOINT;
    for (String token :
        List.of(
            stranger.token(audience, Instant.now(), "alice", List.of(WorkspaceServer.AGENT), null),
            McpClients.ISSUER.token(
                "https://elsewhere.example/mcp",
                Instant.now(),
                "alice",
                List.of(WorkspaceServer.AGENT),
                null),
            McpClients.ISSUER.token(
                audience,
                Instant.now().minusSeconds(3600),
                "alice",
                List.of(WorkspaceServer.AGENT),
                null))) {
      HttpResponse<String> refused = postAs("Bearer " + token);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(
              h -> assertThat(h).contains("error=\"invalid_token\"").contains(metadata));
    }
    assertThat(sandbox.resolve("notes.txt")).exists();
    HttpResponse<String> doc =
        RAW.send(
            HttpRequest.newBuilder(URI.create(metadata)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(io.toolgate.document.StrictJson.readObject(doc.body()))
        .containsEntry("resource", audience)
        .containsEntry("authorization_servers", List.of(McpClients.ISSUER.issuer()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> error(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(response.body())
        .doesNotContain("stackTrace", "io.modelcontextprotocol", "Exception", sandbox.toString());
    Map<String, Object> reply = io.toolgate.document.StrictJson.readObject(response.body());
    assertThat(reply).containsEntry("jsonrpc", "2.0").containsKey("id");
    return (Map<String, Object>) reply.get("error");
  }

  @Test
  void post_malformedBody_parseErrorWithoutStackTrace() throws Exception {
    HttpResponse<String> r = post("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).containsEntry("code", -32700);
    HttpResponse<String> batch = post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]");
    assertThat(batch.statusCode()).isEqualTo(400);
    assertThat(error(batch)).containsEntry("code", -32600);
  }

  @Test
  void post_argumentsNotAnObject_invalidParamsWithTheRequestId() throws Exception {
    HttpResponse<String> r =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"read_file\",\"arguments\":\"notjson\"}}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(error(r)).containsEntry("code", -32602);
    assertThat(r.body()).contains("\"id\":7");
    HttpResponse<String> dup =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":\"d\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"write_file\",\"arguments\":{\"path\":\"a\",\"path\":\"b\"}}}");
    assertThat(error(dup)).containsEntry("code", -32602);
    assertThat(dup.body()).contains("\"id\":\"d\"");
  }

  @Test
  void post_errorsTheSdkAnswers_areJsonRpcErrorsWithoutStackTrace() throws Exception {
    // Valid JSON-RPC, but no session: the SDK refuses it itself.
    HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r)).containsKey("code");
    HttpResponse<String> unknown =
        post(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
            "Mcp-Session-Id",
            "no-such-session");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown)).containsKey("code");
  }

  @Test
  void request_withoutKnownToken_isRefusedBeforeMcp() {
    assertThatThrownBy(() -> McpClients.http(server, "mallory-guess"))
        .isInstanceOf(RuntimeException.class);
  }
}
