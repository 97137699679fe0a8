package io.toolgate.abac;

/**
 * A condition failed to evaluate (a missing key, a value of the wrong type, an overflow). CEL
 * treats errors as values: {@code false && error} is false, {@code true || error} is true; the
 * nodes follow that, and whatever error survives to the top fails closed in the engine. Carries no
 * stack trace: it is an expected outcome, not a bug.
 */
final class EvaluationError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EvaluationError(String message) {
    super(message, null, false, false);
  }

  static EvaluationError noOverload(String op, Object a, Object b) {
    return new EvaluationError(
        "no matching overload for '"
            + op
            + "' applied to ("
            + Values.typeName(a)
            + ", "
            + Values.typeName(b)
            + ")");
  }

  static EvaluationError noOverload(String op, Object a) {
    return new EvaluationError(
        "no matching overload for '" + op + "' applied to (" + Values.typeName(a) + ")");
  }
}
