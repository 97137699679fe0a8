package io.toolgate.abac;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A value a condition reads ({@code args.amount}, {@code principal.attributes.team}, ...), as the
 * typed DSL of {@link Conditions} builds it. Each test returns a {@link RuleCondition}; literals
 * are typed Java values rendered as CEL literals, so no quoting mistake can reach a policy.
 * Immutable.
 *
 * <p>Comparisons follow CEL: ints and doubles compare by value, strings lexicographically; a value
 * that is missing or of another kind at run time is an evaluation error, which fails closed.
 */
public final class Operand {
  private final String text;
  private final boolean field;

  Operand(String text, boolean field) {
    this.text = text;
    this.field = field;
  }

  /** The nested value under key {@code name} of this map ({@code args.payee.country}). */
  public Operand field(String name) {
    return new Operand(CelText.field(text, Conditions.name(name)), true);
  }

  /** The size of this string (in code points), list or map. */
  public Operand size() {
    return new Operand("size(" + text + ")", false);
  }

  /**
   * Whether this field is present ({@code has(args.amount)}); never an error for a missing key.
   *
   * @throws IllegalStateException if this operand is not a field of a map
   */
  public RuleCondition exists() {
    if (!field) {
      throw new IllegalStateException(
          text + " is not a field; only fields can be tested for presence");
    }
    int dot = text.lastIndexOf('.');
    int bracket = text.lastIndexOf('[');
    if (bracket > dot) {
      // args["odd-name"]: has() takes a dotted field, so test the key instead.
      return cond(
          text.substring(bracket + 1, text.length() - 1) + " in " + text.substring(0, bracket));
    }
    return cond("has(" + text + ")");
  }

  /** This bool is true. */
  public RuleCondition isTrue() {
    return cond(text + " == true");
  }

  /** This bool is false. */
  public RuleCondition isFalse() {
    return cond(text + " == false");
  }

  /** Equals the string. */
  public RuleCondition eq(String value) {
    return binary("==", value);
  }

  /** Equals the int (or a double of the same value). */
  public RuleCondition eq(long value) {
    return binary("==", value);
  }

  /** Equals the double (or an int of the same value). */
  public RuleCondition eq(double value) {
    return binary("==", value);
  }

  /** Equals the bool. */
  public RuleCondition eq(boolean value) {
    return binary("==", value);
  }

  /** Equals the other operand's value. */
  public RuleCondition eq(Operand other) {
    return cond(text + " == " + other.text);
  }

  /** Differs from the string. */
  public RuleCondition ne(String value) {
    return binary("!=", value);
  }

  /** Differs from the int. */
  public RuleCondition ne(long value) {
    return binary("!=", value);
  }

  /** Differs from the double. */
  public RuleCondition ne(double value) {
    return binary("!=", value);
  }

  /** Differs from the bool. */
  public RuleCondition ne(boolean value) {
    return binary("!=", value);
  }

  /** Differs from the other operand's value. */
  public RuleCondition ne(Operand other) {
    return cond(text + " != " + other.text);
  }

  /** Less than the int. */
  public RuleCondition lessThan(long value) {
    return binary("<", value);
  }

  /** Less than the double. */
  public RuleCondition lessThan(double value) {
    return binary("<", value);
  }

  /** Less than the other operand's value. */
  public RuleCondition lessThan(Operand other) {
    return cond(text + " < " + other.text);
  }

  /** At most the int. */
  public RuleCondition lessOrEqual(long value) {
    return binary("<=", value);
  }

  /** At most the double. */
  public RuleCondition lessOrEqual(double value) {
    return binary("<=", value);
  }

  /** At most the other operand's value. */
  public RuleCondition lessOrEqual(Operand other) {
    return cond(text + " <= " + other.text);
  }

  /** Greater than the int. */
  public RuleCondition greaterThan(long value) {
    return binary(">", value);
  }

  /** Greater than the double. */
  public RuleCondition greaterThan(double value) {
    return binary(">", value);
  }

  /** Greater than the other operand's value. */
  public RuleCondition greaterThan(Operand other) {
    return cond(text + " > " + other.text);
  }

  /** At least the int. */
  public RuleCondition greaterOrEqual(long value) {
    return binary(">=", value);
  }

  /** At least the double. */
  public RuleCondition greaterOrEqual(double value) {
    return binary(">=", value);
  }

  /** At least the other operand's value. */
  public RuleCondition greaterOrEqual(Operand other) {
    return cond(text + " >= " + other.text);
  }

  /**
   * Equals one of the strings.
   *
   * @throws IllegalArgumentException if none is given
   */
  public RuleCondition in(String... values) {
    return in(Stream.of(values).map(CelText::literal).toList());
  }

  /**
   * Equals one of the ints.
   *
   * @throws IllegalArgumentException if none is given
   */
  public RuleCondition in(long... values) {
    return in(LongStream.of(values).mapToObj(CelText::literal).toList());
  }

  private RuleCondition in(List<String> literals) {
    if (literals.isEmpty()) {
      throw new IllegalArgumentException("in() needs at least one value");
    }
    return cond(text + " in [" + String.join(", ", literals) + "]");
  }

  /** This list holds the string (or this map has it as a key). */
  public RuleCondition includes(String value) {
    return cond(CelText.literal(Objects.requireNonNull(value, "value")) + " in " + text);
  }

  /** This list holds every one of the strings. */
  public RuleCondition includesAll(Collection<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("includesAll() needs at least one value");
    }
    return cond(
        values.stream()
            .map(v -> CelText.literal(v) + " in " + text)
            .collect(Collectors.joining(" && ")));
  }

  /** This string starts with the prefix. */
  public RuleCondition startsWith(String prefix) {
    return cond(
        text + ".startsWith(" + CelText.literal(Objects.requireNonNull(prefix, "prefix")) + ")");
  }

  /** This string ends with the suffix. */
  public RuleCondition endsWith(String suffix) {
    return cond(
        text + ".endsWith(" + CelText.literal(Objects.requireNonNull(suffix, "suffix")) + ")");
  }

  /** This string contains the text. */
  public RuleCondition contains(String part) {
    return cond(text + ".contains(" + CelText.literal(Objects.requireNonNull(part, "part")) + ")");
  }

  private RuleCondition binary(String op, Object literal) {
    return cond(text + " " + op + " " + CelText.literal(Objects.requireNonNull(literal, "value")));
  }

  private static RuleCondition cond(String text) {
    return RuleCondition.fromDsl(text);
  }

  /** The operand as CEL text. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Operand other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
