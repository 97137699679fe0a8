package io.toolgate.analysis;

import io.toolgate.DelegationChain;
import java.util.List;
import java.util.Objects;

/**
 * Assertions on a whole policy; {@link #principal} and {@link #chain} narrow them to a subject.
 * Obtain one from {@link PolicyAssertions#assertThatPolicy}. Not thread-safe.
 */
public final class PolicyAssert {
  private final PolicyAnalyzer analyzer;
  private List<Finding> findings;

  PolicyAssert(PolicyAnalyzer analyzer) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
  }

  /**
   * Assertions on {@code principalId} acting for itself.
   *
   * @throws AssertionError if the policy does not define the principal
   */
  public SubjectAssert principal(String principalId) {
    if (analyzer.policy().principal(principalId).isEmpty()) {
      throw new AssertionError(
          "expected the policy to define principal '" + principalId + "', but it does not");
    }
    return new SubjectAssert(this, DelegationChain.of(principalId));
  }

  /** Assertions on the last principal of {@code chain}, acting through it. */
  public SubjectAssert chain(DelegationChain chain) {
    return new SubjectAssert(this, Objects.requireNonNull(chain, "chain"));
  }

  /** Assertions on the chain of these principals, origin first, with unrestricted hops. */
  public SubjectAssert chain(String origin, String... delegates) {
    DelegationChain c = DelegationChain.of(origin);
    for (String d : delegates) {
      c = c.then(d);
    }
    return chain(c);
  }

  /**
   * Asserts that no finding ({@link PolicyAnalyzer#findings()}) is more severe than {@code
   * severity}.
   *
   * @throws AssertionError listing every finding above it
   */
  public PolicyAssert hasNoFindingsAbove(Severity severity) {
    check(findings(), severity, "the policy");
    return this;
  }

  PolicyAnalyzer analyzer() {
    return analyzer;
  }

  List<Finding> findings() {
    if (findings == null) {
      findings = analyzer.findings();
    }
    return findings;
  }

  static void check(List<Finding> findings, Severity severity, String who) {
    Objects.requireNonNull(severity, "severity");
    List<Finding> above = findings.stream().filter(f -> f.severity().isAbove(severity)).toList();
    if (!above.isEmpty()) {
      throw new AssertionError(
          "expected "
              + who
              + " to have no findings above "
              + severity
              + ", but it has "
              + above.size()
              + ":"
              + SubjectAssert.lines(above));
    }
  }
}
