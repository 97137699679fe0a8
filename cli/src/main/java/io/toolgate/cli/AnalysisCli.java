package io.toolgate.cli;

import io.toolgate.Decision;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.analysis.Catalog;
import io.toolgate.analysis.DecisionChange;
import io.toolgate.analysis.DecisionLog;
import io.toolgate.analysis.EffectivePermissions;
import io.toolgate.analysis.Finding;
import io.toolgate.analysis.GrantRef;
import io.toolgate.analysis.PolicyAnalyzer;
import io.toolgate.analysis.PolicyDiff;
import io.toolgate.analysis.Reach;
import io.toolgate.analysis.TightenedEntry;
import io.toolgate.analysis.Tightener;
import io.toolgate.analysis.Tightening;
import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the least-privilege commands of {@code toolgate.jar} do: {@code report}, {@code diff} and
 * {@code tighten}, each printing a readable table, or JSON with {@code --json}. Their arguments are
 * parsed by their {@code *Command} classes.
 *
 * <p>Exit codes: 0 success ({@code diff}: nothing widens and the diff is exact), 1 {@code diff}
 * found requests going from deny to allow, 2 error (invalid policy or log, bad arguments), 3 {@code
 * diff} found no widening but is not exact (some requests could not be probed; the reasons are
 * printed), unless {@code --allow-inexact} is given.
 */
final class AnalysisCli {
  private final PrintStream out;
  private final PrintStream err;
  private final InstantSource clock;
  private final JsonMapper json =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** {@code diff}'s exit code when nothing widens but the diff is not exact. */
  static final int INEXACT = 3;

