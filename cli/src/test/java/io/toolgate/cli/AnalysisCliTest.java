package io.toolgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.audit.AuditLogListener;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** report, diff and tighten, as tables and as JSON, through Main.run like the jar. */
class AnalysisCliTest {
  static final String POLICY =
      """
      version: 1
      tools:
        - id: github/list_issues
          annotations: { readOnly: true, destructive: false, openWorld: false }
        - id: github/delete_repo
      principals:
        - id: alice
          type: user
          allow:
            - tools: ["github/list_issues"]
              resources: ["repo:acme/**"]
        - id: triage-bot
          type: agent
          owner: alice
          expires: 2030-01-01T00:00:00Z
          allow:
            - id: triage-all
              tools: ["github/*"]
              resources: ["repo:acme/**"]
      """;

  @TempDir Path dir;
  Path policy;
  final JsonMapper json = JsonMapper.builder().build();

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

  /** A decision log recorded by the real audit listener over the policy. */
  Path log() throws IOException {
    Policy p = PolicyLoader.defaults().load(policy);
    List<String> lines = new ArrayList<>();
    AuditLogListener audit = new AuditLogListener();
    DecisionEngine engine =
        DecisionEngine.builder(p).listener(e -> lines.add(audit.toJson(e))).build();
    for (String repo : List.of("api", "web", "docs")) {
      engine.decide(
          Request.of(
              DelegationChain.onBehalfOf("alice", "triage-bot"),
              ToolId.parse("github/list_issues"),
              ResourceId.of("repo:acme/" + repo)));
    }
    return Files.writeString(dir.resolve("audit.jsonl"), String.join("\n", lines) + "\n");
  }

  @Test
  void report_table_listsReachesAndFindings() {
    Run r = run("report", policy.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "PRINCIPAL   TOOL                RESOURCE      ACCESS  GRANTS",
            "alice       github/list_issues  repo:acme/**  always  alice/allow/0 (direct entry)",
            "triage-bot  github/delete_repo  repo:acme/**  always  triage-all (direct entry)",
            "HIGH      WILDCARD_DANGEROUS_TOOL  triage-bot  triage-all  wildcard 'github/*' reaches destructive "
                + "[github/delete_repo] tools\n"
                + "          fix: list exact tools instead (github/list_issues), or deny [github/delete_repo]\n");
  }

  @Test
  void report_jsonWithLog_namesUnusedGrants() throws IOException {
    Run r = run("report", policy.toString(), "--log", log().toString(), "--json");
    assertThat(r.code()).isZero();
    Map<?, ?> o = json.readValue(r.out(), Map.class);
    assertThat((List<?>) o.get("principals")).hasSize(2);
    assertThat(r.out())
        .contains("\"kind\" : \"WILDCARD_DANGEROUS_TOOL\"", "\"kind\" : \"EXCEEDS_OWNER\"");
    assertThat((List<?>) o.get("findings"))
        .noneMatch(f -> ((Map<?, ?>) f).get("kind").equals("UNUSED_GRANT"));
  }

  static final String DENY_A =
      """
      version: 1
      delegation: { maxDepth: 1 }
      principals:
        - id: alice
          type: user
          allow:
            - tools: ["github/*"]
              resources: ["**"]
          deny:
            - tools: ["github/*"]
              resources: ["repo:a*"]
        - id: bob
          type: user
          allow:
            - tools: ["github/*"]
              resources: ["**"]
        - id: carol
          type: user
          allow:
            - tools: ["github/*"]
              resources: ["**"]
      """;

