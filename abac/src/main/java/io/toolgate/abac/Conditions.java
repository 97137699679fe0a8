package io.toolgate.abac;

import java.util.Objects;
import java.util.Set;

/**
 * A small typed DSL for rule conditions, for callers building policies in code:
 *
 * <pre>{@code
 * RuleCondition small = Conditions.arg("amount").lessOrEqual(1000)
 *     .and(Conditions.principalAttr("team").eq("finance"));
 * }</pre>
 *
 * <p>Every method renders CEL text ({@link RuleCondition#text()}), which the policy type-checks and
 * partially evaluates exactly like a condition written in CEL, so the two are interchangeable: the
 * example is {@code args.amount <= 1000 && principal.attributes.team == "finance"}. Names are
 * quoted as needed; literals are typed.
 */
public final class Conditions {
  private static final Set<String> ANNOTATIONS =
      Set.of("readOnly", "destructive", "idempotent", "openWorld");

  private Conditions() {}

  /** A call argument: {@code args.name}. */
  public static Operand arg(String name) {
    return new Operand(CelText.field("args", name(name)), true);
  }

  /**
   * An environment value: {@code env.name} ({@code hour}, {@code weekday}, {@code now}, or the
   * caller's).
   */
  public static Operand env(String name) {
    return new Operand(CelText.field("env", name(name)), true);
  }

  /** The principal's id. */
  public static Operand principalId() {
    return new Operand("principal.id", true);
  }

  /** The principal's type: {@code "user"}, {@code "agent"} or {@code "service"}. */
  public static Operand principalType() {
    return new Operand("principal.type", true);
  }

  /** The id of the principal's owner, or {@code ""} when it has none. */
  public static Operand principalOwner() {
    return new Operand("principal.owner", true);
  }

  /** The roles the principal holds and has active (empty without a role module). */
  public static Operand principalRoles() {
    return new Operand("principal.roles", true);
  }

  /** A principal attribute: {@code principal.attributes.name}. */
  public static Operand principalAttr(String name) {
    return new Operand(CelText.field("principal.attributes", name(name)), true);
  }

  /** The tool's id, {@code server/name}. */
  public static Operand toolId() {
    return new Operand("tool.id", true);
  }

  /** The server exposing the tool. */
  public static Operand toolServer() {
    return new Operand("tool.server", true);
  }

  /** The tool's name on its server. */
  public static Operand toolName() {
    return new Operand("tool.name", true);
  }

  /** A tool attribute from the catalog: {@code tool.attributes.name}. */
  public static Operand toolAttr(String name) {
    return new Operand(CelText.field("tool.attributes", name(name)), true);
  }

  /**
   * A tool annotation holds: {@code tool.annotations.destructive}. Annotations are hints from the
   * tool's server; use them to narrow (deny rules), not to grant.
   *
   * @param name {@code readOnly}, {@code destructive}, {@code idempotent} or {@code openWorld}
   * @throws IllegalArgumentException for any other name
   */
  public static RuleCondition toolAnnotation(String name) {
    if (!ANNOTATIONS.contains(name)) {
      throw new IllegalArgumentException(
          "no tool annotation '"
              + name
              + "'; expected one of "
              + new java.util.TreeSet<>(ANNOTATIONS));
    }
    return RuleCondition.fromDsl("tool.annotations." + name);
  }

  /** The resource's id ({@code ""} for calls on no resource). */
  public static Operand resourceId() {
    return new Operand("resource.id", true);
  }

  /** A resource attribute from the catalog: {@code resource.attributes.name}. */
  public static Operand resourceAttr(String name) {
    return new Operand(CelText.field("resource.attributes", name(name)), true);
  }

  /** Every condition holds. */
  public static RuleCondition allOf(RuleCondition first, RuleCondition... more) {
    RuleCondition c = Objects.requireNonNull(first, "first");
    for (RuleCondition m : more) {
      c = c.and(m);
    }
    return c;
  }

  /** Some condition holds. */
  public static RuleCondition anyOf(RuleCondition first, RuleCondition... more) {
    RuleCondition c = Objects.requireNonNull(first, "first");
    for (RuleCondition m : more) {
      c = c.or(m);
    }
    return c;
  }

  /** The condition does not hold. */
  public static RuleCondition not(RuleCondition condition) {
    return condition.negate();
  }

  static String name(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a name must not be empty");
    }
    return name;
  }
}
