package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.Session;
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
  private final Approvals approvals;

  /** A compiler over {@code policy} and {@code switches}, building allows with {@code minter}. */
  public ResidualCompiler(Policy policy, KillSwitches switches, Decision.Minter minter) {
    this.policy = policy;
    this.minter = minter;
    this.admission = new Admission(policy, switches);
    this.version = policy.version();
    this.approvals = new Approvals(policy);
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
    return deadlines.then(permissions(chain, admitted, session));
  }

  /**
   * The modules' verdicts on every hop. One collector serves hop after hop: a static verdict (the
   * common case) needs only what this loop keeps, so a miss allocates no per-hop objects. A hop
   * whose verdict waits on a condition sends the call to {@link #perHop}, which keeps that hop's
   * verdicts, evaluates the others (again, for those before it) and keeps every hop's for the
   * dynamic residual.
   */
  private Residual permissions(DelegationChain chain, Admission.Admitted call, Session session) {
    List<CompiledModule> modules = policy.compiledModules();
    Principal[] principals = call.principals();
    HopVerdicts v = new HopVerdicts(0, principals[0].id());
    List<String> logged = List.of(); // log-only ids, in chain order
    List<ConditionalRule> loggedIf = List.of(); // conditional log-only rules
    int notPermitted = -1;
    String[] ids = null;
    int n = 0;
    for (int i = 0; i < principals.length; i++) {
      if (i > 0) {
        v.reset(i, principals[i].id());
      }
      evaluate(modules, chain, i, principals[i], call, session, v);
      if (!v.logOnly.isEmpty()) {
        logged = addNew(logged, v.logOnly);
      }
      loggedIf = addAll(loggedIf, v.conditionalLogOnly);
      if (v.deniedOutright()) {
        // the first hop denied outright wins
        return deniedOutright(v, chain, call).withLogOnly(logged, loggedIf, minter);
      }
      if (v.conditional()) {
        return perHop(chain, call, session, v);
      }
      if (!v.mayBeAllowed()) {
        if (notPermitted < 0) {
          notPermitted = i; // reported unless a later hop is denied outright
        }
        continue;
      }
      int count = v.allowCount();
      if (ids == null) {
        ids = new String[Math.max(principals.length, count)];
      } else if (n + count > ids.length) {
        ids = Arrays.copyOf(ids, Math.max(ids.length * 2, n + count));
      }
      for (int k = 0; k < count; k++) {
        ids[n++] = v.allowAt(k);
      }
    }
    if (notPermitted >= 0) {
      return notPermitted(chain, notPermitted, principals[notPermitted].id(), call)
          .withLogOnly(logged, loggedIf, minter);
    }
    if (approvals.needed(ids, n)) {
      List<String> allowIds = List.of(Arrays.copyOf(ids, n));
      return Residual.constant(
              minter.allow(version).ruleIds(allowIds).obligations(approvals.of(allowIds)).build())
          .withLogOnly(logged, loggedIf, minter);
    }
    return Residual.constant(minter.allow(version, n == ids.length ? ids : Arrays.copyOf(ids, n)))
        .withLogOnly(logged, loggedIf, minter);
  }

  /** Every module's verdicts on hop {@code i}, into {@code v}. */
  private static void evaluate(
      List<CompiledModule> modules,
      DelegationChain chain,
      int i,
      Principal principal,
      Admission.Admitted call,
      Session session,
      HopVerdicts v) {
    Query query = null;
    for (int m = 0; m < modules.size(); m++) {
      CompiledModule module = modules.get(m);
      if (module instanceof WhitelistModule.Compiled whitelist) {
        // The built-in module reads ids only: no query, no tool or resource object.
        whitelist.evaluate(principal, call.toolId(), call.resourceId(), v);
      } else {
        if (query == null) {
          query = new Query(chain, i, principal, call.tool(), call.resource(), session);
        }
        module.evaluate(query, v);
      }
    }
  }

  /** The denial of a hop some module denied outright. */
  private Residual deniedOutright(HopVerdicts h, DelegationChain chain, Admission.Admitted call) {
    ToolId tool = call.toolId();
    ResourceId resource = call.resourceId();
    String given = h.denyDetail;
    String principal = h.principal;
    Supplier<String> detail =
        given.isEmpty()
            ? () -> "'" + principal + "' is denied " + tool + " on " + resource
            : () -> given;
    return Residual.constant(decision(h.denyReason, h.hop, chain, List.copyOf(h.denies), detail));
  }

  /** The denial of a hop nothing allows. */
  private Residual notPermitted(
      DelegationChain chain, int hop, String principal, Admission.Admitted call) {
    ToolId tool = call.toolId();
    ResourceId resource = call.resourceId();
    return Residual.constant(
        decision(
            Reason.NOT_PERMITTED,
            hop,
            chain,
            List.of(),
            () -> "no grant of '" + principal + "' covers " + tool + " on " + resource));
  }

  /**
   * The modules' verdicts with every hop's kept: the path of a call some condition decides (a
   * dynamic residual), in the same order of checks as {@link #permissions}.
   */
  private Residual perHop(
      DelegationChain chain, Admission.Admitted call, Session session, HopVerdicts conditional) {
    List<CompiledModule> modules = policy.compiledModules();
    Principal[] principals = call.principals();
    HopVerdicts[] hops = new HopVerdicts[principals.length];
    hops[conditional.hop] = conditional; // heard already; the hops before it were not kept
    for (int i = 0; i < principals.length; i++) {
      if (i == conditional.hop) {
        continue;
      }
      HopVerdicts verdicts = new HopVerdicts(i, principals[i].id());
      evaluate(modules, chain, i, principals[i], call, session, verdicts);
      hops[i] = verdicts;
    }
    List<String> logged = List.of();
    List<ConditionalRule> loggedIf = List.of();
    for (HopVerdicts h : hops) {
      logged = addNew(logged, h.logOnly);
      loggedIf = addAll(loggedIf, h.conditionalLogOnly);
    }
    for (HopVerdicts h : hops) {
      if (h.deniedOutright()) {
        return deniedOutright(h, chain, call).withLogOnly(logged, loggedIf, minter);
      }
    }
    for (HopVerdicts h : hops) {
      if (!h.mayBeAllowed()) {
        return notPermitted(chain, h.hop, h.principal, call).withLogOnly(logged, loggedIf, minter);
      }
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
    return Residual.dynamic(new DynamicResidual(version, minter, approvals, denies, parts))
        .withLogOnly(logged, loggedIf, minter);
  }

  /** {@code into} (a new list when empty) with the ids of {@code ids} it lacks, in order. */
  private static List<String> addNew(List<String> into, List<String> ids) {
    if (ids.isEmpty()) {
      return into;
    }
    List<String> out = into.isEmpty() ? new ArrayList<>(ids.size()) : into;
    for (String id : ids) {
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** {@code into} (a new list when empty) followed by {@code rules}. */
  private static List<ConditionalRule> addAll(
      List<ConditionalRule> into, List<ConditionalRule> rules) {
    if (rules.isEmpty()) {
      return into;
    }
    List<ConditionalRule> out = into.isEmpty() ? new ArrayList<>(rules.size()) : into;
    out.addAll(rules);
    return out;
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