  @Test
  void diff_narrowedDeny_exitsOneNamingTheReopenedResource() throws IOException {
    Path before = Files.writeString(dir.resolve("before.yaml"), DENY_A);
    Path after =
        Files.writeString(dir.resolve("after.yaml"), DENY_A.replace("repo:a*", "repo:ax*"));
    Run r = run("diff", before.toString(), after.toString());
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).startsWith("WIDENS: ").contains("repo:a* not repo:ax*");
  }

  @Test
  void diff_raisedMaxDepth_exitsOne() throws IOException {
    Path before = Files.writeString(dir.resolve("before.yaml"), DENY_A);
    Path after =
        Files.writeString(dir.resolve("after.yaml"), DENY_A.replace("maxDepth: 1", "maxDepth: 4"));
    Run r = run("diff", before.toString(), after.toString(), "--json");
    assertThat(r.code()).isEqualTo(1);
    Map<?, ?> o = json.readValue(r.out(), Map.class);
    assertThat(o.get("direction")).isEqualTo("WIDENS");
    assertThat(o.get("exact")).isEqualTo(true);
    assertThat((List<?>) o.get("groups"))
        .anySatisfy(
            g -> assertThat(((Map<?, ?>) g).get("subject")).isEqualTo("alice -> bob -> carol"));
  }

  @Test
  void diff_conditionalRule_exitsThreeUnlessInexactIsAllowed() throws IOException {
    Path p =
        Files.writeString(
            dir.resolve("rules.yaml"),
            POLICY
                + """
        rules:
          - id: small
            effect: deny
            tools: [github/delete_repo]
            when: "args.amount > 1000"
        """);
    Run r = run("diff", p.toString(), p.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out())
        .startsWith("UNCHANGED: 0 of ")
        .contains("(inexact)", "inexact: old policy: conditions");
    Run j = run("diff", p.toString(), p.toString(), "--json", "--allow-inexact");
    assertThat(j.code()).isZero();
    Map<?, ?> o = json.readValue(j.out(), Map.class);
    assertThat(o.get("exact")).isEqualTo(false);
    assertThat((List<?>) o.get("inexactReasons")).isNotEmpty();
  }

  @Test
  void diff_narrowing_exitsZero_widening_exitsOne_withGroupedJson() throws IOException {
    Path narrower =
        Files.writeString(
            dir.resolve("narrower.yaml"),
            POLICY.replace("tools: [\"github/*\"]", "tools: [\"github/list_issues\"]"));
    Run n = run("diff", policy.toString(), narrower.toString());
    assertThat(n.code()).isZero();
    assertThat(n.out())
        .startsWith("NARROWS: 1 of ")
        .contains(
            "(narrows only)",
            "triage-bot  github/delete_repo  repo:acme/**  ALLOW [triage-all]  DENY NOT_PERMITTED");
    Run w = run("diff", narrower.toString(), policy.toString(), "--json");
    assertThat(w.code()).isEqualTo(1);
    Map<?, ?> o = json.readValue(w.out(), Map.class);
    assertThat(o.get("direction")).isEqualTo("WIDENS");
    assertThat(o.get("narrowsOnly")).isEqualTo(false);
    assertThat((List<?>) o.get("groups"))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(((Map<?, ?>) g).get("subject")).isEqualTo("triage-bot");
              assertThat(((Map<?, ?>) g).get("tool")).isEqualTo("github/delete_repo");
            });
    assertThat(run("diff", policy.toString(), policy.toString()).out())
        .startsWith("UNCHANGED: 0 of ");
  }

  @Test
  void tighten_printsACommentedDocumentThatLoads_orWritesIt() throws IOException {
    Path log = log();
    Run r = run("tighten", policy.toString(), "--log", log.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "# PRINCIPAL   ENTRY               TOOLS               RESOURCES    CALLS  REPLACES",
            "# triage-bot  triage-bot/allow/0  github/list_issues  repo:acme/*  3      triage-all");
    Policy tightened =
        PolicyLoader.defaults()
            .load("t.yaml", r.out().getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML, null);
    assertThat(tightened.entries().get("triage-bot"))
        .singleElement()
        .satisfies(e -> assertThat(e.tools()).hasToString("[github/list_issues]"));

    Path out = dir.resolve("tight.json");
    Run j =
        run(
            "tighten",
            policy.toString(),
            "--log",
            log.toString(),
            "--min-siblings",
            "4",
            "--out",
            out.toString(),
            "--json");
    assertThat(j.code()).isZero();
    Map<?, ?> o = json.readValue(j.out(), Map.class);
    assertThat(o.get("replayedCalls")).isEqualTo(3);
    assertThat(PolicyLoader.defaults().load(out).entries().get("triage-bot"))
        .singleElement()
        .satisfies(e -> assertThat(e.resources()).hasSize(3));
  }

  @Test
  void badArguments_exitTwo() {
    assertThat(run("report").code()).isEqualTo(2);
    assertThat(run("diff", policy.toString()).err())
        .isEqualTo("Missing required parameter: 'NEW'\ntry 'java -jar toolgate.jar diff --help'\n");
    assertThat(run("tighten", policy.toString()).err())
        .startsWith("Missing required option: '--log=LOG.jsonl'\n");
    assertThat(
            run("tighten", policy.toString(), "--log", dir.resolve("none.jsonl").toString()).err())
        .contains("cannot read");
    Run zero = run("tighten", policy.toString(), "--log", "x", "--min-siblings", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).startsWith("--min-siblings must be a whole number >= 1, was 0\n");
    assertThat(run("tighten", policy.toString(), "--log", "x", "--min-siblings", "two").err())
        .startsWith("Invalid value for option '--min-siblings': 'two' is not an int\n");
    assertThat(run("report", dir.resolve("missing.yaml").toString()).code()).isEqualTo(2);
  }
}
