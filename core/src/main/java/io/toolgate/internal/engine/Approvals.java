package io.toolgate.internal.engine;

import io.toolgate.Obligation;
import io.toolgate.Policy;
import io.toolgate.spi.CompiledModule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule ids of one policy snapshot whose allows need approval (whitelist entries, role entries,
 * rules: every compiled module's {@link CompiledModule#approvals()}). Asked only when an allow is
 * built, on a miss: the obligation is then part of the residual, so a cached decision carries it
 * exactly as a fresh one does.
 */
final class Approvals {
  private static final Set<Obligation> APPROVAL = Set.of(Obligation.APPROVAL);

  private final Set<String> ruleIds;

  Approvals(Policy policy) {
    Set<String> ids = new HashSet<>();
    for (CompiledModule m : policy.compiledModules()) {
      ids.addAll(m.approvals());
    }
    this.ruleIds = ids;
  }

  /** Whether an allow by the first {@code n} of {@code ids} needs approval. */
  boolean needed(String[] ids, int n) {
    if (ruleIds.isEmpty()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (ruleIds.contains(ids[i])) {
        return true;
      }
    }
    return false;
  }

  /** The obligations of an allow by {@code ids}: {@code APPROVAL} when one of them needs it. */
  Set<Obligation> of(List<String> ids) {
    if (!ruleIds.isEmpty()) {
      for (String id : ids) {
        if (ruleIds.contains(id)) {
          return APPROVAL;
        }
      }
    }
    return Set.of();
  }
}
