package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import io.toolgate.spi.LimitCounter;
import java.util.List;

/**
 * A residual with the parts of the key it was built for, laid out flat for the hot path: the value
 * the Caffeine cache stores and what the {@link HotResiduals} table holds (so promoting a Caffeine
 * hit allocates nothing), with the constant decision pulled up front so a hit on the common,
 * constant case reads no further. Immutable; fields are final for safe publication through the
 * table's plain array.
 *
 * <p>The residual is built as if no kill switch were thrown; the entry names the switches of the
 * principals (with their owners), the tool and the delegation ids it depends on, which a hit reads
 * ({@link #switched()}) before using it.
 */
final class CachedResidual {
  final Object subject;
  final ToolId tool;
  final ResourceId resource;
  final Session session;
  final int hash;

  /**
   * The decision when the residual is the same at every instant and for every argument, else null.
   */
  final Decision constant;

  /**
   * Whether {@link #constant} allows outright (no approval awaited): canInvoke answers from here
   * without reading the decision.
   */
  final boolean constantAllows;

  /**
   * The principal switch bits of the state this entry belongs to ({@link PrincipalStates#bits}).
   */
  private final int[] principalBits;

  /** Ordinals of the principals (with owners) this residual depends on; at most two inline. */
  private final int p0;

  private final int p1;
  private final int[] morePrincipals;

  /** The tool's switch, or null when the catalog refuses the tool anyway. */
  private final Switch tool0;

  /** The switches of the chain's delegation ids; null when there are none (the common case). */
  private final Switch[] delegations;

  // The fields a plain hit does not read come last: the JVM lays references out in declaration
  // order, so a hit reads the front of the entry and touches one cache line more rarely.

  final Residual residual;

  /**
   * The counters {@link #constant} consumes from when it allows under a policy with limits (empty
   * when none applies); null otherwise, and for a dynamic residual, whose allows find theirs per
   * call.
   */
  final List<LimitCounter> counters;

  CachedResidual(
      CacheKey key,
      Residual residual,
      int[] principalBits,
      Switch toolSwitch,
      int[] principals,
      Switch[] delegations,
      Limiter limiter) {
    this.subject = key.subject();
    this.tool = key.tool();
    this.resource = key.resource();
    this.session = key.session();
    this.hash = key.hashCode();
    this.residual = residual;
    this.constant = residual.constantOrNull();
    this.constantAllows = constant != null && constant.isAllowedOutright();
    this.counters =
        limiter != null && constant != null && constant.isAllowed()
            ? limiter.counters(constant.ruleIds(), subject, tool)
            : null;
    this.principalBits = principalBits;
    this.tool0 = toolSwitch;
    this.p0 = principals.length > 0 ? principals[0] : -1;
    this.p1 = principals.length > 1 ? principals[1] : -1;
    this.morePrincipals =
        principals.length > 2
            ? java.util.Arrays.copyOfRange(principals, 2, principals.length)
            : null;
    this.delegations = delegations.length == 0 ? null : delegations;
  }

  /**
   * Whether a kill switch this residual depends on is on: a few reads of the state's packed
   * principal bits and of shared switches, nothing written.
   */
  boolean switched() {
    if ((p0 >= 0 && PrincipalStates.on(principalBits, p0))
        || (p1 >= 0 && PrincipalStates.on(principalBits, p1))
        || (tool0 != null && tool0.state != 0)) {
      return true;
    }
    if (morePrincipals != null) {
      for (int p : morePrincipals) {
        if (PrincipalStates.on(principalBits, p)) {
          return true;
        }
      }
    }
    if (delegations != null) {
      for (Switch s : delegations) {
        if (s.state != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether this entry was built for these parts. */
  boolean matches(Object subject, ToolId tool, ResourceId resource, Session session, int hash) {
    return this.hash == hash
        && (this.tool == tool || this.tool.equals(tool))
        && (this.resource == resource || this.resource.equals(resource))
        && (this.subject == subject || this.subject.equals(subject))
        && (this.session == session || this.session.equals(session));
  }
}
