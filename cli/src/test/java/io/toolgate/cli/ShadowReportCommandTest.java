package io.toolgate.cli;

import static io.toolgate.cli.ToolgateCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DecisionListener;
import io.toolgate.DelegationChain;
import io.toolgate.Divergence;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ShadowOptions;
import io.toolgate.ShadowReport;
import io.toolgate.ToolId;
import io.toolgate.audit.AuditLogListener;
import io.toolgate.cli.ToolgateCliTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;

/**
 * {@code shadow-report} over audit logs written by a real engine running a real shadow run, the
 * lines rendered by the real {@link AuditLogListener}: the CLI's report equals the engine's.
 */
@StatisticsReport(onFailureOnly = true)
class ShadowReportCommandTest {
  static final Policy ACTIVE =
      Policy.builder()
          .principals(
              Principal.user("alice").build(),
              Principal.user("bob").build(),
              Principal.agent("bot").build())
          .allow("alice", "fs/read", "fs/write")
          .allow("bob", "fs/read")
          .allow("bot", "fs/*")
          .build();
  static final Policy CANDIDATE =
      Policy.builder()
          .principals(
              Principal.user("alice").build(),
              Principal.user("bob").build(),
              Principal.agent("bot").build())
          .allow("alice", "fs/read")
          .allow("bob", "fs/read", "fs/delete")
          .allow("bot", "fs/*")
          .build();

  /** Collects the audit listener's lines, decisions and divergences alike, in order. */
  static final class Lines implements DecisionListener {
    final AuditLogListener audit = new AuditLogListener();
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void onDecision(DecisionEvent event) {
      lines.add(audit.toJson(event));
    }

    @Override
    public void onDivergence(Divergence divergence) {
      lines.add(audit.toJson(divergence));
    }
  }

  @Provide
  Arbitrary<List<Request>> requests() {
    return Combinators.combine(
            Arbitraries.of("alice", "bob"),
            Arbitraries.of(true, false),
            Arbitraries.of("fs/read", "fs/write", "fs/delete"),
            Arbitraries.of("", "file:///a", "file:///b"))
        .as(
            (u, viaBot, t, r) -> {
              ResourceId res = r.isEmpty() ? ResourceId.NONE : ResourceId.of(r);
              return viaBot
                  ? Request.of(DelegationChain.of(u).then("bot"), ToolId.parse(t), res)
                  : Request.of(u, ToolId.parse(t), res);
            })
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }

  /** Runs a shadow over {@code requests}, writes the audit log, returns the engine's report. */
  static ShadowReport shadowRun(List<Request> requests, Path log) throws IOException {
    Lines lines = new Lines();
    DecisionEngine engine = DecisionEngine.builder(ACTIVE).listener(lines).build();
    engine.rollout().shadow(CANDIDATE, ShadowOptions.all());
    requests.forEach(engine::decide);
    engine.rollout().rollback();
    Files.write(log, lines.lines, StandardCharsets.UTF_8);
    return engine.rollout().report();
  }

  @Property(tries = 40)
  void shadowReport_generatedLog_equalsTheEnginesReport(@ForAll("requests") List<Request> requests)
      throws IOException {
    Path dir = Files.createTempDirectory("shadow-report");
    try {
      Path log = dir.resolve("audit.jsonl");
      ShadowReport engine = shadowRun(requests, log);
      Run r = run("shadow-report", "--log", log.toString());
      ShadowReport fromLog =
          new ShadowReport(
              0, 0, engine.byDirection(), engine.byTool(), engine.byRule(), engine.examples());
      assertThat(r)
          .isEqualTo(
              new Run(0, "decisions in log: " + requests.size() + "\n" + fromLog.toText(), ""));
      Run gate = run("shadow-report", "--log", log.toString(), "--fail-on-divergence");
      assertThat(gate.code()).isEqualTo(engine.divergences() > 0 ? 1 : 0);
      Statistics.label("newly allow")
          .collect(engine.byDirection().get(Divergence.Direction.NEWLY_ALLOW) > 0);
      Statistics.label("newly deny")
          .collect(engine.byDirection().get(Divergence.Direction.NEWLY_DENY) > 0);
      Statistics.label("newly allow").coverage(k -> k.check(true).percentage(p -> p > 10));
      Statistics.label("newly deny").coverage(k -> k.check(true).percentage(p -> p > 10));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void shadowReport_json_namesEveryGroupingAndExample(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path log = dir.resolve("audit.jsonl");
    shadowRun(
        List.of(
            Request.of("alice", ToolId.parse("fs/write"), ResourceId.NONE),
            Request.of("bob", ToolId.parse("fs/delete"), ResourceId.of("file:///a"))),
        log);
    Run r = run("shadow-report", "--log", log.toString(), "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "\"decisions\":2",
            "\"divergences\":2",
            "\"byDirection\":{\"NEWLY_ALLOW\":1,\"NEWLY_DENY\":1}",
            "\"byTool\":{\"fs/delete\":1,\"fs/write\":1}",
            "\"resource\":\"file:///a\"");
  }

  @Test
  void shadowReport_malformedLine_exitsTwoWithFileLineColumn(
      @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path log = dir.resolve("audit.jsonl");
    shadowRun(List.of(Request.of("alice", ToolId.parse("fs/write"), ResourceId.NONE)), log);
    List<String> lines = Files.readAllLines(log);
    Files.writeString(
        log, lines.get(0) + "\n" + lines.get(1) + "\n{\"event\": \"divergence\", oops}\n");
    Run r = run("shadow-report", "--log", log.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith(log + ":3:").doesNotContain("\tat ").hasLineCount(1);

    // The divergence line (the shadow thread may write it before the decision's line).
    String divergence =
        lines.stream().filter(l -> l.contains("\"divergence\"")).findFirst().orElseThrow();
    Files.writeString(log, divergence.replace("\"NEWLY_DENY\"", "\"NEWLY_ALLOW\"") + "\n");
    Run wrongDirection = run("shadow-report", "--log", log.toString());
    assertThat(wrongDirection.code()).isEqualTo(2);
    assertThat(wrongDirection.err())
        .isEqualTo(log + ":1:1: 'direction' is NEWLY_ALLOW but the outcomes say NEWLY_DENY\n");
  }

  @Test
  void shadowReport_missingFile_exitsTwoWithOneLine(@org.junit.jupiter.api.io.TempDir Path dir) {
    Run r = run("shadow-report", "--log", dir.resolve("nope.jsonl").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).hasLineCount(1).contains("nope.jsonl");
  }
}
