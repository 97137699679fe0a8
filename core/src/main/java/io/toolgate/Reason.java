package io.toolgate;

/**
 * Why a {@link Decision} came out the way it did. Every reason but {@link #PERMITTED} belongs to a
 * denial.
 */
public enum Reason {
  /** Allowed: every principal in the chain holds a matching allow and nothing forbids the call. */
  PERMITTED,
  /** No grant of the named principal covers the tool and resource (default deny). */
  NOT_PERMITTED,
  /** A deny entry or rule matched; deny overrides allow. */
  EXPLICIT_DENY,
  /** The tool or resource lies outside the scope a hop of the delegation chain passed on. */
  OUTSIDE_DELEGATION,
  /** A principal in the chain is suspended or decommissioned, directly or through its owner. */
  PRINCIPAL_INACTIVE,
  /** A principal in the chain has passed its expiry. */
  PRINCIPAL_EXPIRED,
  /** A principal in the chain is not defined by the policy. */
  UNKNOWN_PRINCIPAL,
  /** The policy declares a tool catalog and the tool is not in it. */
  UNKNOWN_TOOL,
  /** The policy declares a resource catalog and the resource is not in it. */
  UNKNOWN_RESOURCE,
  /** The tool has been disabled (a kill switch). */
  TOOL_DISABLED,
  /** A hop of the delegation chain has passed the expiry its delegator gave it. */
  DELEGATION_EXPIRED,
  /** A hop of the delegation chain carries a delegation id that has been revoked. */
  DELEGATION_REVOKED,
  /** The chain is longer than the policy or a hop's scope allows. */
  DEPTH_EXCEEDED,
  /** The same principal appears twice in the chain. */
  DUPLICATE_PRINCIPAL,
  /** Only conditional grants matched, and none of their conditions held for this call. */
  CONDITION_FAILED,
  /** Two roles that must not be active together in one request are (dynamic separation of duty). */
  SEPARATION_OF_DUTY,
  /**
   * The tool's definition (name, description, input schema, annotations) no longer matches the
   * digest the policy pinned when the tool was approved: it changed since (a "rug pull"), and stays
   * denied until the policy pins the new definition. Decided by {@link
   * io.toolgate.guard.ToolGuard}.
   */
  TOOL_DEFINITION_CHANGED,
  /**
   * The call's resource could not be derived from its arguments: a required argument is missing or
   * malformed, a path escapes its root, or no resource rule is declared for the tool. Decided by
   * {@link io.toolgate.guard.ToolGuard}.
   */
  RESOURCE_UNRESOLVED,
  /**
   * The engine requires an audit record of every decision ({@link
   * DecisionEngine.Builder#requireAudit}) and the audit queue could not take this one (full or
   * closed): no audit record, no action.
   */
  AUDIT_UNAVAILABLE,
  /**
   * The resource id could not be made canonical (an encoded separator, double encoding, a {@code
   * ..} above the root, an empty path segment, ...; see {@link ResourceId}): no spelling may reach
   * what the policy did not allow, so such an id is refused.
   */
  RESOURCE_INVALID,
  /**
   * The policy allows the call, but a {@link Limit} on what allows it is used up for this window:
   * {@link Decision#retryAt()} says when the next call is possible. A denied call consumes nothing.
   */
  RATE_LIMITED,
  /** Evaluation failed; the engine failed closed. */
  ERROR,
  /**
   * The engine's {@link io.toolgate.spi.DecisionGate} is closed, or its shared limit store cannot
   * be reached ({@link io.toolgate.spi.StoreUnavailableException}): a replica of a fleet that has
   * not heard from the fleet's store for longer than its staleness bound, whose kill switches and
   * counters may be out of date, denies every call until it hears again.
   */
  FLEET_UNAVAILABLE,
  /**
   * The policy allows the call only with approval ({@link Obligation#APPROVAL}) and it was refused:
   * the approver said no ({@link Decision#approval()} says who and why), the approval handler
   * failed, or no handler is configured. Decided by {@link io.toolgate.guard.ToolGuard}.
   */
  APPROVAL_DENIED,
  /**
   * The policy allows the call only with approval ({@link Obligation#APPROVAL}) and no answer came
   * within the guard's deadline. Decided by {@link io.toolgate.guard.ToolGuard}.
   */
  APPROVAL_TIMEOUT
}
