package io.toolgate;

import java.util.List;

/**
 * The kill switches a residual depends on: the tool's (unless the catalog already refuses it),
 * every chain member's that the policy defines, with all its owners' (suspension cascades), and
 * the switch of every delegation id on a hop, whose horizon learns the hop's expiry. A principal
 * the policy does not define is denied as unknown before any switch matters, so it has none.
 */
final class Dependencies {
  static final Switch[] NONE = new Switch[0];

  private final Policy policy;
  private final Switchboard switches;

  Dependencies(Policy policy, Switchboard switches) {
    this.policy = policy;
    this.switches = switches;
  }

  Switch[] of(DelegationChain chain, ToolId tool) {
    Switch[] out = new Switch[8];
    int n = 0;
    if (!policy.hasToolCatalog() || policy.toolOrNull(tool) != null) {
      out[n++] = switches.tool(tool);
    }
    List<String> ids = chain.principals();
    for (int i = 0; i < ids.size(); i++) {
      // Owners exist and are acyclic: the policy validated both when it was built.
      for (Principal p = policy.principalOrNull(ids.get(i)); p != null;
          p = p.ownerOrNull() == null ? null : policy.principalOrNull(p.ownerOrNull())) {
        out = room(out, n);
        out[n++] = switches.principal(p.id());
      }
    }
    for (Delegation hop : chain.hops()) {
      if (hop.id().isPresent()) {
        long expiry = hop.scope().expiry().map(Expiry::millis).orElse(Switch.HORIZON_NEVER);
        out = room(out, n);
        out[n++] = switches.delegation(hop.id().get(), expiry);
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /**
   * Teaches the switchboard the expiries of the chain's delegation ids, as {@link #of} does, for
   * an engine that caches nothing: so it forgets revocations as a caching engine would.
   */
  void learn(DelegationChain chain) {
    for (Delegation hop : chain.hops()) {
      if (hop.id().isPresent()) {
        switches.delegation(hop.id().get(),
            hop.scope().expiry().map(Expiry::millis).orElse(Switch.HORIZON_NEVER));
      }
    }
  }

  private static Switch[] room(Switch[] a, int n) {
    return n < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
  }
}
