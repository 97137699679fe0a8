package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.Request;
import io.toolgate.spi.CallContext;
import java.time.InstantSource;
import java.time.ZoneId;
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

  /** Log-only ids recorded on every decision {@link #dynamic} makes; null when none matched. */
  private final List<String> logOnly;

  private final Decision.Minter minter;

  private Residual(
      long[] deadlines,
      Decision[] expired,
      Decision constant,
      DynamicResidual dynamic,
      List<String> logOnly,
      Decision.Minter minter) {
    this.deadlines = deadlines;
    this.expired = expired;
    this.constant = constant;
    this.dynamic = dynamic;
    this.logOnly = logOnly;
    this.minter = minter;
  }

  static Residual constant(Decision decision) {
    return new Residual(NO_DEADLINES, NO_DECISIONS, decision, null, null, null);
  }

  /**
   * This residual with {@code ids} recorded as log-only matches on the decisions it makes (not on
   * deadline denials: those refuse before any entry is consulted).
   */
  Residual withLogOnly(List<String> ids, Decision.Minter minter) {
    if (ids.isEmpty()) {
      return this;
    }
    List<String> copy = List.copyOf(ids);
    return new Residual(
        deadlines,
        expired,
        constant == null ? null : minter.withLogOnlyMatches(constant, copy),
        dynamic,
        dynamic == null ? null : copy,
        minter);
  }

  /** A residual checking {@code deadlines} (epoch millis, chain order) before {@code then}. */
  static Residual withDeadlines(long[] deadlines, Decision[] expired, Residual then) {
    if (deadlines.length == 0) {
      return then;
    }
    return new Residual(deadlines, expired, then.constant, then.dynamic, then.logOnly, then.minter);
  }

  static Residual dynamic(DynamicResidual dynamic) {
    return new Residual(NO_DEADLINES, NO_DECISIONS, null, dynamic, null, null);
  }

  /**
   * The decision when the residual is one decision at every instant and for every argument, else
   * null.
   */
  Decision constantOrNull() {
    return deadlines.length == 0 ? constant : null;
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
    if (constant != null) {
      return constant;
    }
    CallContext context = new DefaultCallContext(clock.instant(), zone, request);
    Decision d = dynamic.evaluate(context);
    return logOnly == null ? d : minter.withLogOnlyMatches(d, logOnly);
  }
}
