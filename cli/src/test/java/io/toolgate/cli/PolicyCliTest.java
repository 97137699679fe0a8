package io.toolgate.cli;

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
  static final String POLICY =
      """
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
        - id: payer
          type: user
          allow:
            - tools: ["payments/*"]
      rules:
        - id: big-transfers
          effect: deny
          tools: [payments/transfer]
          when: "args.amount > 1000"
      """;

  @TempDir Path dir;
  Path policy;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void writePolicy() throws IOException {
    policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
  }

  @Test
  void validate_validFile_exitsZeroSilently_invalidFile_printsLocatedErrorsAndExitsTwo()
      throws IOException {
    assertThat(run("validate", policy.toString())).isEqualTo(new Run(0, "", ""));
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"), "version: 1\nprincipals:\n  - id: bob\n    type: robot\n");
    Run r = run("validate", policy.toString(), bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out())
        .isEqualTo(bad + ":4:11: 'type' is 'robot'; expected one of user, agent, service\n");
  }

  @Test
  void check_allowedChain_printsJsonAndExitsZero() {
    Run r =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "alice",
            "--via",
            "triage-bot",
            "--tool",
            "github/list_issues",
            "--resource",
            "repo:acme/api");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith(
            "{\"effect\":\"ALLOW\",\"reason\":\"PERMITTED\",\"rules\":[\"alice/allow/0\",\"triage-read\"],\"policyVersion\":\"sha256:");
  }

  @Test
  void check_deniedAtAHop_namesTheHopAndExitsOne() {
    Run r =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "alice",
            "--via",
            "triage-bot",
            "--tool",
            "github/delete_repo",
            "--resource",
            "repo:acme/api",
            "--args",
            "{\"force\":true}");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "\"effect\":\"DENY\"",
            "\"reason\":\"NOT_PERMITTED\"",
            "\"hop\":1",
            "\"refusedBy\":\"triage-bot\"");
  }

  @Test
  void check_resourceSpellings_areCanonicalised_soTraversalIsDenied() throws IOException {
    Path docs = dir.resolve("docs-policy.yaml");
    Files.writeString(
        docs,
        String.join(
            "\n",
            "version: 1",
            "principals:",
            "  - id: assistant",
            "    type: agent",
            "    allow:",
            "      - tools: [files/read_file]",
            "        resources: [\"file:///docs/**\"]",
            "    deny:",
            "      - tools: [files/read_file]",
            "        resources: [\"file:///docs/private/**\"]",
            ""));
    assertThat(
            run(
                    "check",
                    "--policy",
                    docs.toString(),
                    "--principal",
                    "assistant",
                    "--tool",
                    "files/read_file",
                    "--resource",
                    "file:///docs/report.csv")
                .code())
        .isZero();
    for (String attack :
        List.of(
            "file:///docs/../etc/passwd",
            "file:///docs//../../etc",
            "file:///docs/%2e%2e/etc/passwd",
            "file:///docs//private/x",
            "file:///docs/./private/x",
            "file:///docs/private%2fx",
            "file:///docs/%70rivate/x")) {
      Run r =
          run(
              "check",
              "--policy",
              docs.toString(),
              "--principal",
              "assistant",
              "--tool",
              "files/read_file",
              "--resource",
              attack);
      assertThat(r.code()).as(attack).isEqualTo(1);
      assertThat(r.out()).contains("DENY");
    }
  }

  @Test
  void check_badArguments_exitTwo() {
    assertThat(
            run("check", "--policy", policy.toString(), "--principal", "alice", "--tool", "nope")
                .code())
        .isEqualTo(2);
    assertThat(run("check", "--principal", "alice").err())
        .isEqualTo(
            "Missing required option: '--policy=FILE'\ntry 'java -jar toolgate.jar check --help'\n");
    assertThat(run("check", "--policy", policy.toString(), "--bogus").err())
        .startsWith("Unknown option: '--bogus'\n");
    Run neither = run("check", "--policy", policy.toString(), "--principal", "alice");
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err())
        .startsWith("check needs --principal ID and --tool SERVER/NAME, or --requests FILE.jsonl");
    Run both =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--requests",
            "r.jsonl",
            "--principal",
            "alice",
            "--via=bot");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err())
        .startsWith(
            "--requests reads every request from its file; it cannot be combined with"
                + " --principal, --via\n");
    assertThat(
            run(
                    "check",
                    "--policy",
                    dir.resolve("missing.yaml").toString(),
                    "--principal",
                    "a",
                    "--tool",
                    "a/b")
                .code())
        .isEqualTo(2);
  }

  @Test
  void check_requestsFile_oneDecisionPerLineWithLineNumbers_badLinesAnsweredInPlaceAndExitTwo()
      throws IOException {
    Path requests =
        Files.writeString(
            dir.resolve("r.jsonl"),
            """
        {"principal":"alice","via":["triage-bot"],"tool":"github/list_issues","resource":"repo:acme/api"}
        {"principal":"triage-bot","tool":"github/delete_repo"}
        {"principal":
        {"principal":"payer","tool":"payments/transfer","args":{"amount":null}}
        {"principal":"payer","tool":"payments/transfer","args":{"amount":5000,"amount":5}}
        {"principal":"payer","via":"x","tool":"payments/transfer"}
        {"principal":"payer","tool":"payments/transfer","resouce":"x"}
        """);
    Run r = run("check", "--policy", policy.toString(), "--requests", requests.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines())
        .hasSize(7)
        .satisfies(l -> assertThat(l.get(0)).startsWith("{\"line\":1,\"effect\":\"ALLOW\""))
        .satisfies(l -> assertThat(l.get(1)).startsWith("{\"line\":2,\"effect\":\"DENY\""))
        .satisfies(
            l ->
                assertThat(l.get(2))
                    .startsWith(
                        "{\"line\":3,\"error\":\""
                            + requests
                            + ":3:14: not valid JSON: Unexpected end-of-input"))
        .satisfies(
            l ->
                assertThat(l.get(3))
                    .contains(":4: arguments.amount is null (omit the key instead)"))
        .satisfies(
            l -> assertThat(l.get(4)).contains(":5:").contains(": not valid JSON: ", "amount"))
        .satisfies(l -> assertThat(l.get(5)).contains(":6: 'via' must be a list of principal ids"))
        .satisfies(l -> assertThat(l.get(6)).contains(":7: unknown key 'resouce'"));
    Path good =
        Files.writeString(
            dir.resolve("good.jsonl"),
            """
        {"principal":"payer","tool":"payments/transfer","args":{"amount":5}}

        {"principal":"payer","tool":"payments/transfer","args":{"amount":5000}}
        """);
    Run ok = run("check", "--policy", policy.toString(), "--requests", good.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.out().lines())
        .hasSize(2)
        .satisfies(
            l ->
                assertThat(l.get(1))
                    .startsWith("{\"line\":3,\"effect\":\"DENY\",\"reason\":\"EXPLICIT_DENY\""));
  }

  @Test
  void check_duplicateArgumentKey_refusedWithOneLineAndExitTwo() {
    Run r =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "payer",
            "--tool",
            "payments/transfer",
            "--args",
            "{\"amount\":5000,\"amount\":5}");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("bad request: --args: not valid JSON at 1:")
                    .contains("amount"));
    Run nested =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "payer",
            "--tool",
            "payments/transfer",
            "--args",
            "{\"payee\":{\"iban\":\"A\",\"iban\":\"B\"}}");
    assertThat(nested.code()).isEqualTo(2);
    Run env =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "payer",
            "--tool",
            "payments/transfer",
            "--env",
            "{\"region\":\"eu\",\"region\":\"us\"}");
    assertThat(env.err()).startsWith("bad request: --env: not valid JSON");
    assertThat(env.code()).isEqualTo(2);
  }

  @Test
  void check_decimalJustAboveTheLimit_deniedNotRounded() {
    Run r =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "payer",
            "--tool",
            "payments/transfer",
            "--args",
            "{\"amount\":1000.00000000000001}");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("\"reason\":\"ERROR\"", "big-transfers")
        .doesNotContain("1000.00000000000001");
    Run exact =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "payer",
            "--tool",
            "payments/transfer",
            "--args",
            "{\"amount\":999.5}");
    assertThat(exact.code()).isZero();
  }

  @Test
  void check_nullArgumentOrNonObject_exitTwoWithOneLineAndNoStackTrace() {
    Run r =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "payer",
            "--tool",
            "payments/transfer",
            "--args",
            "{\"amount\":null}");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("bad request: arguments.amount is null (omit the key instead)\n");
    Run list =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "payer",
            "--tool",
            "payments/transfer",
            "--args",
            "[1]");
    assertThat(list.err()).isEqualTo("bad request: --args: not a JSON object\n");
    assertThat(list.code()).isEqualTo(2);
  }

  @Test
  void check_expect_allAgree_exitZeroWithSummary() throws IOException {
    Path tests =
        Files.writeString(
            dir.resolve("t.jsonl"),
            """
        {"principal":"payer","tool":"payments/transfer","args":{"amount":5},"expect":"ALLOW"}
        {"principal":"payer","tool":"payments/transfer","args":{"amount":5000},"expect":"DENY","reason":"EXPLICIT_DENY"}
        """);
    Run r = run("check", "--policy", policy.toString(), "--requests", tests.toString(), "--expect");
    assertThat(r).isEqualTo(new Run(0, "2 requests: 2 as expected, 0 not, 0 malformed\n", ""));
  }

  @Test
  void check_expect_disagreement_printsEachMismatchAndExitsOne() throws IOException {
    Path tests =
        Files.writeString(
            dir.resolve("t.jsonl"),
            """
        {"principal":"payer","tool":"payments/transfer","args":{"amount":5},"expect":"ALLOW"}
        {"principal":"payer","tool":"payments/transfer","args":{"amount":5000},"expect":"ALLOW"}
        {"principal":"payer","tool":"payments/transfer","args":{"amount":5000},"expect":"DENY","reason":"NOT_PERMITTED"}
        """);
    Run r = run("check", "--policy", policy.toString(), "--expect", "--requests", tests.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out().lines())
        .containsExactly(
            tests + ":2: expected ALLOW, got DENY EXPLICIT_DENY rules=[big-transfers]",
            tests + ":3: expected DENY NOT_PERMITTED, got DENY EXPLICIT_DENY rules=[big-transfers]",
            "3 requests: 1 as expected, 2 not, 0 malformed");
  }

  @Test
  void check_expect_malformedOrMissingExpectation_exitsTwo() throws IOException {
    Path tests =
        Files.writeString(
            dir.resolve("t.jsonl"),
            """
        {"principal":"payer","tool":"payments/transfer","args":{"amount":5000},"expect":"ALLOW"}
        {"principal":"payer","tool":"payments/transfer"}
        {"principal":"payer","tool":"payments/transfer","expect":"MAYBE"}
        {"principal":"payer","tool":"payments/transfer","expect":"DENY","reason":"NOPE"}
        """);
    Run r = run("check", "--policy", policy.toString(), "--requests", tests.toString(), "--expect");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out().lines())
        .hasSize(5)
        .satisfies(l -> assertThat(l.get(0)).startsWith(tests + ":1: expected ALLOW, got DENY"))
        .satisfies(l -> assertThat(l.get(1)).startsWith(tests + ":2: error: no \"expect\""))
        .satisfies(l -> assertThat(l.get(2)).startsWith(tests + ":3: error: 'expect' must be"))
        .satisfies(
            l -> assertThat(l.get(3)).startsWith(tests + ":4: error: 'reason' NOPE is not one of"))
        .satisfies(
            l -> assertThat(l.get(4)).isEqualTo("4 requests: 0 as expected, 1 not, 3 malformed"));
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
    assertThat(
            run("check", "--policy", policy.toString(), "--requests", empty.toString(), "--expect")
                .code())
        .isEqualTo(2);
    Run noRequests = run("check", "--policy", policy.toString(), "--expect");
    assertThat(noRequests.code()).isEqualTo(2);
    assertThat(noRequests.err().lines())
        .containsExactly(
            "--expect checks the \"expect\" of each line of --requests FILE.jsonl",
            "try 'java -jar toolgate.jar check --help'");
  }

  @Test
  void validate_unreadableSignatureFile_oneLineAndExitTwo() throws IOException {
    Files.createDirectory(
        Path.of(policy + ".sig")); // a folder where the signature should be: unreadable
    Run r = run("validate", policy.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith(policy + ": cannot read " + policy + ".sig"));
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void keygen_intoMissingFolder_oneLineAndExitTwo() {
    Run r = run("keygen", "--out", dir.resolve("missing/ops").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "keygen: cannot write "
                + dir.resolve("missing/ops")
                + ".key: no such file or folder\n");
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
    Run signedCheck =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--trusted-key",
            prefix + ".pub",
            "--principal",
            "alice",
            "--tool",
            "github/list_issues",
            "--resource",
            "repo:acme/x");
    assertThat(signedCheck.code()).isZero();

    Files.writeString(policy, POLICY.replace("github/list_issues", "github/*"));
    Run bad = run("verify", "--key", prefix + ".pub", policy.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .contains(":1:1: signature does not verify with any of the 1 trusted keys");
    assertThat(
            run(
                    "check",
                    "--policy",
                    policy.toString(),
                    "--trusted-key",
                    prefix + ".pub",
                    "--principal",
                    "alice",
                    "--tool",
                    "github/list_issues")
                .code())
        .isEqualTo(2);
  }
}
