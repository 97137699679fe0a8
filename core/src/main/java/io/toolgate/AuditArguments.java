package io.toolgate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which tool arguments the audit log records for calls of some tools ({@link
 * Policy.Builder#auditArguments}): by default no argument is ever logged, since arguments may hold
 * personal data. A policy that names fields here records, for each decision on a matching tool, the
 * named top-level arguments the call carries, each either as given ({@link Recording#PLAIN}) or as
 * a digest ({@link Recording#REDACTED}, the default).
 *
 * @param tools the tool patterns whose calls record these fields, at least one
 * @param fields the top-level argument names to record, at least one, none blank
 * @param recording how the values are written
 */
public record AuditArguments(List<ToolPattern> tools, List<String> fields, Recording recording) {

  /** How a recorded argument is written to the audit log. */
  public enum Recording {
    /** The value as given. */
    PLAIN,
    /**
     * {@code sha256:} and the first 16 hex digits of the SHA-256 of the value's canonical JSON: it
     * hides the value from readers of the log yet lets equal values be correlated. It is not
     * encryption: a value from a small set (an amount, a currency) can be found by hashing guesses.
     */
    REDACTED;

    /** The lower-case name used in documents: {@code plain}, {@code redacted}. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value named by {@code text} ({@code plain} or {@code redacted}).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Recording parse(String text) {
      for (Recording r : values()) {
        if (r.text().equals(text)) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          "record must be 'plain' or 'redacted', not '" + text + "'");
    }
  }

  /** Validates and copies. */
  public AuditArguments {
    tools = List.copyOf(tools);
    fields = List.copyOf(fields);
    Objects.requireNonNull(recording, "recording");
    if (tools.isEmpty()) {
      throw new IllegalArgumentException("audit arguments need at least one tool pattern");
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("audit arguments need at least one field");
    }
    for (String f : fields) {
      if (f.isBlank()) {
        throw new IllegalArgumentException("an audit argument field name must not be blank");
      }
    }
  }

  /** The {@code fields} of calls to tools matching {@code tools}, recorded as digests. */
  public static AuditArguments redacted(List<String> tools, String... fields) {
    return new AuditArguments(
        tools.stream().map(ToolPattern::parse).toList(), List.of(fields), Recording.REDACTED);
  }

  /** The {@code fields} of calls to tools matching {@code tools}, recorded as given. */
  public static AuditArguments plain(List<String> tools, String... fields) {
    return new AuditArguments(
        tools.stream().map(ToolPattern::parse).toList(), List.of(fields), Recording.PLAIN);
  }

  /** Whether these fields are recorded for calls of {@code tool}. */
  public boolean appliesTo(ToolId tool) {
    for (ToolPattern p : tools) {
      if (p.matches(tool)) {
        return true;
      }
    }
    return false;
  }
}
