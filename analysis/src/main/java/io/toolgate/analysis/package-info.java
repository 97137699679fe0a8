/**
 * Least-privilege tooling: show what principals and agents can reach, assert it in test suites,
 * review policy changes, and shrink a policy to what is used.
 *
 * <ul>
 *   <li>{@link io.toolgate.analysis.PolicyAnalyzer}: the {@link
 *       io.toolgate.analysis.EffectivePermissions} of a principal or chain over a {@link
 *       io.toolgate.analysis.Catalog} (each {@link io.toolgate.analysis.Reach} decided by the
 *       engine, explained by the grants modules report, {@link io.toolgate.analysis.GrantRef}), and
 *       {@link io.toolgate.analysis.Finding}s ({@link io.toolgate.analysis.FindingKind}, {@link
 *       io.toolgate.analysis.Severity}).
 *   <li>{@link io.toolgate.analysis.PolicyAssertions}: {@code assertThatPolicy(policy)} for tests
 *       ({@link io.toolgate.analysis.PolicyAssert}, {@link io.toolgate.analysis.SubjectAssert},
 *       {@link io.toolgate.analysis.InvocationAssert}), failing with {@link AssertionError}s.
 *   <li>{@link io.toolgate.analysis.PolicyDiff}: the {@link io.toolgate.analysis.DecisionChange}s
 *       between two policies and their {@link io.toolgate.analysis.Direction}.
 *   <li>{@link io.toolgate.analysis.DecisionLog} ({@link io.toolgate.analysis.LoggedDecision}s read
 *       from the audit log) and {@link io.toolgate.analysis.Tightener}, whose {@link
 *       io.toolgate.analysis.Tightening} is the smallest whitelist that allowed the log ({@link
 *       io.toolgate.analysis.TightenedEntry}).
 * </ul>
 *
 * <p>Modules join through {@link io.toolgate.spi.CompiledModule#grants} and {@link
 * io.toolgate.spi.RoleDirectory#roleHolders}; JUnit is not a dependency.
 */
package io.toolgate.analysis;
