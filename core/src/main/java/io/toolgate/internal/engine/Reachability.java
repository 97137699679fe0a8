package io.toolgate.internal.engine;

import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Session;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.spi.CompiledModule;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Answers the visibility question "could some call of this tool through this chain be allowed?"
 * from one policy snapshot and one set of kill switches, without enumerating resources.
 *
 * <p>Exact for what depends only on the chain and the tool: depth, catalog, disabled tools,
 * duplicate, unknown and inactive principals, delegation limits, revoked hops, further-hop limits,
 * each hop's scope tools, and for every principal a module that may allow the tool (the whitelist:
 * an allow entry whose tool pattern matches) with no module denying it on every resource (the
 * whitelist: a deny entry over every resource or {@code **}). It errs toward showing: resource
 * patterns of allows, denies and scopes are not intersected, conditions are not evaluated (expiries
 * are compared with now), and modules that do not answer the question count as "may allow". Such a
 * tool is shown and its calls are denied, which is why every call is still decided in full.
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
    Admission.Admitted admitted =
        new Admission(policy, switches).admit(chain, toolId, null, new Now());
    if (admitted == null) {
      return false;
    }
    Tool tool = admitted.tool();
    for (Principal p : admitted.principals()) {
      boolean may = false;
      for (CompiledModule m : policy.compiledModules()) {
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

  /** Visibility asks about now: what has expired refuses, what has not is admitted. */
  private final class Now implements Admission.Walk {
    @Override
    public void refuse(Reason reason, int hop, Supplier<String> detail) {}

    @Override
    public boolean expires(Reason reason, int hop, Instant at, Supplier<String> detail) {
      return nowMillis < Expiry.millis(at);
    }
  }
}
