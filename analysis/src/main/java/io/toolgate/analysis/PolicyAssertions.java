package io.toolgate.analysis;

import io.toolgate.Policy;

/**
 * Least-privilege assertions for test suites (JUnit, TestNG or plain code): each failed check
 * throws an {@link AssertionError} whose message lists exactly the offending grants.
 *
 * <pre>{@code
 * import static io.toolgate.analysis.PolicyAssertions.assertThatPolicy;
 *
 * assertThatPolicy(policy).principal("triage-bot")
 *     .canInvoke("github/list_issues").on("repo:acme/x")
 *     .cannotInvokeAnyDestructiveTool()
 *     .reachesOnly("github/get_*", "github/list_*");
 * assertThatPolicy(policy).hasNoFindingsAbove(Severity.MEDIUM);
 * }</pre>
 */
public final class PolicyAssertions {
  private PolicyAssertions() {}

  /** Starts assertions on {@code policy}, analysed over a catalog derived from it. */
  public static PolicyAssert assertThatPolicy(Policy policy) {
    return new PolicyAssert(PolicyAnalyzer.of(policy));
  }

  /** Starts assertions on the analyzer's policy, over its catalog and at its clock. */
  public static PolicyAssert assertThatPolicy(PolicyAnalyzer analyzer) {
    return new PolicyAssert(analyzer);
  }
}
