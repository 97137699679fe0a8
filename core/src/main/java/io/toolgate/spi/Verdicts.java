package io.toolgate.spi;

import io.toolgate.Reason;

/**
 * Where a {@link CompiledModule} records what it says about one principal of a request. Every call
 * names the entry or rule responsible, for explanations. Not thread-safe; valid only during the
 * {@link CompiledModule#evaluate} call it is passed to.
 */
public interface Verdicts {
  /** The rule allows the call unconditionally. */
  void allow(String ruleId);

  /** The rule denies the call unconditionally (reason {@code EXPLICIT_DENY}). Deny wins. */
  void deny(String ruleId);

  /**
   * The rule denies the call unconditionally for a specific reason, such as {@link
   * Reason#SEPARATION_OF_DUTY}, with a readable detail.
   *
   * @throws IllegalArgumentException if the reason is {@link Reason#PERMITTED}
   */
  void deny(String ruleId, Reason reason, String detail);

  /** The rule allows the call when {@code condition} holds; an error counts as "does not apply". */
  void allowIf(String ruleId, Condition condition);

  /** The rule denies the call when {@code condition} holds; an error counts as "deny". */
  void denyIf(String ruleId, Condition condition);

  /**
   * A log-only rule ({@link io.toolgate.AccessEntry.Mode#LOG_ONLY}) matches the call: it takes no
   * part in the decision, and its id is recorded in {@link io.toolgate.Decision#logOnlyMatches()}.
   * The default ignores it.
   */
  default void logOnly(String ruleId) {}

  /**
   * A log-only rule matches the call when {@code condition} holds, which is tested per call: it
   * takes no part in the decision, and its id is recorded in {@link
   * io.toolgate.Decision#logOnlyMatches()} when the condition holds (an error counts as "does not
   * match"). The default ignores it.
   */
  default void logOnlyIf(String ruleId, Condition condition) {}
}
