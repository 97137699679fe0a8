package io.toolgate.analysis;

import io.toolgate.DelegationChain;
import io.toolgate.ToolPattern;
import java.util.Arrays;
import java.util.List;

/**
 * Assertions on what one principal, or one delegation chain, can invoke. Reach is computed over the
 * analyzer's catalog through the engine ({@link PolicyAnalyzer#effectivePermissions}), so a
 * conditional reach counts as a reach: some call may be allowed. Not thread-safe.
 */
public final class SubjectAssert {
  private final PolicyAssert policy;
  private final DelegationChain chain;
  private EffectivePermissions effective;

  SubjectAssert(PolicyAssert policy, DelegationChain chain) {
    this.policy = policy;
    this.chain = chain;
  }

  /**
   * Starts a check that the subject may invoke {@code tool}; it is made by {@link
   * InvocationAssert#on}, {@link InvocationAssert#onNoResource} or {@link
   * InvocationAssert#onSomeResource}, and nothing is checked before.
   *
   * @throws IllegalArgumentException if {@code tool} is not a tool id ({@code server/name})
   */
  public InvocationAssert canInvoke(String tool) {
    return new InvocationAssert(this, io.toolgate.ToolId.parse(tool), true);
  }

  /**
   * Starts a check that the subject may not invoke {@code tool}; it is made by {@link
   * InvocationAssert#on}, {@link InvocationAssert#onNoResource} or {@link
   * InvocationAssert#onAnyResource}, and nothing is checked before.
   *
   * @throws IllegalArgumentException if {@code tool} is not a tool id ({@code server/name})
   */
  public InvocationAssert cannotInvoke(String tool) {
    return new InvocationAssert(this, io.toolgate.ToolId.parse(tool), false);
  }

  /**
   * Asserts that the subject reaches no destructive tool (annotated destructive and not read-only,
   * as an unannotated tool or a tool pattern without a catalog is assumed to be), on any resource,
   * even conditionally.
   *
   * @throws AssertionError listing each destructive tool reached, where and through which grants
   */
  public SubjectAssert cannotInvokeAnyDestructiveTool() {
    List<Reach> bad = effective().reaches().stream().filter(r -> r.tool().isDestructive()).toList();
    if (!bad.isEmpty()) {
      throw new AssertionError(
          "expected "
              + who()
              + " to reach no destructive tool, but it reaches "
              + bad.size()
              + ":"
              + lines(bad));
    }
    return this;
  }

  /**
   * Asserts that every tool the subject reaches matches one of {@code toolPatterns} (a tool pattern
   * standing for tools without a catalog must be included in one of them).
   *
   * @throws IllegalArgumentException if no pattern is given or one is malformed
   * @throws AssertionError listing each reach outside the patterns, with its grants
   */
  public SubjectAssert reachesOnly(String... toolPatterns) {
    if (toolPatterns.length == 0) {
      throw new IllegalArgumentException("reachesOnly needs at least one tool pattern");
    }
    List<ToolPattern> allowed = Arrays.stream(toolPatterns).map(ToolPattern::parse).toList();
    List<Reach> bad =
        effective().reaches().stream().filter(r -> !within(r.tool(), allowed)).toList();
    if (!bad.isEmpty()) {
      throw new AssertionError(
          "expected "
              + who()
              + " to reach only "
              + Arrays.toString(toolPatterns)
              + ", but it also reaches:"
              + lines(bad));
    }
    return this;
  }

  /**
   * Asserts that no finding about the subject's principals is more severe than {@code severity}.
   *
   * @throws AssertionError listing every such finding
   */
  public SubjectAssert hasNoFindingsAbove(Severity severity) {
    List<Finding> mine =
        policy.findings().stream().filter(f -> chain.principals().contains(f.principal())).toList();
    PolicyAssert.check(mine, severity, who());
    return this;
  }

  /** The policy's assertions, to go on with another subject. */
  public PolicyAssert and() {
    return policy;
  }

  private static boolean within(CatalogTool tool, List<ToolPattern> allowed) {
    for (ToolPattern p : allowed) {
      if (tool.isPattern()
          ? Patterns.covers(p.text(), tool.label())
          : p.matches(tool.tool().id())) {
        return true;
      }
    }
    return false;
  }

  EffectivePermissions effective() {
    if (effective == null) {
      effective = policy.analyzer().effectivePermissions(chain);
    }
    return effective;
  }

  PolicyAnalyzer analyzer() {
    return policy.analyzer();
  }

  DelegationChain chain() {
    return chain;
  }

  String who() {
    return chain.isDirect() ? "'" + chain.origin() + "'" : "chain '" + chain + "'";
  }

  static String lines(List<?> items) {
    StringBuilder s = new StringBuilder();
    items.forEach(i -> s.append("\n  ").append(i));
    return s.toString();
  }

  @Override
  public String toString() {
    return "assertions on " + who();
  }
}
