package io.toolgate;

import com.google.common.collect.ImmutableSet;

/**
 * The engine's emergency overrides, which outlive policy swaps: suspended and decommissioned
 * principals, disabled tools, revoked delegation ids. Immutable; the engine replaces the whole
 * value (and its cache with it) on every change.
 */
record KillSwitches(
    ImmutableSet<String> suspended,
    ImmutableSet<String> decommissioned,
    ImmutableSet<ToolId> disabledTools,
    ImmutableSet<String> revokedDelegations) {

  static final KillSwitches NONE =
      new KillSwitches(ImmutableSet.of(), ImmutableSet.of(), ImmutableSet.of(), ImmutableSet.of());

  boolean isInactive(String principalId) {
    return suspended.contains(principalId) || decommissioned.contains(principalId);
  }

  KillSwitches suspend(String id) {
    return new KillSwitches(plus(suspended, id), decommissioned, disabledTools, revokedDelegations);
  }

  KillSwitches reinstate(String id) {
    return new KillSwitches(minus(suspended, id), decommissioned, disabledTools, revokedDelegations);
  }

  KillSwitches decommission(String id) {
    return new KillSwitches(suspended, plus(decommissioned, id), disabledTools, revokedDelegations);
  }

  KillSwitches disable(ToolId tool) {
    return new KillSwitches(suspended, decommissioned, plus(disabledTools, tool), revokedDelegations);
  }

  KillSwitches enable(ToolId tool) {
    return new KillSwitches(suspended, decommissioned, minus(disabledTools, tool), revokedDelegations);
  }

  KillSwitches revoke(String delegationId) {
    return new KillSwitches(suspended, decommissioned, disabledTools, plus(revokedDelegations, delegationId));
  }

  private static <T> ImmutableSet<T> plus(ImmutableSet<T> set, T value) {
    return ImmutableSet.<T>builder().addAll(set).add(value).build();
  }

  private static <T> ImmutableSet<T> minus(ImmutableSet<T> set, T value) {
    return set.stream().filter(v -> !v.equals(value)).collect(ImmutableSet.toImmutableSet());
  }
}
