/**
 * Attribute-based rules for Toolgate: conditions over the principal, the tool, the resource, the
 * call's arguments and its environment, written in CEL or with a typed Java DSL, and partially
 * evaluated when the engine first decides a call, leaving per rule at most a pending condition over
 * the arguments and environment to evaluate per call.
 *
 * <ul>
 *   <li>{@link io.toolgate.abac.AbacPolicy}: the {@link io.toolgate.spi.PolicyModule} holding the
 *       rules; plug it into a {@link io.toolgate.Policy}.
 *   <li>{@link io.toolgate.abac.Rule}: one rule: id, effect, targets, condition.
 *   <li>{@link io.toolgate.abac.RuleCondition}: a condition as CEL text.
 *   <li>{@link io.toolgate.abac.Conditions} and {@link io.toolgate.abac.Operand}: the typed DSL
 *       that writes conditions for you.
 *   <li>{@link io.toolgate.abac.ConditionEngine}: how pending conditions are evaluated per call.
 *   <li>{@link io.toolgate.abac.AbacSection}: the {@code rules} section of policy documents, found
 *       by {@link io.toolgate.document.PolicyLoader} through {@link java.util.ServiceLoader}.
 * </ul>
 */
package io.toolgate.abac;
