/**
 * Toolgate's decisions in Micrometer, bound with one line each:
 *
 * <ul>
 *   <li>{@link io.toolgate.micrometer.ToolgateMetrics}: a {@code MeterBinder} of an engine built
 *       with {@code recordStats()}: {@code toolgate.decisions{effect,reason}}, {@code
 *       toolgate.cache.gets{result}}, {@code toolgate.cache.size}, {@code
 *       toolgate.residual.compile}, and, when given, {@code toolgate.audit.dropped} and {@code
 *       toolgate.policy.reloads{outcome}}.
 *   <li>{@link io.toolgate.micrometer.ObservationGuardObserver}: a {@code GuardObserver} for {@code
 *       ToolGuard.Builder.observer} that makes one {@code Observation} ({@code toolgate.tool.call},
 *       span {@code execute_tool <tool>}) per guarded call, its key values named by {@link
 *       io.toolgate.micrometer.ToolgateObservationDocumentation} and computed by a replaceable
 *       {@link io.toolgate.micrometer.ToolCallObservationConvention} over a {@link
 *       io.toolgate.micrometer.ToolCallContext}.
 * </ul>
 *
 * <p>docs/observability.md lists every name, tag and unit.
 */
@NullMarked
package io.toolgate.micrometer;

import org.jspecify.annotations.NullMarked;
