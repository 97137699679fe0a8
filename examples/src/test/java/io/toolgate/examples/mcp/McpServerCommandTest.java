package io.toolgate.examples.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.mcp.oauth.AccessTokenConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcp-server}'s HTTP options: OAuth settings required and checked before anything starts.
 */
class McpServerCommandTest {
  @TempDir Path dir;

  String[] run(int expectedExit, String... args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        McpServerCommand.run(
            args,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(expectedExit);
    return new String[] {err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void http_withoutIssuerOrJwks_isAUsageError() throws Exception {
    String sandbox = dir.resolve("ws").toString();
    assertThat(run(2, "--sandbox", sandbox, "--http", "0", "--jwks", "k.json")[0])
        .contains("--issuer URL --jwks FILE|https-URL");
    assertThat(run(2, "--sandbox", sandbox, "--http", "0", "--issuer", "https://a.example")[0])
        .contains("usage:");
    assertThat(run(2, "--sandbox", sandbox, "--http", "0", "--token", "s=alice")[0])
        .contains("unknown option: --token");
  }

  @Test
  void http_plainHttpJwksUrl_isRefused() throws Exception {
    String sandbox = dir.resolve("ws").toString();
    assertThat(
            run(
                2,
                "--sandbox",
                sandbox,
                "--http",
                "0",
                "--issuer",
                "https://a.example",
                "--jwks",
                "http://keys.example/jwks")[0])
        .contains("https");
  }

  @Test
  void tokenConfig_audienceDefaultsToTheServersUrl_andJwksIsAFileOrAUrl() {
    URI self = URI.create("http://127.0.0.1:8765/mcp");
    AccessTokenConfig file =
        McpServerCommand.tokenConfig("https://a.example", null, "keys.json").apply(self);
    AccessTokenConfig url =
        McpServerCommand.tokenConfig(
                "https://a.example", "https://tools.example/mcp", "https://a.example/jwks")
            .apply(self);
    assertThat(file.audience()).isEqualTo(self.toString());
    assertThat(url.audience()).isEqualTo("https://tools.example/mcp");
    assertThat(url.issuer()).isEqualTo("https://a.example");
  }
}
