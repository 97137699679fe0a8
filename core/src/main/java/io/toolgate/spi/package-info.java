/**
 * The plug-in interface through which grant sources join the decision engine.
 *
 * <ul>
 *   <li>{@link io.toolgate.spi.PolicyModule}: an immutable definition added to a policy; compiled
 *       once per snapshot into a {@link io.toolgate.spi.CompiledModule}.
 *   <li>{@link io.toolgate.spi.CompiledModule#evaluate}: asked once per principal of each uncached
 *       request (a {@link io.toolgate.spi.Query}); records its verdicts in {@link
 *       io.toolgate.spi.Verdicts}.
 *   <li>{@link io.toolgate.spi.Condition}: the dynamic residual of a rule, evaluated per call
 *       against a {@link io.toolgate.spi.CallContext}.
 *   <li>{@link io.toolgate.spi.PolicyView}: the policy as a module sees it while compiling.
 *   <li>{@link io.toolgate.spi.LimitStore}: where the counters of limits live; {@link
 *       io.toolgate.spi.DecisionGate}: asked before every decision, closed while a fleet replica's
 *       shared state may be stale.
 * </ul>
 */
@NullMarked
package io.toolgate.spi;

import org.jspecify.annotations.NullMarked;