  AnalysisCli(PrintStream out, PrintStream err, InstantSource clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** {@code report FILE [--log LOG.jsonl] [--json]}: effective permissions and findings. */
  int report(Path file, Path logFile, boolean asJson) {
    Policy policy = load(file);
    DecisionLog log = logFile == null ? null : readLog(logFile);
    if (policy == null || (logFile != null && log == null)) {
      return PolicyCli.ERROR;
    }
    PolicyAnalyzer analyzer = PolicyAnalyzer.builder(policy).clock(clock).build();
    List<EffectivePermissions> all = new ArrayList<>();
    for (Principal p : policy.principals()) {
      all.add(analyzer.effectivePermissions(p.id()));
    }
    List<Finding> findings = log == null ? analyzer.findings() : analyzer.findings(log);
    if (asJson) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("policyVersion", policy.version());
      o.put("unreportedModules", policy.modulesWithoutGrantReports());
      o.put(
          "principals",
          all.stream()
              .map(
                  e ->
                      Map.of(
                          "id",
                          e.subject(),
                          "reaches",
                          e.reaches().stream().map(AnalysisCli::reach).toList()))
              .toList());
      o.put("findings", findings.stream().map(AnalysisCli::finding).toList());
      if (log != null) {
        o.put("logProblems", log.problems());
      }
      out.println(json.writeValueAsString(o));
      return PolicyCli.OK;
    }
    out.println(
        "policy "
            + policy.version()
            + (policy.modulesWithoutGrantReports().isEmpty()
                ? ""
                : " (modules not reporting grants: " + policy.modulesWithoutGrantReports() + ")"));
    out.println();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("PRINCIPAL", "TOOL", "RESOURCE", "ACCESS", "GRANTS"));
    for (EffectivePermissions e : all) {
      for (Reach r : e.reaches()) {
        rows.add(
            List.of(
                e.subject(),
                r.tool().label(),
                r.resource().label(),
                r.access().name().toLowerCase(Locale.ROOT)
                    + (r.conditions().isEmpty() ? "" : " " + String.join(" ", r.conditions())),
                String.join(
                    ", ",
                    r.grants().stream().map(g -> g.ruleId() + " (" + g.source() + ")").toList())));
      }
    }
    table(rows);
    out.println();
    if (findings.isEmpty()) {
      out.println("no findings");
    } else {
      List<List<String>> frows = new ArrayList<>();
      frows.add(List.of("SEVERITY", "KIND", "PRINCIPAL", "GRANT", "FINDING"));
      for (Finding x : findings) {
        frows.add(
            List.of(
                x.severity().name(),
                x.kind().name(),
                dash(x.principal()),
                dash(x.grant()),
                x.message()));
      }
      List<String> lines = tableLines(frows);
      out.println(lines.get(0));
      for (int i = 0; i < findings.size(); i++) {
        out.println(lines.get(i + 1));
        out.println("          fix: " + findings.get(i).fix());
      }
    }
    if (log != null) {
      log.problems().forEach(p -> err.println("skipped " + p));
    }
    return PolicyCli.OK;
  }

  /** {@code diff OLD NEW [--json] [--allow-inexact]}: the requests whose decision changes. */
  int diff(Path oldFile, Path newFile, boolean asJson, boolean allowInexact) {
    Policy before = load(oldFile);
    Policy after = load(newFile);
    if (before == null || after == null) {
      return PolicyCli.ERROR;
    }
    PolicyDiff diff = PolicyDiff.between(before, after, Catalog.derived(), clock);
    int code =
        diff.widens() ? PolicyCli.DENIED : diff.isExact() || allowInexact ? PolicyCli.OK : INEXACT;
    if (asJson) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("before", before.version());
      o.put("after", after.version());
      o.put("direction", diff.direction().name());
      o.put("narrowsOnly", diff.narrowsOnly());
      o.put("widensOnly", diff.widensOnly());
      o.put("compared", diff.compared());
      o.put("exact", diff.isExact());
      o.put("inexactReasons", diff.inexactReasons());
      List<Object> groups = new ArrayList<>();
      diff.bySubjectAndTool()
          .forEach(
              (subject, byTool) ->
                  byTool.forEach(
                      (tool, changes) -> {
                        Map<String, Object> g = new LinkedHashMap<>();
                        g.put("subject", subject);
                        g.put("tool", tool);
                        g.put(
                            "changes",
                            changes.stream()
                                .map(
                                    c -> {
                                      Map<String, Object> m = new LinkedHashMap<>();
                                      m.put("resource", c.resource().label());
                                      m.put("before", decision(c.before()));
                                      m.put("after", decision(c.after()));
                                      return m;
                                    })
                                .toList());
                        groups.add(g);
                      }));
      o.put("groups", groups);
      out.println(json.writeValueAsString(o));
      return code;
    }
    out.println(
        diff.direction()
            + ": "
            + diff.changes().size()
            + " of "
            + diff.compared()
            + " requests change"
            + (diff.narrowsOnly() ? (diff.isEmpty() ? "" : " (narrows only)") : "")
            + (diff.isExact() ? "" : " (inexact" + (allowInexact ? ", allowed" : "") + ")"));
    diff.inexactReasons().forEach(r -> out.println("inexact: " + r));
    if (!diff.isEmpty()) {
      out.println();
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("SUBJECT", "TOOL", "RESOURCE", "BEFORE", "AFTER"));
      for (DecisionChange c : diff.changes()) {
        rows.add(
            List.of(
                c.subject(),
                c.tool().label(),
                c.resource().label(),
                describe(c.before()),
                describe(c.after())));
      }
      table(rows);
    }
    return code;
  }

  /** {@code tighten FILE --log LOG.jsonl [--min-siblings N] [--out FILE] [--json]}. */
  int tighten(Path file, Path logFile, Integer minSiblings, Path outFile, boolean asJson) {
    Tightener.Builder tb = Tightener.builder().clock(clock);
    if (minSiblings != null) {
      tb.minSiblings(minSiblings);
    }
    Policy policy = load(file);
    DecisionLog log = readLog(logFile);
    if (policy == null || log == null) {
      return PolicyCli.ERROR;
    }
    Tightening t = tb.build().tighten(policy, log);
    log.problems().forEach(p -> err.println("skipped " + p));
    if (outFile != null) {
      try {
        Files.writeString(outFile, t.document(DocumentFormat.ofFileName(outFile.toString())));
      } catch (IOException e) {
        err.println(outFile + ": cannot write: " + PolicyCli.ioReason(e));
        return PolicyCli.ERROR;
      }
    }
    if (asJson) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("from", policy.version());
      o.put("version", t.policy().version());
      o.put("allowedCalls", t.allowedCalls());
      o.put("replayedCalls", t.replayedCalls());
      o.put(
          "entries",
          t.entries().stream()
              .map(
                  e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("principal", e.principal());
                    m.put("id", e.id());
                    m.put("effect", e.effect().name());
                    m.put("tools", e.tools());
                    m.put("resources", e.resources());
                    m.put("calls", e.calls());
                    m.put("replaces", e.replaces());
                    return m;
                  })
              .toList());
      o.put("notes", t.notes());
      if (outFile == null) {
        o.put("policy", new io.toolgate.document.PolicyWriter(List.of()).toDocument(t.policy()));
      }
      out.println(json.writeValueAsString(o));
      return PolicyCli.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("PRINCIPAL", "ENTRY", "TOOLS", "RESOURCES", "CALLS", "REPLACES"));
    for (TightenedEntry e : t.entries()) {
      rows.add(
          List.of(
              e.principal(),
              e.id(),
              String.join(", ", e.tools()),
              String.join(", ", e.resources()),
              e.effect().name().equals("ALLOW") ? String.valueOf(e.calls()) : "-",
              String.join(", ", e.replaces())));
    }
    // Readable as a table, and still a valid document: the summary is written as YAML comments.
    PrintStream target = out;
    target.println(
        "# tightened from "
            + file
            + " ("
            + policy.version()
            + ") by replaying "
            + t.replayedCalls()
            + " of "
            + t.allowedCalls()
            + " allowed calls of "
            + logFile);
    for (String line : tableLines(rows)) {
      target.println("# " + line);
    }
    t.notes().forEach(n -> target.println("# note: " + n));
    if (outFile == null) {
      target.print(t.document(DocumentFormat.YAML));
    } else {
      target.println("# written to " + outFile);
    }
    return PolicyCli.OK;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private Policy load(Path file) {
    try {
      return PolicyLoader.defaults().load(file);
    } catch (DocumentException e) {
      e.problems().forEach(err::println);
    } catch (RuntimeException e) {
      err.println(file + ": " + PolicyCli.oneLine(e));
    }
    return null;
  }

  private DecisionLog readLog(Path file) {
    try {
      return DecisionLog.read(file);
    } catch (UncheckedIOException e) {
      err.println(file + ": cannot read: " + PolicyCli.ioReason(e.getCause()));
      return null;
    }
  }

  private static Map<String, Object> reach(Reach r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", r.tool().label());
    m.put("resource", r.resource().label());
    m.put("access", r.access().name());
    m.put("conditions", r.conditions());
    m.put("grants", r.grants().stream().map(AnalysisCli::grant).toList());
    return m;
  }

  private static Map<String, Object> grant(GrantRef g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("principal", g.principal());
    m.put("rule", g.ruleId());
    m.put("module", g.module());
    m.put("source", g.source());
    m.put("condition", g.condition());
    return m;
  }

  private static Map<String, Object> finding(Finding x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("severity", x.severity().name());
    m.put("kind", x.kind().name());
    m.put("principal", x.principal());
    m.put("grant", x.grant());
    m.put("message", x.message());
    m.put("fix", x.fix());
    return m;
  }

  private static Map<String, Object> decision(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("effect", d.effect().name());
    m.put("reason", d.reason().name());
    m.put("rules", d.ruleIds());
    return m;
  }

  private static String describe(Decision d) {
    return (d.isAllowed() ? "ALLOW" : "DENY " + d.reason())
        + (d.ruleIds().isEmpty() ? "" : " " + d.ruleIds());
  }

  private static String dash(String s) {
    return s.isEmpty() ? "-" : s;
  }

  private void table(List<List<String>> rows) {
    tableLines(rows).forEach(out::println);
  }

  /** Left-aligned columns two spaces apart; the last column is not padded. */
  static List<String> tableLines(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = row.get(i);
        s.append(cell);
        if (i < columns - 1) {
          s.append(" ".repeat(width[i] - cell.length() + 2));
        }
      }
      lines.add(s.toString().stripTrailing());
    }
    return lines;
  }
}
