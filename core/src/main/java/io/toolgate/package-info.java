/**
 * The engine and the values it decides about.
 *
 * <ul>
 *   <li>{@link io.toolgate.Policy}: an immutable, validated snapshot of who may call what, built
 *       with {@link io.toolgate.Policy#builder()}: {@link io.toolgate.Principal}s, the tool and
 *       resource catalogs ({@link io.toolgate.Tool}, {@link io.toolgate.Resource}), the whitelist
 *       of {@link io.toolgate.AccessEntry}s ({@link io.toolgate.ToolPattern}, {@link
 *       io.toolgate.ResourcePattern}), delegation limits, definition pins and plug-in modules
 *       ({@link io.toolgate.spi.PolicyModule}).
 *   <li>{@link io.toolgate.DecisionEngine}: built with {@link io.toolgate.DecisionEngine#builder},
 *       answers {@code canInvoke} and {@code decide} for a principal id or a {@link
 *       io.toolgate.DelegationChain} ({@link io.toolgate.Delegation}, {@link
 *       io.toolgate.DelegationScope}) calling a {@link io.toolgate.ToolId} on a {@link
 *       io.toolgate.ResourceId}, from a cache, never stale; holds the kill switches ({@link
 *       io.toolgate.KillSwitchSnapshot}) and swaps policies atomically.
 *   <li>{@link io.toolgate.Request} in, {@link io.toolgate.Decision} out: the {@link
 *       io.toolgate.Effect}, the {@link io.toolgate.Reason}, the deciding rules and the policy
 *       version. Anyone may build a denial; only the engine can build an allow.
 *   <li>{@link io.toolgate.DecisionListener} hears every decision as a {@link
 *       io.toolgate.DecisionEvent}; implementations are in {@code io.toolgate.audit} (module {@code
 *       toolgate-audit}).
 *   <li>{@link io.toolgate.Rollout} ({@link io.toolgate.DecisionEngine#rollout()}): a candidate
 *       policy in shadow ({@link io.toolgate.ShadowOptions}, {@link io.toolgate.Divergence}, {@link
 *       io.toolgate.ShadowReport}) or as a canary ({@link io.toolgate.CanarySlice}), then promoted
 *       or rolled back; log-only entries ({@link io.toolgate.AccessEntry.Mode}) are recorded in
 *       {@link io.toolgate.Decision#logOnlyMatches()}.
 *   <li>{@link io.toolgate.ToolCall} is a call as an integration receives it, before its resource
 *       is known; {@link io.toolgate.guard.ToolGuard} turns it into a request.
 * </ul>
 *
 * <p>Every type here is immutable and thread-safe unless its documentation says otherwise. Nothing
 * here returns null unless marked {@code @Nullable}.
 */
@NullMarked
package io.toolgate;

import org.jspecify.annotations.NullMarked;
