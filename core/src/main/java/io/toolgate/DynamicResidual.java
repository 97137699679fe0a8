package io.toolgate;

import io.toolgate.spi.CallContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a residual that depends on the call: conditional denies from any hop, and for each
 * hop the allows that hold outright or under a condition. Deny wins; an error in a deny condition
 * denies (fail closed); an error in an allow condition means that rule does not apply. Either way
 * the decision carries the error.
 */
final class DynamicResidual {
  private final String version;
  private final List<ConditionalRule> denies;
  private final List<HopPart> hops;

  /** One hop: the ids allowing it outright (empty when it depends on conditions) and its conditional allows. */
  record HopPart(int hop, String principal, List<String> outright, List<ConditionalRule> conditional) {}

  DynamicResidual(String version, List<ConditionalRule> denies, List<HopPart> hops) {
    this.version = version;
    this.denies = List.copyOf(denies);
    this.hops = List.copyOf(hops);
  }

  Decision evaluate(CallContext context) {
    List<DecisionError> errors = new ArrayList<>(0);
    for (ConditionalRule rule : denies) {
      boolean holds;
      try {
        holds = rule.condition().test(context);
      } catch (Exception e) {
        errors.add(new DecisionError(rule.ruleId(), describe(e)));
        return Decision.builder(Effect.DENY, Reason.ERROR, version)
            .ruleIds(List.of(rule.ruleId())).refusedAt(rule.hop(), rule.principal()).errors(errors)
            .detail("the condition of deny rule '" + rule.ruleId() + "' failed, so it denies")
            .build();
      }
      if (holds) {
        return Decision.builder(Effect.DENY, Reason.EXPLICIT_DENY, version)
            .ruleIds(List.of(rule.ruleId())).refusedAt(rule.hop(), rule.principal()).errors(errors)
            .detail("deny rule '" + rule.ruleId() + "' holds for this call").build();
      }
    }
    List<String> allowIds = new ArrayList<>();
    for (HopPart part : hops) {
      if (!part.outright().isEmpty()) {
        allowIds.addAll(part.outright());
        continue;
      }
      String passed = null;
      for (ConditionalRule rule : part.conditional()) {
        try {
          if (rule.condition().test(context)) {
            passed = rule.ruleId();
            break;
          }
        } catch (Exception e) {
          errors.add(new DecisionError(rule.ruleId(), describe(e)));
        }
      }
      if (passed == null) {
        return Decision.builder(Effect.DENY, Reason.CONDITION_FAILED, version)
            .ruleIds(part.conditional().stream().map(ConditionalRule::ruleId).toList())
            .refusedAt(part.hop(), part.principal()).errors(errors)
            .detail("no condition allowing '" + part.principal() + "' holds for this call").build();
      }
      allowIds.add(passed);
    }
    return Decision.builder(Effect.ALLOW, Reason.PERMITTED, version)
        .ruleIds(allowIds).errors(errors).build();
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
