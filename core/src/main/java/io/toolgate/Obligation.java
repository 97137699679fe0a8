package io.toolgate;

/**
 * Something an allow {@link Decision} asks of whoever enforces it before the call may run: a closed
 * set, so an enforcement point can tell whether it knows every obligation it was given (and must
 * refuse the call when it does not, as an XACML enforcement point does).
 */
public enum Obligation {
  /**
   * A human (or another authority) must approve this call first: the policy's entry or rule that
   * allows it is marked {@code approval: required}. {@link io.toolgate.guard.ToolGuard} asks its
   * {@link io.toolgate.guard.ApprovalHandler} and runs the call only on a yes within its deadline.
   */
  APPROVAL
}
