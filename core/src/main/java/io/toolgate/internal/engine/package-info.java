/**
 * The decision procedure behind {@link io.toolgate.DecisionEngine}; not exported, not an API.
 *
 * <ul>
 *   <li>{@link io.toolgate.internal.engine.Engine}: the state (policy, residual cache, hot table)
 *       and the kill switches, behind the public facade.
 *   <li>{@link io.toolgate.internal.engine.Admission}: the checks that depend only on the chain and
 *       the tool (depth, catalog, principals, delegation limits, revocation, scopes), shared by
 *       decisions ({@link io.toolgate.internal.engine.ResidualCompiler}) and tool visibility
 *       ({@link io.toolgate.internal.engine.Reachability}).
 *   <li>{@link io.toolgate.internal.engine.ResidualCompiler}: a request's residual, constant or
 *       dynamic ({@link io.toolgate.internal.engine.DynamicResidual}, conditions applied per call),
 *       from the modules' verdicts; {@link io.toolgate.internal.engine.WhitelistModule} is the
 *       first module.
 *   <li>Caching: {@link io.toolgate.internal.engine.CacheKey}, {@link
 *       io.toolgate.internal.engine.CachedResidual} (with the switches it depends on), {@link
 *       io.toolgate.internal.engine.HotResiduals} in front of Caffeine.
 *   <li>Kill switches: {@link io.toolgate.internal.engine.Switchboard}, {@link
 *       io.toolgate.internal.engine.Switch}, {@link io.toolgate.internal.engine.PrincipalStates},
 *       {@link io.toolgate.internal.engine.Dependencies}.
 * </ul>
 *
 * <p>It may use core's value types and SPI, Caffeine and Guava; nothing outside core may use it.
 */
package io.toolgate.internal.engine;
