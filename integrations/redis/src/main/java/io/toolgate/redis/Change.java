package io.toolgate.redis;

import io.toolgate.DecisionEngine;
import io.toolgate.ToolId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One kill switch issued through the fleet, as it travels in the stream and as it sets or clears
 * one field of the persisted current set.
 *
 * @param kind what it does
 * @param arg the principal id, tool id or delegation id it applies to
 * @param until for a revocation, the epoch millis after which no delegation carrying the id is
 *     valid; -1 when not given
 * @param opId the change's id, recorded once by Redis (replays are idempotent)
 * @param by the replica that issued it
 */
record Change(Kind kind, String arg, long until, String opId, String by) {
  /** The kinds of kill switch, spelled in the stream as their lower-case names. */
  enum Kind {
    SUSPEND("s:"),
    REINSTATE("s:"),
    DECOMMISSION("x:"),
    DISABLE("t:"),
    ENABLE("t:"),
    REVOKE("r:");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** Whether it clears its field of the current set rather than setting it. */
    boolean lifts() {
      return this == REINSTATE || this == ENABLE;
    }

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Validates. */
  Change {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(arg, "arg");
    Objects.requireNonNull(opId, "opId");
    Objects.requireNonNull(by, "by");
    if (arg.isEmpty()) {
      throw new IllegalArgumentException("an empty id");
    }
    if (kind == Kind.DISABLE || kind == Kind.ENABLE) {
      ToolId.parse(arg); // refuses a malformed tool id here, not on every replica
    }
  }

  /**
   * The field of the current set this change sets or clears: switches of one principal, tool or
   * delegation share one field, so the last one in stream order wins.
   */
  String field() {
    return kind.prefix + arg;
  }

  /** The stream entry's fields. */
  Map<String, String> toStream() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("op", kind.wire());
    m.put("arg", arg);
    m.put("until", until < 0 ? "" : Long.toString(until));
    m.put("opid", opId);
    m.put("by", by);
    return m;
  }

  /**
   * The change a stream entry carries.
   *
   * @throws IllegalArgumentException if the entry is not a kill switch this version knows
   */
  static Change fromStream(Map<String, String> body) {
    String op = body.get("op");
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.wire().equals(op)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new IllegalArgumentException("unknown kill switch '" + op + "'");
    }
    String until = body.getOrDefault("until", "");
    return new Change(
        kind,
        Objects.requireNonNullElse(body.get("arg"), ""),
        until.isEmpty() ? -1 : Long.parseLong(until),
        Objects.requireNonNullElse(body.get("opid"), "?"),
        Objects.requireNonNullElse(body.get("by"), "?"));
  }

  /** Applies the change to {@code engine}; every kind is idempotent. */
  void applyTo(DecisionEngine engine) {
    switch (kind) {
      case SUSPEND -> engine.suspend(arg);
      case REINSTATE -> engine.reinstate(arg);
      case DECOMMISSION -> engine.decommission(arg);
      case DISABLE -> engine.disableTool(ToolId.parse(arg));
      case ENABLE -> engine.enableTool(ToolId.parse(arg));
      case REVOKE -> {
        if (until < 0) {
          engine.revokeDelegation(arg);
        } else {
          engine.revokeDelegation(arg, Instant.ofEpochMilli(until));
        }
      }
    }
  }

  /**
   * Applies the state a field of the current set holds, for a replica loading the set: {@code
   * value} is the field's value (the revocation's expiry or empty), or null when the field is
   * absent (lifted).
   */
  static void applyField(DecisionEngine engine, String field, String value) {
    String arg = field.substring(2);
    switch (field.substring(0, 2)) {
      case "s:" -> {
        if (value == null) {
          engine.reinstate(arg);
        } else {
          engine.suspend(arg);
        }
      }
      case "t:" -> {
        if (value == null) {
          engine.enableTool(ToolId.parse(arg));
        } else {
          engine.disableTool(ToolId.parse(arg));
        }
      }
      case "x:" -> {
        if (value != null) {
          engine.decommission(arg); // for the life of the engine: never lifted
        }
      }
      case "r:" -> {
        if (value != null && value.isEmpty()) {
          engine.revokeDelegation(arg);
        } else if (value != null) {
          engine.revokeDelegation(arg, Instant.ofEpochMilli(Long.parseLong(value)));
        } // a revocation is never lifted either
      }
      default ->
          throw new IllegalArgumentException("unknown field of the kill switch set: " + field);
    }
  }
}
