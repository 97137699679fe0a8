package io.toolgate;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A quota on the calls an entry or rule allows: at most {@code calls} calls in each {@code window},
 * counted {@link Per per} principal, per chain origin or per delegation session, over the tools
 * matching {@code tools} (every tool the rule allows when empty). Attached to the id of what allows
 * a call: a whitelist entry ({@link Policy.Builder#limit}) or a module's rule ({@link
 * io.toolgate.spi.CompiledModule#limits}).
 *
 * <p>Windows are fixed and aligned to the epoch: a one-hour window resets at the top of every UTC
 * hour, a ten-second one at every multiple of ten seconds since 1970. So "100 per 1h" means at most
 * 100 calls in each clock hour, every engine (and, with a shared store, every node) agreeing on
 * where a window starts; across a boundary up to twice the calls may fall within one hour's span.
 * An exhausted limit denies with {@link Reason#RATE_LIMITED} and {@link Decision#retryAt()}, the
 * start of the next window.
 *
 * @param tools the tool patterns whose calls count; empty: every call the rule allows
 * @param per what the calls are counted per
 * @param calls how many calls each window allows, at least 1
 * @param window the window, a positive whole number of milliseconds
 */
public record Limit(List<ToolPattern> tools, Per per, long calls, Duration window) {

  /** What a limit's calls are counted per. */
  public enum Per {
    /** The principal making the call: the last principal of the chain. */
    PRINCIPAL,
    /** The chain's origin: the principal (usually a user) every hop acts for. */
    ORIGIN,
    /**
     * The delegation session: the id of the chain's outermost hop that carries one ({@link
     * Delegation#withId}), so a sub-agent's calls count toward the session its parent was given. A
     * call without a delegation id (a direct call, or a chain whose hops carry none) is counted per
     * origin instead, so leaving the id out never escapes the limit.
     */
    SESSION;

    /**
     * The lower-case name used in documents: {@code principal}, {@code origin}, {@code session}.
     */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value named by {@code text} ({@code principal}, {@code origin} or {@code session}).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Per parse(String text) {
      for (Per p : values()) {
        if (p.text().equals(text)) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "'per' must be principal, origin or session, was '" + text + "'");
    }
  }

  /** Validates and copies. */
  public Limit {
    tools = List.copyOf(tools);
    Objects.requireNonNull(per, "per");
    Objects.requireNonNull(window, "window");
    if (calls < 1) {
      throw new IllegalArgumentException("a limit must allow at least 1 call, was " + calls);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a limit's window must be positive, was " + window);
    }
    if (window.compareTo(Duration.ofDays(366)) > 0) {
      throw new IllegalArgumentException(
          "a limit's window must be at most 366 days, was " + window);
    }
    if (window.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "a limit's window must be a whole number of milliseconds, was " + window);
    }
  }

  /**
   * A limit of {@code calls} per {@code window} per {@code per} over the tool patterns given (every
   * tool the rule allows when none is given).
   *
   * @throws IllegalArgumentException if a pattern is malformed or a number out of range
   */
  public static Limit of(long calls, Duration window, Per per, String... tools) {
    return new Limit(Arrays.stream(tools).map(ToolPattern::parse).toList(), per, calls, window);
  }

  /** Whether calls of {@code tool} count toward this limit. */
  public boolean appliesTo(ToolId tool) {
    if (tools.isEmpty()) {
      return true;
    }
    for (ToolPattern p : tools) {
      if (p.matches(tool)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads a window: ISO-8601 ({@code PT1H}, {@code P1D}) or a number with one unit, {@code ms},
   * {@code s}, {@code m}, {@code h} or {@code d} ({@code 500ms}, {@code 10s}, {@code 30m}, {@code
   * 1h}, {@code 1d}).
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static Duration parseWindow(String text) {
    Objects.requireNonNull(text, "text");
    String problem =
        "a window is a number with a unit (500ms, 10s, 30m, 1h, 1d) or ISO-8601 (PT1H), was '"
            + text
            + "'";
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(problem, e);
      }
    }
    int digits = 0;
    while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
      digits++;
    }
    if (digits == 0 || digits > 12) {
      throw new IllegalArgumentException(problem);
    }
    long n = Long.parseLong(text.substring(0, digits));
    switch (text.substring(digits)) {
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Writes a window in the short form {@link #parseWindow} reads, in the largest unit that divides
   * it: {@code 1h}, {@code 90m}, {@code 1500ms}.
   */
  public static String formatWindow(Duration window) {
    long ms = window.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return ms + "ms";
  }

  /**
   * A stable text naming the definition: {@code 100/1h per origin on [payments/transfer]}; equal
   * limits have equal texts, so counters keyed by it survive a policy swap that keeps the limit.
   */
  @Override
  public String toString() {
    return calls
        + "/"
        + formatWindow(window)
        + " per "
        + per.text()
        + (tools.isEmpty()
            ? ""
            : tools.stream()
                .map(ToolPattern::toString)
                .collect(Collectors.joining(", ", " on [", "]")));
  }
}
