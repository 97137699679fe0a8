package io.toolgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit commands end to end on a log written by {@code check --audit-log}: exit 0 intact, 1
 * tampered, 2 unusable input with one line on standard error.
 */
class AuditCliTest {
  @TempDir Path dir;
  Path log;
  String pub;
  String key;

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
  void writeLog() throws IOException {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), PolicyCliTest.POLICY);
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      requests.append(
          "{\"principal\":\"alice\",\"tool\":\"github/"
              + (i % 3 == 0 ? "delete_repo" : "list_issues")
              + "\",\"resource\":\"repo:"
              + (i % 4 == 0 ? "other" : "acme")
              + "/p"
              + i
              + "\",\"env\":{\"traceId\":\"t-"
              + i
              + "\"}}\n");
    }
    Path r = Files.writeString(dir.resolve("requests.jsonl"), requests.toString());
    String prefix = dir.resolve("audit").toString();
    assertThat(run("keygen", "--out", prefix).code()).isZero();
    key = prefix + ".key";
    pub = prefix + ".pub";
    log = dir.resolve("out.jsonl");
    Run check =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--requests",
            r.toString(),
            "--audit-log",
            log.toString(),
            "--audit-key",
            key);
    assertThat(check.code()).isZero();
    assertThat(check.err()).isEmpty();
  }

  @Test
  void check_auditLog_writesEveryDecisionWithTraceAndAClosingCheckpoint() throws IOException {
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(13);
    assertThat(lines.get(0)).contains("\"trace\":\"t-0\"").contains("\"effect\":\"DENY\"");
    assertThat(lines.get(12)).contains("\"kind\":\"checkpoint\"").contains("\\nclosed\\n");
  }

  @Test
  void auditVerify_intactLog_exitsZeroWithASummary() {
    Run r = run("audit", "verify", log.toString(), "--key", pub);
    assertThat(r)
        .isEqualTo(
            new Run(0, "intact: 13 entries, 1 checkpoints verified; closed by its writer\n", ""));
  }

  @Test
  void auditVerify_editedLine_exitsOneNamingTheLine() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    lines.set(4, lines.get(4).replace("t-4", "t-5"));
    Files.write(log, lines);
    Run r = run("audit", "verify", log.toString(), "--key", pub);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith(log + ":5: edited: ");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void auditVerify_cutAfterTrustedCheckpoint_exitsOneTruncated() throws IOException {
    List<String> lines = Files.readAllLines(log);
    Path trusted = Files.writeString(dir.resolve("latest.checkpoint"), lines.get(12) + "\n");
    Files.write(log, lines.subList(0, 10));
    assertThat(run("audit", "verify", log.toString(), "--key", pub).code()).isZero();
    Run r =
        run("audit", "verify", log.toString(), "--key", pub, "--checkpoint", trusted.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith(log + ":11: truncated: ");
  }

  @Test
  void auditVerify_unusableInput_exitsTwoWithOneLine() throws IOException {
    Run missing = run("audit", "verify", dir.resolve("nope.jsonl").toString(), "--key", pub);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.jsonl").doesNotContain("Exception").hasLineCount(1);
    Run badKey = run("audit", "verify", log.toString(), "--key", key);
    assertThat(badKey.code()).isEqualTo(2);
    assertThat(badKey.err()).contains("PUBLIC KEY").hasLineCount(1);
    Run noKey = run("audit", "verify", log.toString());
    assertThat(noKey.code()).isEqualTo(2);
    assertThat(noKey.err()).startsWith("Missing required option: '--key=PUBLIC.pem'");
  }

  @Test
  void auditVerify_otherKey_exitsOneForged() {
    String other = dir.resolve("other").toString();
    run("keygen", "--out", other);
    Run r = run("audit", "verify", log.toString(), "--key", other + ".pub");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith(log + ":13: forged: ");
  }

  @Test
  void auditProve_line_printsAVerifiedInclusionProof() {
    Run r = run("audit", "prove", log.toString(), "--line", "6", "--key", pub);
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("entry      5 (" + log + ":6)")
        .contains("12 entries, root ")
        .contains("proof      4 hashes")
        .endsWith("verified: entry 5 is in the tree of 12 entries signed by toolgate-audit\n");
    Run none = run("audit", "prove", log.toString(), "--line", "99", "--key", pub);
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).isEqualTo(log + " has no line 99\n");
  }

  @Test
  void auditProve_tamperedLog_exitsOne() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    java.util.Collections.swap(lines, 2, 3);
    Files.write(log, lines);
    Run r = run("audit", "prove", log.toString(), "--line", "6", "--key", pub);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith(log + ":3: reordered: ");
  }

  @Test
  void auditConsistency_twoCheckpoints_printsAVerifiedProof_rewrittenLogExitsOne()
      throws IOException {
    // A longer log, checkpointed along the way, through the library (the CLI closes after one).
    Path bigger = dir.resolve("big.jsonl");
    var k = io.toolgate.document.Signatures.privateKey(Files.readString(Path.of(key)));
    try (var w =
        io.toolgate.audit.ChainedAuditLog.builder(bigger, k)
            .checkpointEvery(5, java.time.Duration.ofHours(1))
            .build()) {
      var engine =
          io.toolgate.DecisionEngine.builder(
                  io.toolgate.document.PolicyLoader.defaults().load(dir.resolve("policy.yaml")))
              .listener(w)
              .build();
      for (int i = 0; i < 12; i++) {
        engine.decide(
            io.toolgate.Request.of(
                "alice",
                io.toolgate.ToolId.parse("github/list_issues"),
                io.toolgate.ResourceId.of("repo:acme/x" + i)));
      }
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(bigger));
    Path older = Files.writeString(dir.resolve("old.json"), lines.get(5));
    Path newer = Files.writeString(dir.resolve("new.json"), lines.get(lines.size() - 1));
    Run ok =
        run(
            "audit",
            "consistency",
            older.toString(),
            newer.toString(),
            "--log",
            bigger.toString(),
            "--key",
            pub);
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out())
        .startsWith("old        5 entries")
        .endsWith("verified: the log of 14 entries extends the log of 5 without rewriting it\n");
    Run backwards =
        run(
            "audit",
            "consistency",
            newer.toString(),
            older.toString(),
            "--log",
            bigger.toString(),
            "--key",
            pub);
    assertThat(backwards.code()).isEqualTo(2);
    assertThat(backwards.err()).hasLineCount(1);
    lines.set(1, lines.get(1).replace("x1", "x9"));
    Files.write(bigger, lines);
    Run rewritten =
        run(
            "audit",
            "consistency",
            older.toString(),
            newer.toString(),
            "--log",
            bigger.toString(),
            "--key",
            pub);
    assertThat(rewritten.code()).isEqualTo(1);
    assertThat(rewritten.out())
        .contains("NOT consistent: the log's first 5 entries were rewritten");
  }

  @Test
  void check_auditLogWithoutKey_isAUsageError_existingLogIsNeverOverwritten() throws IOException {
    Path policy = dir.resolve("policy.yaml");
    Run noKey =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "alice",
            "--tool",
            "github/x",
            "--audit-log",
            dir.resolve("x.jsonl").toString());
    assertThat(noKey.code()).isEqualTo(2);
    assertThat(noKey.err())
        .startsWith("--audit-log OUT.jsonl and --audit-key PRIVATE.pem go together");
    String before = Files.readString(log);
    Run exists =
        run(
            "check",
            "--policy",
            policy.toString(),
            "--principal",
            "alice",
            "--tool",
            "github/x",
            "--audit-log",
            log.toString(),
            "--audit-key",
            key);
    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err()).contains("it exists").hasLineCount(1);
    assertThat(Files.readString(log)).isEqualTo(before);
  }
}
