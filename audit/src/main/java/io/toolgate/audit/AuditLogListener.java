package io.toolgate.audit;

import io.toolgate.Approval;
import io.toolgate.Decision;
import io.toolgate.DecisionError;
import io.toolgate.DecisionEvent;
import io.toolgate.DecisionListener;
import io.toolgate.Divergence;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default audit listener: one JSON object per decision, on one line, at INFO on the SLF4J
 * logger {@code io.toolgate.audit}, so a log file of this logger alone is JSON Lines. Fields:
 * {@code time}, {@code chain} (principal ids, origin first), {@code tool}, {@code resource}, {@code
 * effect}, {@code reason}, {@code rules}, {@code policyVersion}, {@code nanos} (when the engine
 * measures latency), for hop-specific denials {@code hop} and {@code refusedBy}, {@code logOnly}
 * when log-only entries matched, for an allow that awaits approval {@code obligations} ({@code
 * ["APPROVAL"]}), and for the outcome of an approval (a second line, its reason {@code PERMITTED},
 * {@code APPROVAL_DENIED} or {@code APPROVAL_TIMEOUT}) {@code approval}: {@code {outcome, by, at,
 * why}} when someone answered. Arguments are not logged, since they may hold personal data, unless
 * the deciding policy names fields to record ({@link io.toolgate.Policy.Builder#auditArguments}):
 * then {@code args} holds those the call carries, each as given or as a {@code sha256:} digest
 * ({@link DecisionEvent#recordedArguments()}). Shadow divergences are lines of their own ({@link
 * #toJson(Divergence)}).
 *
 * <p>Formatting and I/O happen on the calling thread: wrap it with {@link
 * AsyncDecisionListener#wrap} (or use {@link #async(int)}) so they happen on the audit thread
 * instead, off the deciding thread.
 */
public final class AuditLogListener implements DecisionListener {
  /** The logger name audit lines go to. */
  public static final String LOGGER_NAME = "io.toolgate.audit";

  private final Logger logger;
  private final JsonMapper json = JsonMapper.builder().build();
  private final InstantText times = new InstantText();

  /** A listener writing to the {@value #LOGGER_NAME} logger. */
  public AuditLogListener() {
    this(LoggerFactory.getLogger(LOGGER_NAME));
  }

  /**
   * A listener writing to the given logger. Without an SLF4J provider on the class path every audit
   * line (and every fail-closed error the engine logs) is silently dropped, so this warns once per
   * listener through the JDK's {@link System.Logger} when that is the case.
   */
  public AuditLogListener(Logger logger) {
    this.logger = logger;
    if (!hasProvider(LoggerFactory.getILoggerFactory(), logger)) {
      System.getLogger(LOGGER_NAME)
          .log(
              System.Logger.Level.WARNING,
              "no SLF4J provider is on the class path: audit lines and fail-closed errors are dropped; "
                  + "add one (logback-classic, slf4j-simple, log4j-slf4j2-impl)");
    }
  }

  /** Whether audit lines reach a real logging backend: not SLF4J's no-operation fallback. */
  static boolean hasProvider(org.slf4j.ILoggerFactory factory, Logger logger) {
    return !(factory instanceof org.slf4j.helpers.NOPLoggerFactory)
        && !(logger instanceof org.slf4j.helpers.NOPLogger);
  }

  /**
   * An audit listener on its own thread, behind a lock-free queue of {@code capacity} events: what
   * an engine under load should use. Close it on shutdown to flush the queue.
   */
  public static AsyncDecisionListener async(int capacity) {
    return AsyncDecisionListener.wrap(new AuditLogListener(), capacity);
  }

  @Override
  public void onDecision(DecisionEvent event) {
    if (logger.isInfoEnabled()) {
      logger.info(toJson(event));
    }
  }

  /** Renders one event as the single-line JSON object this listener logs. */
  public String toJson(DecisionEvent event) {
    return json.writeValueAsString(fields(event, times.of(event.epochMillis())));
  }

  /**
   * The fields of one event's line, in order, as JSON-like values, {@code time} being the event's
   * instant as ISO-8601 text ({@link InstantText}): a fresh map, shared with {@link
   * ChainedAuditLog}, whose lines carry the same fields and more.
   */
  static Map<String, Object> fields(DecisionEvent event, String time) {
    Decision d = event.decision();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", time);
    line.put("chain", event.request().chain().principals());
    line.put("tool", event.request().tool().qualifiedName());
    line.put("resource", event.request().resource().value());
    Map<String, Object> args = event.recordedArguments();
    if (!args.isEmpty()) {
      line.put("args", args);
    }
    line.put("effect", d.effect().name());
    line.put("reason", d.reason().name());
    line.put("rules", d.ruleIds());
    line.put("policyVersion", d.policyVersion());
    d.refusingHop().ifPresent(h -> line.put("hop", h));
    d.refusingPrincipal().ifPresent(p -> line.put("refusedBy", p));
    if (!d.errors().isEmpty()) {
      line.put("errors", d.errors().stream().map(DecisionError::toString).toList());
    }
    if (!d.logOnlyMatches().isEmpty()) {
      line.put("logOnly", d.logOnlyMatches());
    }
    if (!d.obligations().isEmpty()) {
      line.put("obligations", d.obligations().stream().map(Enum::name).toList());
    }
    d.approval().ifPresent(a -> line.put("approval", approval(a)));
    if (event.nanos() >= 0) {
      line.put("nanos", event.nanos());
    }
    return line;
  }

  /** Logs a shadow divergence as one line (see {@link #toJson(Divergence)}). */
  @Override
  public void onDivergence(Divergence divergence) {
    if (logger.isInfoEnabled()) {
      logger.info(toJson(divergence));
    }
  }

  /**
   * Renders a shadow divergence as a single-line JSON object: {@code event: "divergence"}, {@code
   * time}, {@code direction} ({@code NEWLY_ALLOW} or {@code NEWLY_DENY}), {@code chain}, {@code
   * tool}, {@code resource}, and {@code active} and {@code candidate}, each {@code {effect, reason,
   * rules, policyVersion}}. {@code toolgate shadow-report} reads these lines back.
   */
  public String toJson(Divergence divergence) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "divergence");
    line.put("time", divergence.time().toString());
    line.put("direction", divergence.direction().name());
    line.put("chain", divergence.chain());
    line.put("tool", divergence.tool());
    line.put("resource", divergence.resource());
    line.put("active", outcome(divergence.active()));
    line.put("candidate", outcome(divergence.candidate()));
    return json.writeValueAsString(line);
  }

  private static Map<String, Object> outcome(Divergence.Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("effect", o.effect().name());
    m.put("reason", o.reason().name());
    m.put("rules", o.rules());
    m.put("policyVersion", o.policyVersion());
    return m;
  }

  /** An approval as {@code {outcome: granted|refused, by, at, why?}}. */
  private static Map<String, Object> approval(Approval a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("outcome", a.isGranted() ? "granted" : "refused");
    out.put("by", a.approver());
    out.put("at", a.at().toString());
    if (a instanceof Approval.Refused r && !r.why().isEmpty()) {
      out.put("why", r.why());
    }
    return out;
  }
}
