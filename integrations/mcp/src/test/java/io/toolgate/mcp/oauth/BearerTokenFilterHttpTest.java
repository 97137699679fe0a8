package io.toolgate.mcp.oauth;

import static io.toolgate.mcp.oauth.TestIssuer.act;
import static io.toolgate.mcp.oauth.TestIssuer.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.document.StrictJson;
import io.toolgate.mcp.McpGuard;
import io.toolgate.mcp.McpJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OAuth resource server end to end: the real MCP Java SDK client over Streamable HTTP on
 * loopback, tokens signed by keys generated here, one server for every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerTokenFilterHttpTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
  static final String CALL_DELETE =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"delete\"}}";

  final TestIssuer issuer = new TestIssuer("1");
  final TestIssuer impostor = new TestIssuer("1"); // the same key ids, other keys
  final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  OAuthTestServer server;

  @BeforeAll
  void start() throws Exception {
    server = new OAuthTestServer(issuer.publicKeys(), false);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  JWTClaimsSet.Builder claimsFor(String sub) {
    return claims(sub).audience(server.resource.toString());
  }

  /** A real SDK client presenting {@code token}, not yet initialized. */
  static McpSyncClient client(OAuthTestServer server, String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(server.baseUri())
            .endpoint("/mcp")
            .jsonMapper(McpJson.mapper())
            .addHttpRequestCustomizer(
                (builder, method, uri, body, context) ->
                    builder.header("Authorization", "Bearer " + token))
            .build();
    return McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
  }

  static List<String> toolNames(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
  }

  static McpSchema.CallToolResult call(McpSyncClient client, String tool) {
    return client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(Map.of()).build());
  }

  @SuppressWarnings("unchecked")
  static String reason(McpSchema.CallToolResult result) {
    assertThat(result.isError()).isTrue();
    return (String) ((Map<String, Object>) result.meta().get(McpGuard.META_KEY)).get("reason");
  }

  HttpResponse<String> post(String body, String... authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.resource)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (String a : authorization) {
      b.header("Authorization", a);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String metadataUrl() {
    return server.baseUri() + "/.well-known/oauth-protected-resource/mcp";
  }

  @Test
  void validChain_isAllowed_throughTheSdkClient() {
    String token =
        issuer.es256(
            claimsFor("alice").claim("act", act("assistant")).claim("scope", "notes/*").build());
    int before = server.reads.get();
    try (McpSyncClient alice = client(server, token)) {
      alice.initialize();
      assertThat(toolNames(alice)).containsExactly("delete", "read");
      McpSchema.CallToolResult r = call(alice, "read");
      assertThat(r.isError()).isFalse();
      assertThat(server.reads.get()).isEqualTo(before + 1);
    }
  }

  @Test
  void nestedActors_areDecidedHopByHop_andTheAuditLogRecordsTheWholeChain() {
    // alice -> assistant -> summarizer: the outermost act is the agent calling now.
    String token =
        issuer.es256(
            claimsFor("alice")
                .claim("act", Map.of("sub", "summarizer", "act", Map.of("sub", "assistant")))
                .build());
    try (McpSyncClient client = client(server, token)) {
      client.initialize();
      assertThat(toolNames(client)).containsExactly("read");
      int lines = server.auditLines.size();
      assertThat(call(client, "read").isError()).isFalse();
      assertThat(reason(call(client, "delete"))).isEqualTo("NOT_PERMITTED");
      List<String> audit = server.auditLines.subList(lines, server.auditLines.size());
      assertThat(audit).hasSize(2);
      for (String line : audit) {
        Map<String, Object> record = StrictJson.readObject(line);
        assertThat(record.get("chain")).isEqualTo(List.of("alice", "assistant", "summarizer"));
      }
      assertThat(StrictJson.readObject(audit.get(0)).get("effect")).isEqualTo("ALLOW");
      assertThat(StrictJson.readObject(audit.get(1)).get("effect")).isEqualTo("DENY");
    }
  }

  @Test
  void twoUsersWithOneAgent_getDifferentAnswers() {
    String alice = issuer.eddsa(claimsFor("alice").claim("act", act("assistant")).build());
    String bob = issuer.rs256(claimsFor("bob").claim("act", act("assistant")).build());
    int deletes = server.deletes.get();
    try (McpSyncClient a = client(server, alice);
        McpSyncClient b = client(server, bob)) {
      a.initialize();
      b.initialize();
      assertThat(toolNames(a)).containsExactly("delete", "read");
      assertThat(toolNames(b)).containsExactly("read");
      assertThat(call(a, "delete").isError()).isFalse();
      McpSchema.CallToolResult denied = call(b, "delete");
      assertThat(reason(denied)).isEqualTo("NOT_PERMITTED");
      assertThat(server.deletes.get()).isEqualTo(deletes + 1);
    }
  }

  @Test
  void actorUnknownToThePolicy_isAToolErrorWithTheReason_andNothingRuns() {
    String token = issuer.es256(claimsFor("alice").claim("act", act("mallory")).build());
    int reads = server.reads.get();
    try (McpSyncClient c = client(server, token)) {
      c.initialize();
      assertThat(toolNames(c)).isEmpty();
      McpSchema.CallToolResult r = call(c, "read");
      assertThat(reason(r)).isEqualTo("UNKNOWN_PRINCIPAL");
      assertThat(r.content().get(0)).isInstanceOf(McpSchema.TextContent.class);
      assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("mallory");
      assertThat(server.reads.get()).isEqualTo(reads);
    }
  }

  @Test
  void hopScope_narrowsTheAgent_andTheDeniedHopIsNamed() {
    String token =
        issuer.es256(
            claimsFor("alice").claim("act", act("assistant")).claim("scope", "notes/read").build());
    try (McpSyncClient c = client(server, token)) {
      c.initialize();
      assertThat(toolNames(c)).containsExactly("read");
      assertThat(reason(call(c, "delete"))).isEqualTo("OUTSIDE_DELEGATION");
    }
  }

  @Test
  void enterpriseManagedShape_directTokenWithScope_isBoundByItsScope() {
    // sub, aud, scope (an intersection computed by the authorization server), client_id; no act.
    String token =
        issuer.es256(
            claimsFor("alice").claim("scope", "notes/read").claim("client_id", "ide").build());
    int deletes = server.deletes.get();
    try (McpSyncClient c = client(server, token)) {
      c.initialize();
      assertThat(toolNames(c)).containsExactly("read");
      assertThat(call(c, "read").isError()).isFalse();
      assertThat(reason(call(c, "delete"))).isEqualTo("OUTSIDE_DELEGATION");
      assertThat(server.deletes.get()).isEqualTo(deletes);
    }
  }

  @Test
  void badTokens_are401InvalidToken_namingTheMetadata_andNoToolRuns() throws Exception {
    JWTClaimsSet good = claimsFor("alice").build();
    String[] parts = issuer.es256(good).split("\\.");
    Map<String, String> tokens =
        Map.of(
            "expired",
            issuer.es256(
                claimsFor("alice")
                    .expirationTime(Date.from(TestIssuer.NOW.minusSeconds(600)))
                    .build()),
            "wrong audience",
            issuer.es256(claims("alice").audience("http://127.0.0.1:1/mcp").build()),
            "wrong issuer",
            issuer.es256(claimsFor("alice").issuer("https://evil.example").build()),
            "unknown key id",
            issuer.sign(JWSAlgorithm.ES256, "ec-9", null, good),
            "alg none",
            new PlainJWT(good).serialize(),
            "tampered signature",
            parts[0] + "." + parts[1] + "." + impostor.es256(good).split("\\.")[2],
            "other key, same kid",
            impostor.rs256(good),
            "too deep",
            issuer.es256(claimsFor("alice").claim("act", act("a", "b", "c", "d", "e")).build()));
    int deletes = server.deletes.get();
    for (Map.Entry<String, String> e : tokens.entrySet()) {
      for (String body : List.of(INITIALIZE, CALL_DELETE)) {
        HttpResponse<String> r = post(body, "Bearer " + e.getValue());
        assertThat(r.statusCode()).as(e.getKey()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
            .as(e.getKey())
            .hasValueSatisfying(
                h ->
                    assertThat(h)
                        .startsWith("Bearer error=\"invalid_token\", error_description=\"")
                        .endsWith("resource_metadata=\"" + metadataUrl() + "\""));
        assertThat(StrictJson.readValue(r.body()))
            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("error", "invalid_token");
      }
    }
    assertThat(server.deletes.get()).isEqualTo(deletes);
    try (McpSyncClient c = client(server, tokens.get("expired"))) {
      assertThatThrownBy(c::initialize).isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void noToken_is401WithTheMetadataOnly_andTwoHeadersAre400() throws Exception {
    HttpResponse<String> none = post(INITIALIZE);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().allValues("WWW-Authenticate"))
        .containsExactly("Bearer resource_metadata=\"" + metadataUrl() + "\"");
    HttpResponse<String> basic = post(INITIALIZE, "Basic YWxpY2U6cHc=");
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(basic.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer resource_metadata=\"" + metadataUrl() + "\"");
    String token = issuer.es256(claimsFor("alice").build());
    HttpResponse<String> two = post(INITIALIZE, "Bearer " + token, "Bearer " + token);
    assertThat(two.statusCode()).isEqualTo(400);
    assertThat(two.body()).contains("invalid_request");
    assertThat(post(INITIALIZE, "Bearer ").statusCode()).isEqualTo(401);
    assertThat(post(INITIALIZE, "Bearer " + token).statusCode()).isEqualTo(200);
  }

  @Test
  void protectedResourceMetadata_isServedAtItsWellKnownPath() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(metadataUrl())).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(StrictJson.readValue(r.body()))
        .isEqualTo(
            Map.of(
                "resource", server.resource.toString(),
                "authorization_servers", List.of(TestIssuer.ISSUER),
                "bearer_methods_supported", List.of("header"),
                "scopes_supported", List.of("notes/*")));
  }
}
