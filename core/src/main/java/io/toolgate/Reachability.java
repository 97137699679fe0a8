package io.toolgate;

import io.toolgate.spi.CompiledModule;
import java.util.List;

/**
 * Answers the visibility question "could some call of this tool through this chain be allowed?"
 * from one policy snapshot and one set of kill switches, without enumerating resources.
 *
 * <p>Exact for what depends only on the chain and the tool: depth, catalog, disabled tools,
 * duplicate, unknown and inactive principals, delegation limits, revoked hops, further-hop limits,
 * each hop's scope tools, and for every principal a module that may allow the tool (the whitelist:
 * an allow entry whose tool pattern matches) with no module denying it on every resource (the
 * whitelist: a deny entry over every resource or {@code **}). It errs toward showing: resource
 * patterns of allows, denies and scopes are not intersected, expiries and conditions are not
 * evaluated, and modules that do not answer the question count as "may allow". Such a tool is
 * shown and its calls are denied, which is why every call is still decided in full.
 */
final class Reachability {
  private final Policy policy;
  private final KillSwitches switches;
  private final long nowMillis;

  Reachability(Policy policy, KillSwitches switches, long nowMillis) {
    this.policy = policy;
    this.switches = switches;
    this.nowMillis = nowMillis;
  }

  boolean reachable(DelegationChain chain, ToolId toolId, Session session) {
    if (chain.depth() > policy.maxDelegationDepth()) {
      return false;
    }
    Tool tool = policy.toolOrNull(toolId);
    if (tool == null) {
      if (policy.hasToolCatalog()) {
        return false;
      }
      tool = Tool.of(toolId);
    }
    if (switches.isDisabled(toolId)) {
      return false;
    }
    ResidualCompiler compiler = new ResidualCompiler(policy, switches);
    List<String> ids = chain.principals();
    Principal[] principals = new Principal[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (ids.subList(0, i).contains(id)) {
        return false;
      }
      Principal p = policy.principalOrNull(id);
      if (p == null || compiler.inactivity(p) != null || compiler.expired(p, nowMillis)) {
        return false;
      }
      int limit = policy.delegationLimit(id);
      if (limit >= 0 && ids.size() - 1 - i > limit) {
        return false;
      }
      if (i > 0 && !hopPassesOn(chain, i, toolId)) {
        return false;
      }
      principals[i] = p;
    }
    List<CompiledModule> modules = policy.compiledModules();
    for (Principal p : principals) {
      boolean may = false;
      for (CompiledModule m : modules) {
        if (m.deniesEverywhere(p, tool, session)) {
          return false;
        }
        may |= m.mayAllow(p, tool, session);
      }
      if (!may) {
        return false;
      }
    }
    return true;
  }

  private boolean hopPassesOn(DelegationChain chain, int i, ToolId tool) {
    Delegation hop = chain.hops().get(i - 1);
    if (hop.id().isPresent() && switches.isRevoked(hop.id().get())) {
      return false;
    }
    DelegationScope scope = hop.scope();
    if (scope.expiry().isPresent() && nowMillis >= Expiry.millis(scope.expiry().get())) {
      return false;
    }
    if (scope.maxFurtherHops().isPresent() && chain.size() - 1 - i > scope.maxFurtherHops().getAsInt()) {
      return false;
    }
    if (scope.tools().isEmpty()) {
      return true;
    }
    for (ToolPattern p : scope.tools()) {
      if (p.matches(tool)) {
        return true;
      }
    }
    return false;
  }
}
