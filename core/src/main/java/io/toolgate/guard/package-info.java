/**
 * Guarding tool calls where they run: derive the resource, check the definition pin, decide, and
 * run the tool body only when allowed.
 *
 * <ul>
 *   <li>{@link io.toolgate.guard.ToolGuard}: built over a {@link io.toolgate.DecisionEngine};
 *       {@code decide}, {@code call} (returns a {@link io.toolgate.guard.GuardResult}) and {@code
 *       invoke} (throws {@link io.toolgate.AccessDeniedException}) for a {@link
 *       io.toolgate.ToolCall} and a {@link io.toolgate.guard.ToolBody}; {@code visible} filters a
 *       tool list per caller.
 *   <li>{@link io.toolgate.guard.ResourceResolver}: how a tool's arguments name its resource;
 *       {@link io.toolgate.guard.ResourceTemplate} is the declarative one ({@code
 *       file:///srv/{path}}), which refuses values that would leave their place.
 *   <li>{@link io.toolgate.guard.GuardObserver}: hears each guarded call (start, decision, end),
 *       for traces and metrics.
 * </ul>
 *
 * <p>Integrations (MCP, LangChain4j) are built on this package.
 */
@NullMarked
package io.toolgate.guard;

import org.jspecify.annotations.NullMarked;
