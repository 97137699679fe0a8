package io.toolgate.abac;

/**
 * How the dynamic part of a condition (what reads {@code args} or {@code env}) is evaluated on each
 * call. Either way, everything that depends only on the principal, tool and resource is decided
 * once, when the engine first decides a (chain, tool, resource), and both engines decide alike;
 * they differ in speed and in the wording of error messages.
 */
public enum ConditionEngine {
  /**
   * The default: the pending condition (what partial evaluation leaves of the checked CEL
   * expression) is compiled to Java closures for the common operators (field selection,
   * comparisons, logic, {@code in}, {@code size}, string tests, literals), with sub-expressions
   * outside that set (macros, arithmetic, conversions) evaluated by CEL's runtime. The closures for
   * a pending condition of a few comparisons cost tens of nanoseconds.
   */
  COMPILED,
  /**
   * Every condition that partial evaluation leaves dynamic is evaluated, whole, by CEL's own
   * interpreter on each call, with CEL's own error messages (conditions that are decided by the
   * principal, tool and resource alone are decided once, as under {@link #COMPILED}). About twenty
   * times slower per call than {@link #COMPILED}; kept for comparison and as a reference.
   */
  CEL_RUNTIME
}
