package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.spi.CompiledModule;
import io.toolgate.spi.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the {@link Residual} of a (chain, tool, resource) from one policy snapshot and one set of
 * kill switches. This is the whole decision procedure: a cache miss runs it, an uncached engine
 * runs it on every call, and a cache hit replays what it built.
 *
 * <p>Order of checks, first failure wins: chain depth; tool known and enabled; resource known; then
 * per hop, origin first: duplicate, unknown, inactive (itself or an owner, in the policy or by kill
 * switch), the principal's delegation limit, expiry, revoked delegation, delegation expiry,
 * further-hop limit, scope; then the modules' verdicts: an outright deny at any hop, then a hop
 * nothing allows, then conditions. Expiries become deadlines checked when the residual is applied,
 * in the same order.
 */
final class ResidualCompiler {
  private final Policy policy;
  private final String version;
  private final Decision.Minter minter;
  private final Admission admission;

  /** A compiler over {@code policy} and {@code switches}, building allows with {@code minter}. */
  public ResidualCompiler(Policy policy, KillSwitches switches, Decision.Minter minter) {
    this.policy = policy;
    this.minter = minter;
    this.admission = new Admission(policy, switches);
    this.version = policy.version();
  }

  Residual compile(DelegationChain chain, ToolId toolId, ResourceId resourceId, Session session) {
    if (!resourceId.isValid()) {
      return deny(
          Reason.RESOURCE_INVALID, () -> "resource " + resourceId + " cannot be made canonical");
    }
    Deadlines deadlines = new Deadlines(chain);
    Admission.Admitted admitted = admission.admit(chain, toolId, resourceId, deadlines);
    if (admitted == null) {
      return deadlines.then(Residual.constant(deadlines.refusal));
    }
    return deadlines.then(
        permissions(chain, admitted.principals(), admitted.tool(), admitted.resource(), session));
  }

  private Residual permissions(
      DelegationChain chain,
      Principal[] principals,
      Tool tool,
      Resource resource,
      Session session) {
    List<CompiledModule> modules = policy.compiledModules();
    HopVerdicts[] hops = new HopVerdicts[principals.length];
    for (int i = 0; i < principals.length; i++) {
      Principal p = principals[i];
      HopVerdicts verdicts = new HopVerdicts(i, p.id());
      Query query = new Query(chain, i, p, tool, resource, session);
      for (int m = 0; m < modules.size(); m++) {
        modules.get(m).evaluate(query, verdicts);
      }
      hops[i] = verdicts;
    }
    for (HopVerdicts h : hops) {
      if (h.deniedOutright()) {
        String given = h.denyDetail;
        Supplier<String> detail =
            given.isEmpty()
                ? () -> "'" + h.principal + "' is denied " + tool.id() + " on " + resource.id()
                : () -> given;
        return Residual.constant(
            decision(h.denyReason, h.hop, chain, List.copyOf(h.denies), detail));
      }
    }
    for (HopVerdicts h : hops) {
      if (!h.mayBeAllowed()) {
        return Residual.constant(
            decision(
                Reason.NOT_PERMITTED,
                h.hop,
                chain,
                List.of(),
                () ->
                    "no grant of '"
                        + h.principal
                        + "' covers "
                        + tool.id()
                        + " on "
                        + resource.id()));
      }
    }
    boolean dynamic = false;
    for (HopVerdicts h : hops) {
      dynamic |= !h.conditionalDenies.isEmpty() || !h.allowedOutright();
    }
    if (!dynamic) {
      int n = 0;
      for (HopVerdicts h : hops) {
        n += h.allowCount();
      }
      String[] ids = new String[n];
      n = 0;
      for (HopVerdicts h : hops) {
        for (int i = 0; i < h.allowCount(); i++) {
          ids[n++] = h.allowAt(i);
        }
      }
      return Residual.constant(minter.allow(version, ids));
    }
    List<ConditionalRule> denies = new ArrayList<>();
    List<DynamicResidual.HopPart> parts = new ArrayList<>();
    for (HopVerdicts h : hops) {
      denies.addAll(h.conditionalDenies);
      parts.add(
          new DynamicResidual.HopPart(
              h.hop,
              h.principal,
              h.allows(),
              h.allowedOutright() ? List.of() : List.copyOf(h.conditionalAllows)));
    }
    return Residual.dynamic(new DynamicResidual(version, minter, denies, parts));
  }

  private Residual deny(Reason reason, Supplier<String> detail) {
    return Residual.constant(Decision.denial(reason, version).detail(detail).build());
  }

  // Details are formatted only when read: a cache miss (and every uncached decision) builds no
  // text.
  private Decision decision(
      Reason reason, int hop, DelegationChain chain, List<String> rules, Supplier<String> detail) {
    Decision.Builder b = Decision.denial(reason, version).ruleIds(rules).detail(detail);
    if (hop >= 0 && hop < chain.size()) {
      b.refusedAt(hop, chain.principals().get(hop));
    }
    return b.build();
  }

  /**
   * One admission walk of a decision: the expiries met so far, in chain order, each with the denial
   * that takes over at that instant, and the refusal, if any.
   */
  private final class Deadlines implements Admission.Walk {
    private final DelegationChain chain;
    private long[] millis;
    private Decision[] decisions;
    private int size;
    Decision refusal;

    Deadlines(DelegationChain chain) {
      this.chain = chain;
    }

    @Override
    public void refuse(Reason reason, int hop, Supplier<String> detail) {
      refusal = decision(reason, hop, chain, List.of(), detail);
    }

    @Override
    public boolean expires(Reason reason, int hop, Instant at, Supplier<String> detail) {
      if (millis == null) {
        millis = new long[4];
        decisions = new Decision[4];
      } else if (size == millis.length) {
        millis = Arrays.copyOf(millis, size * 2);
        decisions = Arrays.copyOf(decisions, size * 2);
      }
      millis[size] = Expiry.millis(at);
      decisions[size++] = decision(reason, hop, chain, List.of(), detail);
      return true;
    }

    Residual then(Residual rest) {
      if (size == 0) {
        return rest;
      }
      return Residual.withDeadlines(
          Arrays.copyOf(millis, size), Arrays.copyOf(decisions, size), rest);
    }
  }
}
