package io.toolgate;

import io.toolgate.spi.Condition;
import io.toolgate.spi.Verdicts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Collects what every module says about one hop of a chain. */
final class HopVerdicts implements Verdicts {
  final int hop;
  final String principal;
  final Set<String> allows = new LinkedHashSet<>();
  final Set<String> denies = new LinkedHashSet<>();
  Reason denyReason;
  String denyDetail = "";
  final List<ConditionalRule> conditionalAllows = new ArrayList<>();
  final List<ConditionalRule> conditionalDenies = new ArrayList<>();

  HopVerdicts(int hop, String principal) {
    this.hop = hop;
    this.principal = principal;
  }

  @Override
  public void allow(String ruleId) {
    allows.add(Objects.requireNonNull(ruleId, "ruleId"));
  }

  @Override
  public void deny(String ruleId) {
    deny(ruleId, Reason.EXPLICIT_DENY, "");
  }

  @Override
  public void deny(String ruleId, Reason reason, String detail) {
    if (reason == Reason.PERMITTED) {
      throw new IllegalArgumentException("a deny cannot have reason PERMITTED");
    }
    denies.add(Objects.requireNonNull(ruleId, "ruleId"));
    if (denyReason == null) {
      denyReason = Objects.requireNonNull(reason, "reason");
      denyDetail = Objects.requireNonNull(detail, "detail");
    }
  }

  @Override
  public void allowIf(String ruleId, Condition condition) {
    conditionalAllows.add(new ConditionalRule(hop, principal, ruleId, condition));
  }

  @Override
  public void denyIf(String ruleId, Condition condition) {
    conditionalDenies.add(new ConditionalRule(hop, principal, ruleId, condition));
  }

  boolean deniedOutright() {
    return !denies.isEmpty();
  }

  boolean allowedOutright() {
    return !allows.isEmpty();
  }

  boolean mayBeAllowed() {
    return !allows.isEmpty() || !conditionalAllows.isEmpty();
  }
}
