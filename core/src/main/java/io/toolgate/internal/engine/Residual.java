package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.Request;
import io.toolgate.spi.CallContext;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What remains of the policy for one (chain, tool, resource) once everything static is known: the
 * instants at which a principal or a hop expires, each with the denial that takes over then, and
 * then either a constant decision (the common case, returned without allocating) or a {@link
 * DynamicResidual} over the call's arguments and environment.
 *
 * <p>A residual never reads the clock when building, only when applied, so it is exact whenever it
 * is applied: a cached residual and a fresh one agree at every instant.
 */
final class Residual {
  private static final long[] NO_DEADLINES = new long[0];
  private static final Decision[] NO_DECISIONS = new Decision[0];

  private final long[] deadlines;
  private final Decision[] expired;
  private final Decision constant;
  private final DynamicResidual dynamic;

  /**
   * The log-only matches to record, or null when none can match (most residuals): one reference, so
   * a residual built on every uncached call stays small.
   */
  private final LogOnly logged;

  /**
   * What a residual records of log-only entries and rules.
   *
   * @param ids recorded on every decision the dynamic residual makes; null when none matched
   * @param when recorded on a decision when their condition holds for the call; null when none
   * @param minter builds the decisions that carry them
   */
  private record LogOnly(List<String> ids, List<ConditionalRule> when, Decision.Minter minter) {}

  private Residual(
      long[] deadlines,
      Decision[] expired,
      Decision constant,
      DynamicResidual dynamic,
      LogOnly logged) {
    this.deadlines = deadlines;
    this.expired = expired;
    this.constant = constant;
    this.dynamic = dynamic;
    this.logged = logged;
  }

  static Residual constant(Decision decision) {
    return new Residual(NO_DEADLINES, NO_DECISIONS, decision, null, null);
  }

  /**
   * This residual with {@code ids} recorded as log-only matches on the decisions it makes (not on
   * deadline denials: those refuse before any entry is consulted), and the rules {@code when}
   * recorded after them on the calls their condition holds for.
   */
  Residual withLogOnly(List<String> ids, List<ConditionalRule> when, Decision.Minter minter) {
    if (ids.isEmpty() && when.isEmpty()) {
      return this;
    }
    List<String> copy = List.copyOf(ids);
    List<String> dynamicIds = dynamic == null || copy.isEmpty() ? null : copy;
    List<ConditionalRule> conditional = when.isEmpty() ? null : List.copyOf(when);
    return new Residual(
        deadlines,
        expired,
        constant == null || copy.isEmpty() ? constant : minter.withLogOnlyMatches(constant, copy),
        dynamic,
        dynamicIds == null && conditional == null
            ? null
            : new LogOnly(dynamicIds, conditional, minter));
  }

  /** A residual checking {@code deadlines} (epoch millis, chain order) before {@code then}. */
  static Residual withDeadlines(long[] deadlines, Decision[] expired, Residual then) {
    if (deadlines.length == 0) {
      return then;
    }
    return new Residual(deadlines, expired, then.constant, then.dynamic, then.logged);
  }

  static Residual dynamic(DynamicResidual dynamic) {
    return new Residual(NO_DEADLINES, NO_DECISIONS, null, dynamic, null);
  }

  /**
   * The decision when the residual is one decision at every instant and for every argument, else
   * null.
   */
  Decision constantOrNull() {
    return deadlines.length == 0 && conditionalLogOnly() == null ? constant : null;
  }

  /**
   * Applies the residual to one call.
   *
   * @param request the request, or null for a call without arguments or environment values
   */
  Decision apply(InstantSource clock, ZoneId zone, Request request) {
    if (deadlines.length != 0) {
      long now = clock.millis();
      for (int i = 0; i < deadlines.length; i++) {
        if (now >= deadlines[i]) {
          return expired[i];
        }
      }
    }
    List<ConditionalRule> logOnlyIf = conditionalLogOnly();
    if (constant != null && logOnlyIf == null) {
      return constant;
    }
    CallContext context = new DefaultCallContext(clock.instant(), zone, request);
    Decision d;
    if (constant != null) {
      d = constant;
    } else {
      d = dynamic.evaluate(context);
      d =
          logged == null || logged.ids() == null
              ? d
              : logged.minter().withLogOnlyMatches(d, logged.ids());
    }
    return logOnlyIf == null ? d : logConditional(d, logOnlyIf, context);
  }

  private List<ConditionalRule> conditionalLogOnly() {
    return logged == null ? null : logged.when();
  }

  /** {@code d} with the conditional log-only rules that hold for the call added to its matches. */
  private Decision logConditional(
      Decision d, List<ConditionalRule> logOnlyIf, CallContext context) {
    List<String> ids = null;
    for (ConditionalRule rule : logOnlyIf) {
      boolean holds;
      try {
        holds = rule.condition().test(context);
      } catch (Exception e) {
        holds = false; // a log-only rule never decides: an error is only "did not match"
      }
      if (holds) {
        if (ids == null) {
          ids = new ArrayList<>(d.logOnlyMatches());
        }
        if (!ids.contains(rule.ruleId())) {
          ids.add(rule.ruleId());
        }
      }
    }
    return ids == null ? d : logged.minter().withLogOnlyMatches(d, ids);
  }
}
