package io.toolgate.mcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys from the issuer's JWK set URL (here an {@code http} loopback endpoint of the test's own
 * Jetty, explicitly allowed): fetched on first use, and refetched when a token names a key id the
 * cache does not hold, so a token signed with a rotated-in key validates without a restart.
 */
class JwkSetUrlRotationTest {
  @Test
  void rotatedKey_validatesAfterRefetch() throws Exception {
    TestIssuer before = new TestIssuer("old");
    TestIssuer after = new TestIssuer("new");
    try (OAuthTestServer server = new OAuthTestServer(before.publicKeys(), true)) {
      String audience = server.resource.toString();
      String oldToken = before.es256(TestIssuer.claims("alice").audience(audience).build());
      String newToken = after.eddsa(TestIssuer.claims("alice").audience(audience).build());
      try (McpSyncClient c = BearerTokenFilterHttpTest.client(server, oldToken)) {
        c.initialize();
        assertThat(c.callTool(McpSchema.CallToolRequest.builder("read").build()).isError())
            .isFalse();
      }

      // The issuer rotates: it publishes the new keys next to the old ones.
      JWKSet both =
          new JWKSet(
              List.copyOf(
                  java.util.stream.Stream.concat(
                          before.publicKeys().getKeys().stream(),
                          after.publicKeys().getKeys().stream())
                      .toList()));
      server.published.set(both);

      try (McpSyncClient c = BearerTokenFilterHttpTest.client(server, newToken)) {
        c.initialize(); // the unknown kid "ed-new" made the verifier refetch the set
        assertThat(c.callTool(McpSchema.CallToolRequest.builder("read").build()).isError())
            .isFalse();
      }
      assertThat(server.reads.get()).isEqualTo(2);
    }
  }
}
