package io.toolgate.testing;

import io.toolgate.AccessEntry;
import io.toolgate.Decision;
import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Effect;
import io.toolgate.LifecycleState;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A deliberately naive evaluator of the documented semantics, sharing no code with the engine's
 * matching or indexing: patterns go through regular expressions and every entry is scanned on every
 * call. Core semantics only (whitelist, lifecycle, delegation, catalogs, kill switches).
 */
public final class ReferenceEvaluator {
  private ReferenceEvaluator() {}

  /** The expected effect, reason and refusing hop (-1 when none). */
  public record Outcome(Effect effect, Reason reason, int hop) {
    static Outcome deny(Reason reason, int hop) {
      return new Outcome(Effect.DENY, reason, hop);
    }

    public static Outcome of(Decision d) {
      return new Outcome(d.effect(), d.reason(), d.refusingHop().orElse(-1));
    }
  }

  public static Outcome decide(Scenario s) {
    return decide(
        s.policy(),
        s.suspended(),
        s.decommissioned(),
        s.disabled(),
        s.revoked(),
        s.chain(),
        s.tool(),
        s.resource(),
        s.now());
  }

  public static Outcome decide(
      Policy policy,
      Set<String> suspended,
      Set<String> decommissioned,
      Set<ToolId> disabled,
      Set<String> revoked,
      DelegationChain chain,
      ToolId tool,
      ResourceId resource,
      Instant now) {
    List<String> ids = chain.principals();
    if (chain.depth() > policy.maxDelegationDepth()) {
      return Outcome.deny(Reason.DEPTH_EXCEEDED, policy.maxDelegationDepth() + 1);
    }
    if (policy.hasToolCatalog() && policy.tools().stream().noneMatch(t -> t.id().equals(tool))) {
      return Outcome.deny(Reason.UNKNOWN_TOOL, -1);
    }
    if (disabled.contains(tool)) {
      return Outcome.deny(Reason.TOOL_DISABLED, -1);
    }
    if (policy.hasResourceCatalog()
        && !resource.isNone()
        && policy.resources().stream().noneMatch(r -> r.id().equals(resource))) {
      return Outcome.deny(Reason.UNKNOWN_RESOURCE, -1);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (!seen.add(id)) {
        return Outcome.deny(Reason.DUPLICATE_PRINCIPAL, i);
      }
      Principal p = policy.principal(id).orElse(null);
      if (p == null) {
        return Outcome.deny(Reason.UNKNOWN_PRINCIPAL, i);
      }
      for (Principal at = p; at != null; at = at.owner().flatMap(policy::principal).orElse(null)) {
        if (at.state() != LifecycleState.ACTIVE
            || suspended.contains(at.id())
            || decommissioned.contains(at.id())) {
          return Outcome.deny(Reason.PRINCIPAL_INACTIVE, i);
        }
      }
      Integer limit = policy.delegationLimits().get(id);
      if (limit != null && ids.size() - 1 - i > limit) {
        return Outcome.deny(Reason.DEPTH_EXCEEDED, i + limit + 1);
      }
      // The principal or any of its owners expired.
      for (Principal at = p; at != null; at = at.owner().flatMap(policy::principal).orElse(null)) {
        if (at.expiry().isPresent() && !now.isBefore(truncate(at.expiry().get()))) {
          return Outcome.deny(Reason.PRINCIPAL_EXPIRED, i);
        }
      }
      if (i > 0) {
        Delegation hop = chain.hops().get(i - 1);
        if (hop.id().isPresent() && revoked.contains(hop.id().get())) {
          return Outcome.deny(Reason.DELEGATION_REVOKED, i);
        }
        DelegationScope scope = hop.scope();
        if (scope.expiry().isPresent() && !now.isBefore(truncate(scope.expiry().get()))) {
          return Outcome.deny(Reason.DELEGATION_EXPIRED, i);
        }
        if (scope.maxFurtherHops().isPresent()
            && ids.size() - 1 - i > scope.maxFurtherHops().getAsInt()) {
          return Outcome.deny(Reason.DEPTH_EXCEEDED, i + scope.maxFurtherHops().getAsInt() + 1);
        }
        boolean toolIn =
            scope.tools().isEmpty()
                || scope.tools().stream()
                    .anyMatch(t -> ReferenceGlob.matches(t.toString(), tool.qualifiedName()));
        boolean resourceIn =
            scope.resources().isEmpty()
                || scope.resources().stream()
                    .anyMatch(r -> ReferenceGlob.matches(r.toString(), resource.value()));
        if (!toolIn || !resourceIn) {
          return Outcome.deny(Reason.OUTSIDE_DELEGATION, i);
        }
      }
    }
    for (int i = 0; i < ids.size(); i++) {
      for (AccessEntry e : policy.entries().getOrDefault(ids.get(i), List.of())) {
        if (e.effect() == Effect.DENY && covers(e, tool, resource)) {
          return Outcome.deny(Reason.EXPLICIT_DENY, i);
        }
      }
    }
    for (int i = 0; i < ids.size(); i++) {
      boolean allowed =
          policy.entries().getOrDefault(ids.get(i), List.of()).stream()
              .anyMatch(e -> e.effect() == Effect.ALLOW && covers(e, tool, resource));
      if (!allowed) {
        return Outcome.deny(Reason.NOT_PERMITTED, i);
      }
    }
    return new Outcome(Effect.ALLOW, Reason.PERMITTED, -1);
  }

  /**
   * Whether whitelist entry {@code e} covers the call: some tool pattern and some resource pattern
   * (or none) match.
   */
  public static boolean covers(AccessEntry e, ToolId tool, ResourceId resource) {
    boolean t =
        e.tools().stream().anyMatch(p -> ReferenceGlob.matches(p.toString(), tool.qualifiedName()));
    boolean r =
        e.resources().isEmpty()
            || e.resources().stream()
                .anyMatch(p -> ReferenceGlob.matches(p.toString(), resource.value()));
    return t && r;
  }

  private static Instant truncate(Instant i) {
    return Instant.ofEpochMilli(i.toEpochMilli());
  }
}
