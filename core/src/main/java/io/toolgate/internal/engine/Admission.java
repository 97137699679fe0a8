package io.toolgate.internal.engine;

import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.LifecycleState;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.ToolPattern;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The admission step of the decision procedure, written once: every check that depends on the
 * chain, the tool and (for a decision) the resource, before any module is asked. Decisions ({@link
 * ResidualCompiler}) and tool visibility ({@link Reachability}) both walk it, so the two cannot
 * drift.
 *
 * <p>Order, first failure wins: chain depth; tool known and enabled; resource known (decisions
 * only); then per hop, origin first: duplicate, unknown, inactive (itself or an owner, in the
 * policy or by kill switch), the principal's delegation limit, expiry (itself and its owners),
 * revoked delegation, delegation expiry, further-hop limit, scope.
 *
 * <p>Expiries are reported to the {@link Walk}, which decides what they mean: a decision turns them
 * into deadlines checked when the residual is applied; visibility compares them with now.
 */
final class Admission {
  private final Policy policy;
  private final KillSwitches switches;

  Admission(Policy policy, KillSwitches switches) {
    this.policy = policy;
    this.switches = switches;
  }

  /** Where one walk reports what it meets. */
  interface Walk {
    /**
     * A check refused.
     *
     * @param hop the refusing hop, or -1 when no hop is to blame
     */
    void refuse(Reason reason, int hop, Supplier<String> detail);

    /**
     * The call depends on something that stops being valid at {@code at}.
     *
     * @return false to refuse now (the walk then stops as after {@link #refuse})
     */
    boolean expires(Reason reason, int hop, Instant at, Supplier<String> detail);
  }

  /**
   * What an admitted call is made of: the catalog's tool and resource, each null when the policy
   * has no entry for it (a module that needs one is given {@link Tool#of(ToolId)} or {@link
   * Resource#of}, made only then: the built-in whitelist reads ids alone), and each hop's
   * principal.
   */
  record Admitted(
      ToolId toolId,
      @Nullable Tool catalogTool,
      @Nullable ResourceId resourceId,
      @Nullable Resource catalogResource,
      Principal[] principals) {
    /** The tool, from the catalog or made now. */
    Tool tool() {
      return catalogTool != null ? catalogTool : Tool.of(toolId);
    }

    /** The resource, from the catalog or made now; null for visibility, which has none. */
    @Nullable Resource resource() {
      if (catalogResource != null || resourceId == null) {
        return catalogResource;
      }
      return Resource.of(resourceId);
    }
  }

  /**
   * Walks the checks.
   *
   * @param resourceId the resource, or null to ask about every resource (visibility: the scope is
   *     then judged by its tools alone)
   * @return what was admitted, or null when {@code walk} was told why not
   */
  @Nullable Admitted admit(
      DelegationChain chain, ToolId toolId, @Nullable ResourceId resourceId, Walk walk) {
    int depth = chain.depth();
    int max = policy.maxDelegationDepth();
    if (depth > max) {
      walk.refuse(
          Reason.DEPTH_EXCEEDED,
          max + 1,
          () -> "the chain has " + depth + " hops; the policy allows " + max);
      return null;
    }
    Tool tool = policy.findTool(toolId);
    if (tool == null) {
      if (policy.hasToolCatalog()) {
        walk.refuse(Reason.UNKNOWN_TOOL, -1, () -> "tool " + toolId + " is not in the catalog");
        return null;
      }
    }
    if (switches.isDisabled(toolId)) {
      walk.refuse(Reason.TOOL_DISABLED, -1, () -> "tool " + toolId + " is disabled");
      return null;
    }
    Resource resource = null;
    if (resourceId != null) {
      resource = policy.findResource(resourceId);
      if (resource == null) {
        if (policy.hasResourceCatalog() && !resourceId.isNone()) {
          walk.refuse(
              Reason.UNKNOWN_RESOURCE,
              -1,
              () -> "resource " + resourceId + " is not in the catalog");
          return null;
        }
      }
    }
    List<String> ids = chain.principals();
    Principal[] principals = new Principal[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      Principal p = admitHop(chain, ids, i, toolId, resourceId, walk);
      if (p == null) {
        return null;
      }
      principals[i] = p;
    }
    return new Admitted(toolId, tool, resourceId, resource, principals);
  }

