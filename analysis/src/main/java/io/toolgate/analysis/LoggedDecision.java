package io.toolgate.analysis;

import io.toolgate.Effect;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the audit log {@code io.toolgate.audit.AuditLogListener} writes. Immutable.
 *
 * @param time when it was decided
 * @param chain the principal ids of the request's chain, origin first
 * @param tool the tool
 * @param resource the resource ({@link ResourceId#NONE} for an empty one)
 * @param effect allow or deny
 * @param reason the reason's name, as logged
 * @param rules the ids of the deciding rules
 * @param policyVersion the version of the policy that decided
 */
public record LoggedDecision(
    Instant time,
    List<String> chain,
    ToolId tool,
    ResourceId resource,
    Effect effect,
    String reason,
    List<String> rules,
    String policyVersion) {
  /** Validates and copies. */
  public LoggedDecision {
    Objects.requireNonNull(time, "time");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a logged chain names at least one principal");
    }
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(reason, "reason");
    rules = List.copyOf(rules);
    Objects.requireNonNull(policyVersion, "policyVersion");
  }

  /** Whether the request was allowed. */
  public boolean isAllowed() {
    return effect == Effect.ALLOW;
  }
}
