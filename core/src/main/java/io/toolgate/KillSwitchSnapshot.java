package io.toolgate;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The kill switches an engine holds at one moment, for operators and dashboards ({@link
 * DecisionEngine#killSwitches()}). Immutable; iteration is sorted.
 *
 * @param suspended principals suspended by {@link DecisionEngine#suspend}
 * @param decommissioned principals decommissioned by {@link DecisionEngine#decommission}
 * @param disabledTools tools disabled by {@link DecisionEngine#disableTool}
 * @param revokedDelegations delegation ids revoked and not yet forgotten (see {@link
 *     DecisionEngine#revokeDelegation(String)})
 */
public record KillSwitchSnapshot(
    Set<String> suspended,
    Set<String> decommissioned,
    Set<ToolId> disabledTools,
    Set<String> revokedDelegations) {
  /** Validates and copies. */
  public KillSwitchSnapshot {
    suspended =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(Objects.requireNonNull(suspended, "suspended")));
    decommissioned =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(Objects.requireNonNull(decommissioned, "decommissioned")));
    disabledTools =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(Objects.requireNonNull(disabledTools, "disabledTools")));
    revokedDelegations =
        Collections.unmodifiableSet(
            new LinkedHashSet<>(Objects.requireNonNull(revokedDelegations, "revokedDelegations")));
  }
}