  private @Nullable Principal admitHop(
      DelegationChain chain,
      List<String> ids,
      int i,
      ToolId toolId,
      @Nullable ResourceId resourceId,
      Walk walk) {
    String id = ids.get(i);
    if (appearsBefore(ids, i)) {
      walk.refuse(
          Reason.DUPLICATE_PRINCIPAL, i, () -> "'" + id + "' appears more than once in the chain");
      return null;
    }
    Principal p = policy.findPrincipal(id);
    if (p == null) {
      walk.refuse(Reason.UNKNOWN_PRINCIPAL, i, () -> "'" + id + "' is not defined");
      return null;
    }
    String inactive = inactivity(p);
    if (inactive != null) {
      walk.refuse(Reason.PRINCIPAL_INACTIVE, i, () -> inactive);
      return null;
    }
    int limit = policy.delegationLimit(id);
    if (limit >= 0 && ids.size() - 1 - i > limit) {
      walk.refuse(
          Reason.DEPTH_EXCEEDED,
          i + limit + 1,
          () -> "the policy lets at most " + limit + " principals follow '" + id + "' in a chain");
      return null;
    }
    if (p.expiry().isPresent()) {
      Instant at = p.expiry().get();
      if (!walk.expires(Reason.PRINCIPAL_EXPIRED, i, at, () -> "'" + id + "' expired at " + at)) {
        return null;
      }
    }
    // An expired owner stops its agents, as a suspended one does (owners are acyclic).
    for (Principal o = owner(p); o != null; o = owner(o)) {
      if (o.expiry().isPresent()) {
        Instant at = o.expiry().get();
        String ownerId = o.id();
        if (!walk.expires(
            Reason.PRINCIPAL_EXPIRED,
            i,
            at,
            () -> "owner '" + ownerId + "' of '" + id + "' expired at " + at)) {
          return null;
        }
      }
    }
    if (i > 0 && !admitDelegation(chain, i, id, toolId, resourceId, walk)) {
      return null;
    }
    return p;
  }

  /** The checks of the delegation that hands the call to hop {@code i}. */
  private boolean admitDelegation(
      DelegationChain chain,
      int i,
      String id,
      ToolId toolId,
      @Nullable ResourceId resourceId,
      Walk walk) {
    Delegation hop = chain.hops().get(i - 1);
    String hopId = hop.revocationId();
    if (hopId != null && switches.isRevoked(hopId)) {
      walk.refuse(
          Reason.DELEGATION_REVOKED,
          i,
          () -> "delegation '" + hopId + "' to '" + id + "' is revoked");
      return false;
    }
    DelegationScope scope = hop.scope();
    if (scope.expiry().isPresent()) {
      Instant at = scope.expiry().get();
      if (!walk.expires(
          Reason.DELEGATION_EXPIRED,
          i,
          at,
          () -> "the delegation to '" + id + "' expired at " + at)) {
        return false;
      }
    }
    if (scope.maxFurtherHops().isPresent()) {
      int allowed = scope.maxFurtherHops().getAsInt();
      if (chain.size() - 1 - i > allowed) {
        walk.refuse(
            Reason.DEPTH_EXCEEDED,
            i + allowed + 1,
            () -> "the delegation to '" + id + "' allows " + allowed + " further hops");
        return false;
      }
    }
    boolean covered =
        resourceId != null ? scope.covers(toolId, resourceId) : coversTool(scope, toolId);
    if (!covered) {
      walk.refuse(
          Reason.OUTSIDE_DELEGATION,
          i,
          () ->
              resourceId != null
                  ? toolId + " on " + resourceId + " is outside what was delegated to '" + id + "'"
                  : toolId + " is outside what was delegated to '" + id + "'");
      return false;
    }
    return true;
  }

  /** Whether the scope lets the tool through on some resource. */
  private static boolean coversTool(DelegationScope scope, ToolId tool) {
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

  /**
   * Whether the id at {@code index} appears earlier in the chain; chains are short, so a scan beats
   * a set.
   */
  private static boolean appearsBefore(List<String> ids, int index) {
    String id = ids.get(index);
    for (int j = 0; j < index; j++) {
      if (ids.get(j).equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** The principal's owner as the policy defines it, or null. */
  private @Nullable Principal owner(Principal p) {
    String owner = p.ownerId();
    return owner == null ? null : policy.findPrincipal(owner);
  }

  /** Why a principal is inactive (itself or an owner, in the policy or by kill switch), or null. */
  private @Nullable String inactivity(Principal p) {
    Principal at = p;
    while (at != null) {
      if (at.state() == LifecycleState.DECOMMISSIONED || switches.isDecommissioned(at.id())) {
        return at == p
            ? "'" + p.id() + "' is decommissioned"
            : "owner '" + at.id() + "' of '" + p.id() + "' is decommissioned";
      }
      if (at.state() == LifecycleState.SUSPENDED || switches.isSuspended(at.id())) {
        return at == p
            ? "'" + p.id() + "' is suspended"
            : "owner '" + at.id() + "' of '" + p.id() + "' is suspended";
      }
      // Owners exist and are acyclic: the policy validated both when it was built.
      at = owner(at);
    }
    return null;
  }
}
