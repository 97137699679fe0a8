package io.toolgate.analysis;

import io.toolgate.Effect;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.StrictJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A decision log as {@code io.toolgate.audit.AuditLogListener} writes it: JSON Lines, one decision
 * per line ({@code time, chain, tool, resource, effect, reason, rules, policyVersion}, other fields
 * ignored). Immutable.
 *
 * <p>Reading is lenient where logs are messy and strict about content: blank lines are skipped, and
 * anything before a line's first <code>&#123;</code> (a logger's prefix such as {@code [main] INFO
 * io.toolgate.audit - }) is ignored; a line that is not such an object, or lacks a field, is
 * skipped and reported in {@link #problems()} as {@code SOURCE:LINE: message} ({@code
 * SOURCE:LINE:COLUMN: message} when the JSON does not parse).
 */
public final class DecisionLog {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<LoggedDecision> decisions;
  private final List<String> problems;

  private DecisionLog(List<LoggedDecision> decisions, List<String> problems) {
    this.decisions = List.copyOf(decisions);
    this.problems = List.copyOf(problems);
  }

  /** A log of these decisions. */
  public static DecisionLog of(List<LoggedDecision> decisions) {
    return new DecisionLog(decisions, List.of());
  }

  /**
   * Reads a JSON Lines file.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static DecisionLog read(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Parses JSON Lines text; {@code source} names it in problems. */
  public static DecisionLog parse(String source, String text) {
    return parse(source, new StringReader(text));
  }

  /**
   * Parses JSON Lines from a reader; {@code source} names it in problems.
   *
   * @throws UncheckedIOException if the reader fails
   */
  public static DecisionLog parse(String source, Reader reader) {
    List<LoggedDecision> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    int n = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        int brace = line.indexOf('{');
        if (brace < 0) {
          problems.add(source + ":" + n + ": not a JSON object");
          continue;
        }
        try {
          out.add(decision(JSON.readValue(line.substring(brace), Map.class)));
        } catch (JacksonException e) {
          // SOURCE:LINE:COLUMN, the column counted in the whole line (prefix included).
          var at = e.getLocation();
          String column =
              at == null || at.getColumnNr() < 1 ? "" : ":" + (at.getColumnNr() + brace);
          problems.add(source + ":" + n + column + ": not a JSON object: " + StrictJson.message(e));
        } catch (RuntimeException e) {
          problems.add(source + ":" + n + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    return new DecisionLog(out, problems);
  }

  private static LoggedDecision decision(Map<?, ?> o) {
    Instant time = Instant.parse(string(o, "time"));
    List<String> chain = strings(o, "chain");
    ToolId tool = ToolId.parse(string(o, "tool"));
    String r = string(o, "resource");
    ResourceId resource = r.isEmpty() ? ResourceId.NONE : ResourceId.of(r);
    Effect effect;
    try {
      effect = Effect.valueOf(string(o, "effect"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'effect' is '" + o.get("effect") + "'; expected ALLOW or DENY", e);
    }
    return new LoggedDecision(
        time,
        chain,
        tool,
        resource,
        effect,
        string(o, "reason"),
        strings(o, "rules"),
        string(o, "policyVersion"));
  }

  private static String string(Map<?, ?> o, String field) {
    Object v = o.get(field);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(
          v == null ? "missing '" + field + "'" : "'" + field + "' is not a string");
    }
    return s;
  }

  private static List<String> strings(Map<?, ?> o, String field) {
    Object v = o.get(field);
    if (!(v instanceof List<?> list) || list.stream().anyMatch(x -> !(x instanceof String))) {
      throw new IllegalArgumentException(
          v == null ? "missing '" + field + "'" : "'" + field + "' is not an array of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** The decisions read, in log order. */
  public List<LoggedDecision> decisions() {
    return decisions;
  }

  /** The lines skipped, as {@code SOURCE:LINE: message}. */
  public List<String> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "DecisionLog[" + decisions.size() + " decisions, " + problems.size() + " problems]";
  }
}
