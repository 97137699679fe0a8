package io.toolgate;

import io.toolgate.internal.CanonicalJson;
import io.toolgate.internal.Digests;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One decision as listeners see it. Built on the deciding thread with no formatting: the time is
 * kept as epoch milliseconds and turned into an {@link Instant} only when asked for, and the
 * arguments to record are worked out only when a listener asks ({@link #recordedArguments()}).
 *
 * @param epochMillis when the decision was made, by the engine's clock, in epoch milliseconds
 * @param request what was asked
 * @param decision the answer
 * @param nanos how long deciding took, in nanoseconds, or -1 when the engine does not measure it
 *     ({@link DecisionEngine.Builder#measureLatency})
 * @param auditArguments the argument-recording rules of the policy that decided ({@link
 *     Policy#auditArguments()}); empty when it names none
 */
public record DecisionEvent(
    long epochMillis,
    Request request,
    Decision decision,
    long nanos,
    List<AuditArguments> auditArguments) {
  /** Validates. */
  public DecisionEvent {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(decision, "decision");
    auditArguments = List.copyOf(auditArguments);
  }

  /** An event whose policy records no arguments. */
  public DecisionEvent(long epochMillis, Request request, Decision decision, long nanos) {
    this(epochMillis, request, decision, nanos, List.of());
  }

  /** An event at {@code time} whose policy records no arguments. */
  public DecisionEvent(Instant time, Request request, Decision decision, long nanos) {
    this(time.toEpochMilli(), request, decision, nanos);
  }

  /** When the decision was made, by the engine's clock. */
  public Instant time() {
    return Instant.ofEpochMilli(epochMillis);
  }

  /**
   * The arguments the audit log records for this call: for each field the policy's {@link
   * #auditArguments() rules} name for this tool and the request carries, the value as given ({@link
   * AuditArguments.Recording#PLAIN}) or its digest ({@link AuditArguments.Recording#REDACTED}:
   * {@code sha256:} and 16 hex digits of the SHA-256 of the value's canonical JSON). A field named
   * both ways is redacted. Empty when nothing is named.
   */
  public Map<String, Object> recordedArguments() {
    if (auditArguments.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> given = request.arguments();
    Map<String, Boolean> redact = new LinkedHashMap<>();
    for (AuditArguments rule : auditArguments) {
      if (rule.appliesTo(request.tool())) {
        boolean r = rule.recording() == AuditArguments.Recording.REDACTED;
        for (String f : rule.fields()) {
          if (given.containsKey(f)) {
            redact.merge(f, r, Boolean::logicalOr);
          }
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    redact.forEach((f, r) -> out.put(f, r ? digest(given.get(f)) : given.get(f)));
    return out;
  }

  /** The redacted form of a JSON-like value. */
  public static String digest(Object value) {
    return "sha256:" + Digests.sha256Hex16(CanonicalJson.write(value));
  }
}
