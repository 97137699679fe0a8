package io.toolgate;

import com.google.common.collect.ImmutableList;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the {@link Residual} of a (chain, tool, resource) from one policy snapshot and one set of
 * kill switches. This is the whole decision procedure: a cache miss runs it, an uncached engine
 * runs it on every call, and a cache hit replays what it built.
 *
 * <p>Order of checks, first failure wins: chain depth; tool known and enabled; resource known;
 * then per hop, origin first: duplicate, unknown, inactive (itself or an owner, in the policy or
 * by kill switch), the principal's delegation limit, expiry, revoked delegation, delegation expiry, further-hop limit, scope; then
 * the modules' verdicts: an outright deny at any hop, then a hop nothing allows, then conditions.
 * Expiries become deadlines checked when the residual is applied, in the same order.
 */
final class ResidualCompiler {
  private final Policy policy;
  private final KillSwitches switches;
  private final String version;

  ResidualCompiler(Policy policy, KillSwitches switches) {
    this.policy = policy;
    this.switches = switches;
    this.version = policy.version();
  }

  Residual compile(DelegationChain chain, ToolId toolId, ResourceId resourceId, Session session) {
    if (!resourceId.isValid()) {
      return deny(Reason.RESOURCE_INVALID, () -> "resource " + resourceId + " cannot be made canonical");
    }
    int depth = chain.depth();
    if (depth > policy.maxDelegationDepth()) {
      int hop = policy.maxDelegationDepth() + 1;
      int max = policy.maxDelegationDepth();
      return deny(Reason.DEPTH_EXCEEDED, hop, chain,
          () -> "the chain has " + depth + " hops; the policy allows " + max);
    }
    Tool tool = policy.toolOrNull(toolId);
    if (tool == null) {
      if (policy.hasToolCatalog()) {
        return deny(Reason.UNKNOWN_TOOL, () -> "tool " + toolId + " is not in the catalog");
      }
      tool = Tool.of(toolId);
    }
    if (switches.isDisabled(toolId)) {
      return deny(Reason.TOOL_DISABLED, () -> "tool " + toolId + " is disabled");
    }
    Resource resource = policy.resourceOrNull(resourceId);
    if (resource == null) {
      if (policy.hasResourceCatalog() && !resourceId.isNone()) {
        return deny(Reason.UNKNOWN_RESOURCE, () -> "resource " + resourceId + " is not in the catalog");
      }
      resource = Resource.of(resourceId);
    }

    Deadlines deadlines = new Deadlines();
    List<String> ids = chain.principals();
    Principal[] principals = new Principal[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (appearsBefore(ids, i)) {
        return deadlines.then(deny(Reason.DUPLICATE_PRINCIPAL, i, chain,
            () -> "'" + id + "' appears more than once in the chain"));
      }
      Principal p = policy.principalOrNull(id);
      if (p == null) {
        return deadlines.then(deny(Reason.UNKNOWN_PRINCIPAL, i, chain, () -> "'" + id + "' is not defined"));
      }
      String inactive = inactivity(p);
      if (inactive != null) {
        return deadlines.then(deny(Reason.PRINCIPAL_INACTIVE, i, chain, () -> inactive));
      }
      int limit = policy.delegationLimit(id);
      if (limit >= 0 && ids.size() - 1 - i > limit) {
        return deadlines.then(deny(Reason.DEPTH_EXCEEDED, i + limit + 1, chain,
            () -> "the policy lets at most " + limit + " principals follow '" + id + "' in a chain"));
      }
      if (p.expiry().isPresent()) {
        Instant at = p.expiry().get();
        deadlines.add(at, decision(Reason.PRINCIPAL_EXPIRED, i, chain, List.of(),
            () -> "'" + id + "' expired at " + at));
      }
      // An expired owner stops its agents, as a suspended one does (owners are acyclic).
      for (Principal o = owner(p); o != null; o = owner(o)) {
        if (o.expiry().isPresent()) {
          Instant at = o.expiry().get();
          String ownerId = o.id();
          deadlines.add(at, decision(Reason.PRINCIPAL_EXPIRED, i, chain, List.of(),
              () -> "owner '" + ownerId + "' of '" + id + "' expired at " + at));
        }
      }
      if (i > 0) {
        Delegation hop = chain.hops().get(i - 1);
        String hopId = hop.idOrNull();
        if (hopId != null && switches.isRevoked(hopId)) {
          return deadlines.then(deny(Reason.DELEGATION_REVOKED, i, chain,
              () -> "delegation '" + hopId + "' to '" + id + "' is revoked"));
        }
        DelegationScope scope = hop.scope();
        if (scope.expiry().isPresent()) {
          Instant at = scope.expiry().get();
          deadlines.add(at, decision(Reason.DELEGATION_EXPIRED, i, chain, List.of(),
              () -> "the delegation to '" + id + "' expired at " + at));
        }
        if (scope.maxFurtherHops().isPresent()) {
          int allowed = scope.maxFurtherHops().getAsInt();
          if (chain.size() - 1 - i > allowed) {
            return deadlines.then(deny(Reason.DEPTH_EXCEEDED, i + allowed + 1, chain,
                () -> "the delegation to '" + id + "' allows " + allowed + " further hops"));
          }
        }
        if (!scope.covers(toolId, resourceId)) {
          return deadlines.then(deny(Reason.OUTSIDE_DELEGATION, i, chain,
              () -> toolId + " on " + resourceId + " is outside what was delegated to '" + id + "'"));
        }
      }
      principals[i] = p;
    }
    return deadlines.then(permissions(chain, principals, tool, resource, session));
  }

