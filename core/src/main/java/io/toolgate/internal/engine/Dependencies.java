package io.toolgate.internal.engine;

import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ToolId;
import java.util.Arrays;
import java.util.List;

/**
 * The kill switches a residual depends on: the tool's (unless the catalog already refuses it),
 * every chain member's that the policy defines, with all its owners' (suspension cascades), and the
 * switch of every delegation id on a hop, whose horizon learns the hop's expiry. A principal the
 * policy does not define is denied as unknown before any switch matters, so it has none. Principals
 * are named by their ordinal in the state's {@link PrincipalStates}; tools and delegation ids by
 * their interned {@link Switch}.
 */
final class Dependencies {
  static final int[] NO_PRINCIPALS = new int[0];
  static final Switch[] NO_SWITCHES = new Switch[0];

  private final Policy policy;
  private final Switchboard switches;
  private final PrincipalStates states;

  Dependencies(Policy policy, Switchboard switches, PrincipalStates states) {
    this.policy = policy;
    this.switches = switches;
    this.states = states;
  }

  /** The cache entry of a residual built without switches, with what it depends on. */
  CachedResidual entry(CacheKey key, DelegationChain chain, Residual residual, Limiter limiter) {
    ToolId tool = key.tool();
    Switch toolSwitch =
        !policy.hasToolCatalog() || policy.findTool(tool) != null ? switches.tool(tool) : null;
    int[] principals = new int[4];
    int n = 0;
    List<String> ids = chain.principals();
    for (int i = 0; i < ids.size(); i++) {
      // Owners exist and are acyclic: the policy validated both when it was built.
      for (Principal p = policy.findPrincipal(ids.get(i));
          p != null;
          p = p.ownerId() == null ? null : policy.findPrincipal(p.ownerId())) {
        if (n == principals.length) {
          principals = Arrays.copyOf(principals, n * 2);
        }
        principals[n++] = states.ordinal(p.id());
      }
    }
    Switch[] delegations = NO_SWITCHES;
    for (Delegation hop : chain.hops()) {
      Switch s = delegationSwitch(hop);
      if (s != null) {
        delegations = Arrays.copyOf(delegations, delegations.length + 1);
        delegations[delegations.length - 1] = s;
      }
    }
    return new CachedResidual(
        key,
        residual,
        states.bits(),
        toolSwitch,
        n == 0 ? NO_PRINCIPALS : Arrays.copyOf(principals, n),
        delegations,
        limiter);
  }

  /**
   * Teaches the switchboard the expiries of the chain's delegation ids, as {@link #entry} does, for
   * an engine that caches nothing: so it forgets revocations as a caching engine would.
   */
  void learn(DelegationChain chain) {
    List<Delegation> hops = chain.hops();
    for (int i = 0; i < hops.size(); i++) {
      delegationSwitch(hops.get(i));
    }
  }

  /** The switch of a hop's delegation id, learning the hop's expiry; null for a hop without id. */
  private Switch delegationSwitch(Delegation hop) {
    String id = hop.revocationId();
    if (id == null) {
      return null;
    }
    return switches.delegation(
        id, hop.scope().expiry().map(Expiry::millis).orElse(Switch.HORIZON_NEVER));
  }
}
