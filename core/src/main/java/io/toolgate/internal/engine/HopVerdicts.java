package io.toolgate.internal.engine;

import io.toolgate.Reason;
import io.toolgate.spi.Condition;
import io.toolgate.spi.Verdicts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects what every module says about one hop of a chain. Lists start empty and shared, and are
 * allocated on first use: most hops hear one or two verdicts, and a cache miss should allocate
 * little. One instance may serve hop after hop ({@link #reset}) when nothing of a hop needs to be
 * kept once the next starts.
 */
final class HopVerdicts implements Verdicts {
  int hop;
  String principal;

  /** The first allowing id, or null; the rest in {@link #moreAllows} (a hop mostly hears one). */
  private String firstAllow;

  private List<String> moreAllows = List.of();
  List<String> denies = List.of();
  Reason denyReason;
  String denyDetail = "";
  List<ConditionalRule> conditionalAllows = List.of();
  List<ConditionalRule> conditionalDenies = List.of();

  /** The log-only ids that matched this hop, in the order heard. */
  List<String> logOnly = List.of();

  /** The log-only rules that match this hop when their condition holds for the call. */
  List<ConditionalRule> conditionalLogOnly = List.of();

  HopVerdicts(int hop, String principal) {
    this.hop = hop;
    this.principal = principal;
  }

  /** Forgets every verdict heard, to collect those of {@code hop}. */
  void reset(int hop, String principal) {
    this.hop = hop;
    this.principal = principal;
    firstAllow = null;
    moreAllows = List.of();
    denies = List.of();
    denyReason = null;
    denyDetail = "";
    conditionalAllows = List.of();
    conditionalDenies = List.of();
    logOnly = List.of();
    conditionalLogOnly = List.of();
  }

  /**
   * Whether the hop's verdict waits on a condition: a conditional deny, or only conditional allows.
   */
  boolean conditional() {
    return !conditionalDenies.isEmpty() || (firstAllow == null && !conditionalAllows.isEmpty());
  }

  @Override
  public void allow(String ruleId) {
    Objects.requireNonNull(ruleId, "ruleId");
    if (firstAllow == null) {
      firstAllow = ruleId; // most hops hear one allow: no list at all
    } else if (!firstAllow.equals(ruleId) && !moreAllows.contains(ruleId)) {
      if (moreAllows.isEmpty()) {
        moreAllows = new ArrayList<>(2);
      }
      moreAllows.add(ruleId);
    }
  }

  @Override
  public void deny(String ruleId) {
    deny(ruleId, Reason.EXPLICIT_DENY, "");
  }

  @Override
  public void deny(String ruleId, Reason reason, String detail) {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if (reason == Reason.PERMITTED) {
      throw new IllegalArgumentException("a deny cannot have reason PERMITTED");
    }
    if (denies.isEmpty()) {
      denies = new ArrayList<>(2);
    }
    if (!denies.contains(ruleId)) {
      denies.add(ruleId);
    }
    if (denyReason == null) {
      denyReason = reason;
      denyDetail = detail;
    }
  }

  @Override
  public void allowIf(String ruleId, Condition condition) {
    if (conditionalAllows.isEmpty()) {
      conditionalAllows = new ArrayList<>(2);
    }
    conditionalAllows.add(new ConditionalRule(hop, principal, ruleId, condition));
  }

  @Override
  public void denyIf(String ruleId, Condition condition) {
    if (conditionalDenies.isEmpty()) {
      conditionalDenies = new ArrayList<>(2);
    }
    conditionalDenies.add(new ConditionalRule(hop, principal, ruleId, condition));
  }

  @Override
  public void logOnly(String ruleId) {
    Objects.requireNonNull(ruleId, "ruleId");
    if (logOnly.isEmpty()) {
      logOnly = new ArrayList<>(2);
    }
    if (!logOnly.contains(ruleId)) {
      logOnly.add(ruleId);
    }
  }

  @Override
  public void logOnlyIf(String ruleId, Condition condition) {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(condition, "condition");
    if (conditionalLogOnly.isEmpty()) {
      conditionalLogOnly = new ArrayList<>(2);
    }
    conditionalLogOnly.add(new ConditionalRule(hop, principal, ruleId, condition));
  }

  boolean deniedOutright() {
    return !denies.isEmpty();
  }

  boolean allowedOutright() {
    return firstAllow != null;
  }

  /** How many ids allow this hop outright. */
  int allowCount() {
    return firstAllow == null ? 0 : 1 + moreAllows.size();
  }

  /** The {@code i}th id allowing this hop outright, in the order heard. */
  String allowAt(int i) {
    return i == 0 ? firstAllow : moreAllows.get(i - 1);
  }

  /** The ids allowing this hop outright, in the order heard. */
  List<String> allows() {
    String[] out = new String[allowCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = allowAt(i);
    }
    return List.of(out);
  }

  boolean mayBeAllowed() {
    return firstAllow != null || !conditionalAllows.isEmpty();
  }
}
