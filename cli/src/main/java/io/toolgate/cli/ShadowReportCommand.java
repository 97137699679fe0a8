package io.toolgate.cli;

import io.toolgate.Divergence;
import io.toolgate.Effect;
import io.toolgate.Reason;
import io.toolgate.ShadowReport;
import io.toolgate.document.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;

/**
 * {@code shadow-report --log AUDIT.jsonl [--json] [--fail-on-divergence]}: the shadow report
 * rebuilt from an audit log's divergence lines.
 */
@Command(
    name = "shadow-report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Summarise a shadow run's divergences from an audit log.",
    sortOptions = false,
    description = {
      "Read the audit log's divergence lines (\"event\": \"divergence\", written while a candidate"
          + " policy ran in shadow) and print how many would newly allow and newly deny, by tool"
          + " and by rule, with the first examples of each direction.",
      "Decision lines and any other line that is a JSON object are counted or skipped; a line that"
          + " is not, or a divergence line that cannot be read, stops the report with"
          + " FILE:LINE:COLUMN."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:reported",
      "1:divergences found, with --fail-on-divergence",
      "2:usage error or an unreadable log"
    })
final class ShadowReportCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = "--log",
      required = true,
      paramLabel = "AUDIT.jsonl",
      description = "the audit log (the audit listener's JSON Lines)")
  Path log;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Option(
      names = "--fail-on-divergence",
      description = "exit 1 when the log holds any divergence (for CI gates)")
  boolean failOnDivergence;

  ShadowReportCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      io.err().println(log + ": cannot read: " + PolicyCli.ioReason(e));
      return 2;
    } catch (RuntimeException e) {
      io.err().println(log + ": cannot read: " + PolicyCli.oneLine(e));
      return 2;
    }
    ShadowReport.Builder report = new ShadowReport.Builder();
    long decisions = 0;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isBlank()) {
        continue;
      }
      Map<String, Object> line;
      try {
        line = StrictJson.readObject(text);
      } catch (IllegalArgumentException e) {
        int column =
            e.getCause() instanceof JacksonException j && j.getLocation() != null
                ? Math.max(1, j.getLocation().getColumnNr())
                : 1;
        io.err().println(log + ":" + (i + 1) + ":" + column + ": " + e.getMessage());
        return 2;
      }
      if (!"divergence".equals(line.get("event"))) {
        if (line.containsKey("effect")) {
          decisions++;
        }
        continue;
      }
      try {
        report.add(divergence(line));
      } catch (IllegalArgumentException | ClassCastException e) {
        io.err().println(log + ":" + (i + 1) + ":1: " + PolicyCli.oneLine(e));
        return 2;
      }
    }
    ShadowReport r = report.build();
    if (json) {
      io.out().println(StrictJson.mapper().writeValueAsString(json(r, decisions)));
    } else {
      io.out().println("decisions in log: " + decisions);
      io.out().print(r.toText());
    }
    return failOnDivergence && r.divergences() > 0 ? 1 : 0;
  }

  /** One divergence line; every problem an IllegalArgumentException naming the field. */
  static Divergence divergence(Map<String, Object> line) {
    Instant time;
    try {
      time = Instant.parse(string(line, "time"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'time' is not an ISO-8601 instant", e);
    }
    Divergence d =
        new Divergence(
            time.toEpochMilli(),
            strings(line, "chain"),
            string(line, "tool"),
            string(line, "resource"),
            outcome(line, "active"),
            outcome(line, "candidate"));
    String direction = string(line, "direction");
    if (!d.direction().name().equals(direction)) {
      throw new IllegalArgumentException(
          "'direction' is " + direction + " but the outcomes say " + d.direction());
    }
    return d;
  }

  private static Divergence.Outcome outcome(Map<String, Object> line, String key) {
    if (!(line.get(key) instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("'" + key + "' must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) m;
    return new Divergence.Outcome(
        constant(Effect.class, key + ".effect", string(o, "effect")),
        constant(Reason.class, key + ".reason", string(o, "reason")),
        strings(o, "rules"),
        string(o, "policyVersion"));
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String key, String text) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is "
              + text
              + ", not one of "
              + java.util.Arrays.toString(type.getEnumConstants()),
          e);
    }
  }

  private static String string(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof String s)) {
      throw new IllegalArgumentException("'" + key + "' must be a string");
    }
    return s;
  }

  private static List<String> strings(Map<String, Object> m, String key) {
    if (!(m.get(key) instanceof List<?> l) || !l.stream().allMatch(String.class::isInstance)) {
      throw new IllegalArgumentException("'" + key + "' must be a list of strings");
    }
    return l.stream().map(String.class::cast).toList();
  }

  private static Map<String, Object> json(ShadowReport r, long decisions) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("decisions", decisions);
    m.put("divergences", r.divergences());
    m.put("byDirection", r.byDirection());
    m.put("byTool", r.byTool());
    m.put("byRule", r.byRule());
    List<Object> examples = new ArrayList<>();
    for (Divergence d : r.examples()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("time", d.time().toString());
      e.put("direction", d.direction().name());
      e.put("chain", d.chain());
      e.put("tool", d.tool());
      e.put("resource", d.resource());
      e.put("active", d.active());
      e.put("candidate", d.candidate());
      examples.add(e);
    }
    m.put("examples", examples);
    return m;
  }
}
