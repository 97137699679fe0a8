/**
 * Test fixtures shared by the tests of every module, published in core's test jar ({@code
 * toolgate-core:tests}, this package only).
 *
 * <ul>
 *   <li>{@link io.toolgate.testing.MutableClock}: the clock tests set and advance by hand.
 *   <li>{@link io.toolgate.testing.Scenarios}: jqwik generators of policies, delegation chains and
 *       requests over small universes of principals, tools and resources, as {@link
 *       io.toolgate.testing.Scenario}s.
 *   <li>{@link io.toolgate.testing.ReferenceEvaluator}: a naive evaluator of the core semantics
 *       that shares no code with the engine, over {@link io.toolgate.testing.ReferenceGlob}, a glob
 *       matcher built on regular expressions; modules' own references use its {@link
 *       io.toolgate.testing.ReferenceEvaluator#covers whitelist coverage}.
 *   <li>{@link io.toolgate.testing.Engines}: a caching and an uncached engine that must agree on
 *       every decision.
 * </ul>
 */
package io.toolgate.testing;
