package io.toolgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCliTest {
  static final String POLICY = """
      version: 1
      principals:
        - id: alice
          type: user
          allow:
            - tools: ["github/*"]
              resources: ["repo:acme/**"]
        - id: triage-bot
          type: agent
          owner: alice
          allow:
            - id: triage-read
              tools: [github/list_issues]
      """;

  @TempDir
  Path dir;
  Path policy;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void writePolicy() throws IOException {
    policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
  }

  @Test
  void validate_validFile_exitsZeroSilently_invalidFile_printsLocatedErrorsAndExitsTwo() throws IOException {
    assertThat(run("validate", policy.toString())).isEqualTo(new Run(0, "", ""));
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "version: 1\nprincipals:\n  - id: bob\n    type: robot\n");
    Run r = run("validate", policy.toString(), bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEqualTo(bad + ":4:11: 'type' is 'robot'; expected one of user, agent, service\n");
  }

  @Test
  void check_allowedChain_printsJsonAndExitsZero() {
    Run r = run("check", "--policy", policy.toString(), "--principal", "alice", "--via", "triage-bot",
        "--tool", "github/list_issues", "--resource", "repo:acme/api");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("{\"effect\":\"ALLOW\",\"reason\":\"PERMITTED\",\"rules\":[\"alice/allow/0\",\"triage-read\"],\"policyVersion\":\"sha256:");
  }

  @Test
  void check_deniedAtAHop_namesTheHopAndExitsOne() {
    Run r = run("check", "--policy", policy.toString(), "--principal", "alice", "--via", "triage-bot",
        "--tool", "github/delete_repo", "--resource", "repo:acme/api", "--args", "{\"force\":true}");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\"effect\":\"DENY\"", "\"reason\":\"NOT_PERMITTED\"", "\"hop\":1",
        "\"refusedBy\":\"triage-bot\"");
  }

  @Test
  void check_resourceSpellings_areCanonicalised_soTraversalIsDenied() throws IOException {
    Path docs = dir.resolve("docs-policy.yaml");
    Files.writeString(docs, String.join("\n", "version: 1", "principals:", "  - id: assistant",
        "    type: agent", "    allow:", "      - tools: [files/read_file]", "        resources: [\"file:///docs/**\"]",
        "    deny:", "      - tools: [files/read_file]", "        resources: [\"file:///docs/private/**\"]", ""));
    assertThat(run("check", "--policy", docs.toString(), "--principal", "assistant", "--tool", "files/read_file",
        "--resource", "file:///docs/report.csv").code()).isZero();
    for (String attack : List.of("file:///docs/../etc/passwd", "file:///docs//../../etc",
        "file:///docs/%2e%2e/etc/passwd", "file:///docs//private/x", "file:///docs/./private/x",
        "file:///docs/private%2fx", "file:///docs/%70rivate/x")) {
      Run r = run("check", "--policy", docs.toString(), "--principal", "assistant", "--tool", "files/read_file",
          "--resource", attack);
      assertThat(r.code()).as(attack).isEqualTo(1);
      assertThat(r.out()).contains("DENY");
    }
  }

  @Test
  void check_badArguments_exitTwo() {
    assertThat(run("check", "--policy", policy.toString(), "--principal", "alice", "--tool", "nope").code()).isEqualTo(2);
    assertThat(run("check", "--principal", "alice").err()).contains("check needs --policy FILE");
    assertThat(run("check", "--policy", policy.toString(), "--bogus", "x").err()).contains("unknown option --bogus");
    assertThat(run("check", "--policy", dir.resolve("missing.yaml").toString(), "--principal", "a", "--tool", "a/b").code())
        .isEqualTo(2);
  }

  @Test
  void check_requestsFile_oneDecisionPerLine_badLinesAnsweredInPlace() throws IOException {
    Path requests = Files.writeString(dir.resolve("r.jsonl"), """
        {"principal":"alice","via":["triage-bot"],"tool":"github/list_issues","resource":"repo:acme/api"}
        {"principal":"triage-bot","tool":"github/delete_repo"}
        {"principal":
        """);
    Run r = run("check", "--policy", policy.toString(), "--requests", requests.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).hasSize(3)
        .satisfies(l -> assertThat(l.get(0)).contains("\"effect\":\"ALLOW\""))
        .satisfies(l -> assertThat(l.get(1)).contains("\"effect\":\"DENY\""))
        .satisfies(l -> assertThat(l.get(2)).startsWith("{\"error\":\"" + requests + ":3: not a JSON object"));
  }

  @Test
  void keygenSignVerify_roundTrip_thenTamperingFailsVerification() throws IOException {
    String prefix = dir.resolve("k").toString();
    assertThat(run("keygen", "--out", prefix).code()).isZero();
    assertThat(run("sign", "--key", prefix + ".key", policy.toString()).code()).isZero();
    assertThat(Files.exists(Path.of(policy + ".sig"))).isTrue();
    Run ok = run("verify", "--key", prefix + ".pub", policy.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).contains("signature verified");
    Run signedCheck = run("check", "--policy", policy.toString(), "--trusted-key", prefix + ".pub",
        "--principal", "alice", "--tool", "github/list_issues", "--resource", "repo:acme/x");
    assertThat(signedCheck.code()).isZero();

    Files.writeString(policy, POLICY.replace("github/list_issues", "github/*"));
    Run bad = run("verify", "--key", prefix + ".pub", policy.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains(":1:1: signature does not verify with any of the 1 trusted keys");
    assertThat(run("check", "--policy", policy.toString(), "--trusted-key", prefix + ".pub",
        "--principal", "alice", "--tool", "github/list_issues").code()).isEqualTo(2);
  }
}
