package io.toolgate.spi;

/**
 * A predicate over what changes from call to call (arguments, environment, time): the residual part
 * of a rule, evaluated on every call, cached or not. Must be thread-safe and side-effect free.
 */
@FunctionalInterface
public interface Condition {
  /**
   * Whether the condition holds for this call.
   *
   * @throws Exception on any evaluation error (missing attribute, wrong type, ...); the engine then
   *     fails closed: an allow rule does not apply, a deny rule denies, and the decision carries
   *     the error
   */
  boolean test(CallContext context) throws Exception;
}
