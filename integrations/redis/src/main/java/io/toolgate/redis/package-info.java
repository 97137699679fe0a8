/**
 * Fleet mode on Redis. {@link io.toolgate.redis.RedisFleet} joins a {@link
 * io.toolgate.DecisionEngine} to a fleet: kill switches issued on any replica reach every replica
 * through a Redis stream and a persisted current set, limits are counted fleet-wide with Bucket4j's
 * Lettuce proxy manager, and the active policy is a signed document kept in Redis. A replica that
 * has not heard from Redis for longer than its staleness bound denies every call with {@link
 * io.toolgate.Reason#FLEET_UNAVAILABLE}. {@link io.toolgate.redis.FleetReceipt} is what issuing a
 * change returns.
 */
@NullMarked
package io.toolgate.redis;

import org.jspecify.annotations.NullMarked;
