package io.toolgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.document.Signatures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/** Two fleet-gateway replicas, one after the other, sharing one real redis-server. */
class FleetGatewayCommandTest {
  @TempDir Path dir;

  static final String POLICY =
      """
      version: 1
      principals:
        - id: triage-bot
          type: agent
          allow:
            - tools: ["github/*"]
        - id: alice
          type: user
          allow:
            - tools: ["github/*"]
      """;

  record Run(int code, String out, String err) {}

  static Run run(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void fleetGateway_suspendOnOne_theOtherDenies() throws Exception {
    KeyPair keys = Signatures.generateKeyPair();
    Path pub = Files.writeString(dir.resolve("fleet.pub"), Signatures.toPem(keys.getPublic()));
    Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
    Files.writeString(
        dir.resolve("policy.yaml.sig"),
        Signatures.sign(POLICY.getBytes(StandardCharsets.UTF_8), keys.getPrivate()));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RedisServer redis =
        RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
    redis.start();
    try {
      String[] args = {
        "fleet-gateway",
        "--redis",
        "redis://127.0.0.1:" + port,
        "--key",
        pub.toString(),
        "--policy",
        policy.toString()
      };
      Run first =
          run(
              "decide triage-bot github/list_issues\nsuspend triage-bot\n"
                  + "decide triage-bot github/list_issues\nstatus\nquit\n",
              args);
      assertThat(first.code()).as(first.err()).isZero();
      assertThat(first.out())
          .contains("ready: replica")
          .contains("ALLOW PERMITTED")
          .contains("applied here; in Redis as ")
          .contains("DENY PRINCIPAL_INACTIVE")
          .contains("serving, policy");

      Run second =
          run("decide triage-bot github/list_issues\ndecide alice github/list_issues\n", args);
      assertThat(second.code()).as(second.err()).isZero();
      assertThat(second.out()).contains("DENY PRINCIPAL_INACTIVE").contains("ALLOW PERMITTED");
    } finally {
      redis.stop();
    }
  }

  @Test
  void fleetGateway_missingOptionsOrFiles_exit2WithOneLine() throws IOException {
    Run r = run("", "fleet-gateway", "--key", "k.pub", "--policy", "p.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--redis");

    Run missing =
        run(
            "",
            "fleet-gateway",
            "--redis",
            "redis://127.0.0.1:1",
            "--key",
            dir.resolve("absent.pub").toString(),
            "--policy",
            "p.yaml");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip().lines()).hasSize(1);
    assertThat(missing.err()).contains("absent.pub");
  }
}
