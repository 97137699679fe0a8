package io.toolgate.testing;

import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A random policy, kill switches, and a request at an instant: the input of the engine properties.
 * {@link #engine(int, MutableClock)} builds an engine with the switches thrown.
 */
public record Scenario(
    Policy policy,
    Set<String> suspended,
    Set<String> decommissioned,
    Set<ToolId> disabled,
    Set<String> revoked,
    DelegationChain chain,
    ToolId tool,
    ResourceId resource,
    Instant now) {

  public DecisionEngine engine(long cacheSize, MutableClock clock) {
    DecisionEngine e = DecisionEngine.builder(policy).clock(clock).cacheSize(cacheSize).build();
    suspended.forEach(e::suspend);
    decommissioned.forEach(e::decommission);
    disabled.forEach(e::disableTool);
    revoked.forEach(e::revokeDelegation);
    return e;
  }

  public Request request() {
    return Request.of(chain, tool, resource);
  }

  public Scenario withChain(DelegationChain other) {
    return new Scenario(
        policy, suspended, decommissioned, disabled, revoked, other, tool, resource, now);
  }

  public Scenario withPolicy(Policy other) {
    return new Scenario(
        other, suspended, decommissioned, disabled, revoked, chain, tool, resource, now);
  }

  @Override
  public String toString() {
    return "Scenario{"
        + chain
        + " calls "
        + tool
        + " on "
        + resource
        + " at "
        + now
        + ", suspended="
        + suspended
        + ", decommissioned="
        + decommissioned
        + ", disabled="
        + disabled
        + ", revoked="
        + revoked
        + ", principals="
        + List.copyOf(policy.principals())
        + ", entries="
        + policy.entries()
        + ", maxDepth="
        + policy.maxDelegationDepth()
        + (policy.hasToolCatalog() ? ", tools=" + policy.tools() : "")
        + (policy.hasResourceCatalog() ? ", resources=" + policy.resources() : "")
        + "}";
  }
}
