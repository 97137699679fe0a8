package io.toolgate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A summary of a shadow run ({@link Rollout#shadow}): how many decisions were compared with the
 * candidate, how many were dropped on the way, and the divergences counted by direction, by tool
 * and by rule, with the first few of each direction as examples. Built by the engine as the run
 * goes, or from an audit log's divergence lines by the CLI's {@code shadow-report}.
 *
 * @param evaluated decisions compared with the candidate
 * @param dropped decisions not compared because the shadow queue was full
 * @param byDirection divergences per direction (both directions present, zero included)
 * @param byTool divergences per tool, by qualified name, sorted
 * @param byRule divergences per rule id named by either outcome, sorted
 * @param examples the first {@value #EXAMPLES_PER_DIRECTION} divergences of each direction, in the
 *     order seen
 */
public record ShadowReport(
    long evaluated,
    long dropped,
    Map<Divergence.Direction, Long> byDirection,
    Map<String, Long> byTool,
    Map<String, Long> byRule,
    List<Divergence> examples) {
  /** How many examples of each direction a report keeps. */
  public static final int EXAMPLES_PER_DIRECTION = 10;

  /** Validates and copies. */
  public ShadowReport {
    if (evaluated < 0 || dropped < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    EnumMap<Divergence.Direction, Long> d = new EnumMap<>(Divergence.Direction.class);
    for (Divergence.Direction dir : Divergence.Direction.values()) {
      d.put(dir, Objects.requireNonNullElse(byDirection.get(dir), 0L));
    }
    byDirection = java.util.Collections.unmodifiableMap(d);
    byTool = java.util.Collections.unmodifiableMap(new TreeMap<>(byTool));
    byRule = java.util.Collections.unmodifiableMap(new TreeMap<>(byRule));
    examples = List.copyOf(examples);
  }

  /** A report of nothing. */
  public static ShadowReport empty() {
    return new Builder().build();
  }

  /** How many divergences, of both directions. */
  public long divergences() {
    return byDirection.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The report as text, as {@code toolgate shadow-report} prints it: the counts (evaluated and
   * dropped only when known), then one section per grouping (largest first, ties by name), then the
   * examples, one line each.
   */
  public String toText() {
    StringBuilder s = new StringBuilder();
    if (evaluated > 0 || dropped > 0) { // a report rebuilt from a log knows neither
      s.append("evaluated: ").append(evaluated).append('\n');
      s.append("dropped: ").append(dropped).append('\n');
    }
    s.append("divergences: ").append(divergences()).append('\n');
    byDirection.forEach(
        (k, v) ->
            s.append("  ")
                .append(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .append(": ")
                .append(v)
                .append('\n'));
    section(s, "by tool", byTool);
    section(s, "by rule", byRule);
    if (!examples.isEmpty()) {
      s.append("examples:\n");
      for (Divergence e : examples) {
        s.append("  ")
            .append(e.time())
            .append(' ')
            .append(e.direction().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
            .append(' ')
            .append(String.join(">", e.chain()))
            .append(' ')
            .append(e.tool())
            .append(e.resource().isEmpty() ? "" : " " + e.resource())
            .append(": active ")
            .append(outcome(e.active()))
            .append(", candidate ")
            .append(outcome(e.candidate()))
            .append('\n');
      }
    }
    return s.toString();
  }

  private static String outcome(Divergence.Outcome o) {
    return o.effect() + " " + o.reason() + " " + o.rules() + " [" + o.policyVersion() + "]";
  }

  private static void section(StringBuilder s, String title, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return;
    }
    s.append(title).append(":\n");
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(
            e -> s.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
  }

  /** Accumulates a report; not thread-safe. */
  public static final class Builder {
    private long evaluated;
    private long dropped;
    private final Map<Divergence.Direction, Long> byDirection =
        new EnumMap<>(Divergence.Direction.class);
    private final Map<String, Long> byTool = new TreeMap<>();
    private final Map<String, Long> byRule = new TreeMap<>();
    private final List<Divergence> examples = new ArrayList<>();

    /** An empty builder. */
    public Builder() {}

    /** Counts {@code n} more decisions compared with the candidate. */
    public Builder evaluated(long n) {
      evaluated += checkCount(n);
      return this;
    }

    /** Counts {@code n} more decisions dropped before they could be compared. */
    public Builder dropped(long n) {
      dropped += checkCount(n);
      return this;
    }

    /** Counts one divergence (it is not counted as evaluated: call {@link #evaluated} for that). */
    public Builder add(Divergence d) {
      Divergence.Direction dir = d.direction();
      long seen = byDirection.merge(dir, 1L, Long::sum);
      byTool.merge(d.tool(), 1L, Long::sum);
      java.util.Set<String> rules = new java.util.LinkedHashSet<>(d.active().rules());
      rules.addAll(d.candidate().rules());
      rules.forEach(r -> byRule.merge(r, 1L, Long::sum));
      if (seen <= EXAMPLES_PER_DIRECTION) {
        examples.add(d);
      }
      return this;
    }

    /** The report so far; the builder is left unchanged. */
    public ShadowReport build() {
      return new ShadowReport(evaluated, dropped, byDirection, byTool, byRule, examples);
    }

    private static long checkCount(long n) {
      if (n < 0) {
        throw new IllegalArgumentException("a count must be >= 0, was " + n);
      }
      return n;
    }
  }
}