  private Residual permissions(DelegationChain chain, Principal[] principals, Tool tool,
      Resource resource, Session session) {
    List<CompiledModule> modules = policy.compiledModules();
    List<HopVerdicts> hops = new ArrayList<>(principals.length);
    for (int i = 0; i < principals.length; i++) {
      Principal p = principals[i];
      HopVerdicts verdicts = new HopVerdicts(i, p.id());
      Query query = new Query(chain, i, p, tool, resource, session);
      for (CompiledModule m : modules) {
        m.evaluate(query, verdicts);
      }
      hops.add(verdicts);
    }
    for (HopVerdicts h : hops) {
      if (h.deniedOutright()) {
        String given = h.denyDetail;
        Supplier<String> detail = given.isEmpty()
            ? () -> "'" + h.principal + "' is denied " + tool.id() + " on " + resource.id()
            : () -> given;
        return Residual.constant(decision(h.denyReason, h.hop, chain, List.copyOf(h.denies), detail));
      }
    }
    for (HopVerdicts h : hops) {
      if (!h.mayBeAllowed()) {
        return Residual.constant(decision(Reason.NOT_PERMITTED, h.hop, chain, List.of(),
            () -> "no grant of '" + h.principal + "' covers " + tool.id() + " on " + resource.id()));
      }
    }
    boolean dynamic = false;
    for (HopVerdicts h : hops) {
      dynamic |= !h.conditionalDenies.isEmpty() || !h.allowedOutright();
    }
    if (!dynamic) {
      List<String> ids;
      if (hops.size() == 1) {
        ids = hops.get(0).allows;
      } else {
        ImmutableList.Builder<String> all = ImmutableList.builderWithExpectedSize(hops.size() * 2);
        for (int i = 0; i < hops.size(); i++) {
          all.addAll(hops.get(i).allows);
        }
        ids = all.build(); // immutable already: the decision keeps it without copying
      }
      return Residual.constant(Decision.builder(Effect.ALLOW, Reason.PERMITTED, version)
          .ruleIds(ids).build());
    }
    List<ConditionalRule> denies = new ArrayList<>();
    List<DynamicResidual.HopPart> parts = new ArrayList<>();
    for (HopVerdicts h : hops) {
      denies.addAll(h.conditionalDenies);
      parts.add(new DynamicResidual.HopPart(h.hop, h.principal, List.copyOf(h.allows),
          h.allowedOutright() ? List.of() : List.copyOf(h.conditionalAllows)));
    }
    return Residual.dynamic(new DynamicResidual(version, denies, parts));
  }

  /** Whether the id at {@code index} appears earlier in the chain; chains are short, so a scan beats a set. */
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
  Principal owner(Principal p) {
    String owner = p.ownerOrNull();
    return owner == null ? null : policy.principalOrNull(owner);
  }

  /**
   * Whether the principal or any of its owners has expired by {@code nowMillis} (for
   * visibility, which asks about now; decisions turn expiries into deadlines instead).
   */
  boolean expired(Principal p, long nowMillis) {
    for (Principal at = p; at != null; at = owner(at)) {
      if (at.expiry().isPresent() && nowMillis >= Expiry.millis(at.expiry().get())) {
        return true;
      }
    }
    return false;
  }

  /** Why a principal is inactive (itself or an owner, in the policy or by kill switch), or null. */
  String inactivity(Principal p) {
    Principal at = p;
    while (at != null) {
      if (at.state() == LifecycleState.DECOMMISSIONED
          || switches.isDecommissioned(at.id())) {
        return at == p ? "'" + p.id() + "' is decommissioned"
            : "owner '" + at.id() + "' of '" + p.id() + "' is decommissioned";
      }
      if (at.state() == LifecycleState.SUSPENDED || switches.isSuspended(at.id())) {
        return at == p ? "'" + p.id() + "' is suspended"
            : "owner '" + at.id() + "' of '" + p.id() + "' is suspended";
      }
      // Owners exist and are acyclic: the policy validated both when it was built.
      String owner = at.ownerOrNull();
      at = owner == null ? null : policy.principalOrNull(owner);
    }
    return null;
  }


  private Residual deny(Reason reason, Supplier<String> detail) {
    return Residual.constant(Decision.builder(Effect.DENY, reason, version).detail(detail).build());
  }

  private Residual deny(Reason reason, int hop, DelegationChain chain, Supplier<String> detail) {
    return Residual.constant(decision(reason, hop, chain, List.of(), detail));
  }

  // Details are formatted only when read: a cache miss (and every uncached decision) builds no text.
  private Decision decision(Reason reason, int hop, DelegationChain chain, List<String> rules,
      Supplier<String> detail) {
    Decision.Builder b = Decision.builder(Effect.DENY, reason, version).ruleIds(rules).detail(detail);
    if (hop < chain.size()) {
      b.refusedAt(hop, chain.principals().get(hop));
    }
    return b.build();
  }

  /** Expiries met so far, in chain order, each with the denial that takes over at that instant. */
  private static final class Deadlines {
    private long[] millis;
    private Decision[] decisions;
    private int size;

    void add(Instant at, Decision decision) {
      if (millis == null) {
        millis = new long[4];
        decisions = new Decision[4];
      } else if (size == millis.length) {
        millis = java.util.Arrays.copyOf(millis, size * 2);
        decisions = java.util.Arrays.copyOf(decisions, size * 2);
      }
      millis[size] = Expiry.millis(at);
      decisions[size++] = decision;
    }

    Residual then(Residual rest) {
      if (size == 0) {
        return rest;
      }
      return Residual.withDeadlines(java.util.Arrays.copyOf(millis, size),
          java.util.Arrays.copyOf(decisions, size), rest);
    }
  }
}
