package io.toolgate.abac;

import java.util.Objects;

/**
 * The condition of a {@link Rule}: a boolean CEL expression over {@code principal}, {@code tool},
 * {@code resource}, {@code args} and {@code env}, written as text ({@link #cel(String)}) or built
 * with the typed DSL in {@link Conditions}. Either way it is parsed and type-checked when the
 * {@link io.toolgate.Policy} is built, and goes through the same partial evaluation. Immutable;
 * equal when the text is equal.
 */
public final class RuleCondition {
  private static final RuleCondition ALWAYS = new RuleCondition("true");

  private final String text;

  private RuleCondition(String text) {
    this.text = text;
  }

  /**
   * A condition written in CEL, for example {@code args.amount <= 1000 && principal.attributes.team
   * == 'finance'}. Checked when the policy is built.
   *
   * @throws IllegalArgumentException if the text is blank
   */
  public static RuleCondition cel(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a CEL condition must not be blank");
    }
    return new RuleCondition(text);
  }

  /** The condition that always holds: what a rule without {@code when} has. */
  public static RuleCondition always() {
    return ALWAYS;
  }

  /**
   * Both conditions hold ({@code &&}: an error on one side is absorbed when the other is false).
   */
  public RuleCondition and(RuleCondition other) {
    return new RuleCondition("(" + text + ") && (" + other.text + ")");
  }

  /**
   * Either condition holds ({@code ||}: an error on one side is absorbed when the other is true).
   */
  public RuleCondition or(RuleCondition other) {
    return new RuleCondition("(" + text + ") || (" + other.text + ")");
  }

  /** The condition does not hold (an error stays an error). */
  public RuleCondition negate() {
    return new RuleCondition("!(" + text + ")");
  }

  /** Whether this is {@link #always()}. */
  public boolean isAlways() {
    return this == ALWAYS || text.equals(ALWAYS.text);
  }

  /** The condition as CEL text. */
  public String text() {
    return text;
  }

  static RuleCondition fromDsl(String text) {
    return new RuleCondition(text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleCondition c && text.equals(c.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Returns the CEL text. */
  @Override
  public String toString() {
    return text;
  }
}
