package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.DecisionError;
import io.toolgate.Reason;
import io.toolgate.spi.CallContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a residual that depends on the call: conditional denies from any hop, and for each
 * hop the allows that hold outright or under a condition. Deny wins; an error in a deny condition
 * denies (fail closed); an error in an allow condition means that rule does not apply. Either way
 * the decision carries the error.
 *
 * <p>The decisions of the error-free outcomes (a deny rule holds; a hop's conditions all fail; the
 * one conditional hop passes through one of its rules) are built once, here, so evaluating a call
 * allocates only when a condition errs or several hops depend on conditions.
 */
final class DynamicResidual {
  private final String version;
  private final List<ConditionalRule> denies;
  private final List<HopPart> hops;
  private final Decision.Minter minter;
  private final Approvals approvals;
  private final Decision[] denyHolds;
  private final Decision[] conditionFailed;

  /** When exactly one hop depends on conditions: its index in {@link #hops}, else -1. */
  private final int onlyConditionalPart;

  private final Decision[] allowThrough;

  /**
   * One hop: the ids allowing it outright (empty when it depends on conditions) and its conditional
   * allows.
   */
  record HopPart(
      int hop, String principal, List<String> outright, List<ConditionalRule> conditional) {}

  DynamicResidual(
      String version,
      Decision.Minter minter,
      Approvals approvals,
      List<ConditionalRule> denies,
      List<HopPart> hops) {
    this.version = version;
    this.minter = minter;
    this.approvals = approvals;
    this.denies = List.copyOf(denies);
    this.hops = List.copyOf(hops);
    this.denyHolds = new Decision[this.denies.size()];
    for (int i = 0; i < denyHolds.length; i++) {
      denyHolds[i] = denyHolds(this.denies.get(i), List.of());
    }
    this.conditionFailed = new Decision[this.hops.size()];
    int conditional = -1;
    int count = 0;
    for (int p = 0; p < conditionFailed.length; p++) {
      HopPart part = this.hops.get(p);
      if (part.outright().isEmpty()) {
        conditionFailed[p] = conditionFailed(part, List.of());
        conditional = p;
        count++;
      }
    }
    this.onlyConditionalPart = count == 1 ? conditional : -1;
    if (onlyConditionalPart >= 0) {
      List<ConditionalRule> rules = this.hops.get(onlyConditionalPart).conditional();
      this.allowThrough = new Decision[rules.size()];
      for (int k = 0; k < allowThrough.length; k++) {
        allowThrough[k] = allow(allowIds(onlyConditionalPart, rules.get(k).ruleId()), List.of());
      }
    } else {
      this.allowThrough = new Decision[0];
    }
  }

  Decision evaluate(CallContext context) {
    List<DecisionError> errors = null;
    for (int i = 0; i < denies.size(); i++) {
      ConditionalRule rule = denies.get(i);
      boolean holds;
      try {
        holds = rule.condition().test(context);
      } catch (Exception e) {
        return Decision.denial(Reason.ERROR, version)
            .ruleIds(List.of(rule.ruleId()))
            .refusedAt(rule.hop(), rule.principal())
            .errors(List.of(new DecisionError(rule.ruleId(), describe(e))))
            .detail("the condition of deny rule '" + rule.ruleId() + "' failed, so it denies")
            .build();
      }
      if (holds) {
        return denyHolds[i];
      }
    }
    String[] passed = new String[hops.size()];
    int passedIndex = -1;
    for (int p = 0; p < hops.size(); p++) {
      HopPart part = hops.get(p);
      if (!part.outright().isEmpty()) {
        continue;
      }
      List<ConditionalRule> rules = part.conditional();
      for (int k = 0; k < rules.size() && passed[p] == null; k++) {
        ConditionalRule rule = rules.get(k);
        try {
          if (rule.condition().test(context)) {
            passed[p] = rule.ruleId();
            passedIndex = k;
          }
        } catch (Exception e) {
          if (errors == null) {
            errors = new ArrayList<>(2);
          }
          errors.add(new DecisionError(rule.ruleId(), describe(e)));
        }
      }
      if (passed[p] == null) {
        return errors == null ? conditionFailed[p] : conditionFailed(part, errors);
      }
    }
    if (errors == null && onlyConditionalPart >= 0) {
      return allowThrough[passedIndex];
    }
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < hops.size(); p++) {
      HopPart part = hops.get(p);
      if (part.outright().isEmpty()) {
        ids.add(passed[p]);
      } else {
        ids.addAll(part.outright());
      }
    }
    return allow(ids, errors == null ? List.of() : errors);
  }

  /** The allow ids in chain order when the one conditional hop passes through {@code ruleId}. */
  private List<String> allowIds(int conditionalPart, String ruleId) {
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < hops.size(); p++) {
      if (p == conditionalPart) {
        ids.add(ruleId);
      } else {
        ids.addAll(hops.get(p).outright());
      }
    }
    return ids;
  }

  private Decision allow(List<String> ids, List<DecisionError> errors) {
    return minter.allow(version).ruleIds(ids).errors(errors).obligations(approvals.of(ids)).build();
  }

  private Decision denyHolds(ConditionalRule rule, List<DecisionError> errors) {
    return Decision.denial(Reason.EXPLICIT_DENY, version)
        .ruleIds(List.of(rule.ruleId()))
        .refusedAt(rule.hop(), rule.principal())
        .errors(errors)
        .detail("deny rule '" + rule.ruleId() + "' holds for this call")
        .build();
  }

  private Decision conditionFailed(HopPart part, List<DecisionError> errors) {
    return Decision.denial(Reason.CONDITION_FAILED, version)
        .ruleIds(part.conditional().stream().map(ConditionalRule::ruleId).toList())
        .refusedAt(part.hop(), part.principal())
        .errors(errors)
        .detail("no condition allowing '" + part.principal() + "' holds for this call")
        .build();
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
