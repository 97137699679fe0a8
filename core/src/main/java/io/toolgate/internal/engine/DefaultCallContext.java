package io.toolgate.internal.engine;

import io.toolgate.Request;
import io.toolgate.spi.CallContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The dynamic inputs of one call as conditions read them ({@link CallContext}): the {@link
 * Request}'s arguments and environment values, over defaults from the engine's clock ({@code now},
 * {@code hour}, {@code weekday}). Not a copy of the request: a view that adds the clock, built
 * lazily, only for calls whose residual has conditions.
 */
final class DefaultCallContext implements CallContext {
  private final Instant now;
  private final ZoneId zone;
  private final Request request;
  private Map<String, Object> environment;

  DefaultCallContext(Instant now, ZoneId zone, Request request) {
    this.now = now;
    this.zone = zone;
    this.request = request;
  }

  @Override
  public Map<String, Object> arguments() {
    return request == null ? Map.of() : request.arguments();
  }

  @Override
  public Map<String, Object> environment() {
    if (environment == null) {
      environment = new Environment();
    }
    return environment;
  }

  @Override
  public Instant now() {
    return now;
  }

  /*
   * The environment is read on the hot path of every residual whose conditions look at it, most
   * often for one or two keys (env.hour, env.client). Building the whole map there cost more than
   * the conditions themselves (Instant.toString, a ZonedDateTime, a LinkedHashMap: ~1 KB and
   * several hundred ns per call). So get() and containsKey() answer from the request's values or
   * compute the one default asked for, with plain arithmetic on the epoch second; anything that
   * iterates (entrySet, size, equals, toString) sees the same content, materialized once.
   */
  private final class Environment extends AbstractMap<String, Object> {
    private Map<String, Object> materialized;
    private long localSeconds = Long.MIN_VALUE;

    private Map<String, Object> given() {
      return request == null ? Map.of() : request.environment();
    }

    @Override
    public Object get(Object key) {
      Object v = given().get(key);
      if (v != null) {
        return v;
      }
      return key instanceof String k ? clockValue(k) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return given().containsKey(key)
          || "now".equals(key)
          || "hour".equals(key)
          || "weekday".equals(key);
    }

    private Object clockValue(String key) {
      switch (key) {
        case "now":
          return now.toString();
        case "hour":
          return Math.floorMod(localSeconds(), 86_400L) / 3_600L;
        case "weekday":
          // 1970-01-01 was a Thursday (ISO day 4): days + 3, mod 7, is 0 on Mondays.
          return Math.floorMod(Math.floorDiv(localSeconds(), 86_400L) + 3, 7L) + 1;
        default:
          return null;
      }
    }

    private long localSeconds() {
      if (localSeconds == Long.MIN_VALUE) {
        // ZoneOffset.getRules() allocates; a fixed offset (UTC, the default) needs no rules.
        int offset =
            zone instanceof ZoneOffset fixed
                ? fixed.getTotalSeconds()
                : zone.getRules().getOffset(now).getTotalSeconds();
        localSeconds = now.getEpochSecond() + offset;
      }
      return localSeconds;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      if (materialized == null) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("now", clockValue("now"));
        env.put("hour", clockValue("hour"));
        env.put("weekday", clockValue("weekday"));
        env.putAll(given());
        materialized = Collections.unmodifiableMap(env);
      }
      return materialized.entrySet();
    }
  }
}
