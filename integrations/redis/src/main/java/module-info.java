/**
 * Toolgate fleet mode on Redis: many engines (replicas of a gateway, workers of an agent platform)
 * share kill switches, the counters of limits and one signed policy through one Redis. The entry
 * point is {@link io.toolgate.redis.RedisFleet}.
 */
// lettuce.core is an automatic module (no module-info of its own); its RedisURI is in our API.
@SuppressWarnings("requires-transitive-automatic")
module io.toolgate.redis {
  requires transitive io.toolgate.core;
  requires transitive io.toolgate.document;
  requires transitive lettuce.core;
  requires io.github.bucket4j.core;
  requires io.github.bucket4j.lettuce;
  requires org.slf4j;

  exports io.toolgate.redis;
}
