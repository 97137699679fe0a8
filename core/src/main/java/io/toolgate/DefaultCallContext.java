package io.toolgate;

import io.toolgate.spi.CallContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The dynamic inputs of one call; the environment defaults come from the engine's clock. */
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
      ZonedDateTime local = now.atZone(zone);
      Map<String, Object> env = new LinkedHashMap<>();
      env.put("now", now.toString());
      env.put("hour", (long) local.getHour());
      env.put("weekday", (long) local.getDayOfWeek().getValue());
      if (request != null) {
        env.putAll(request.environment());
      }
      environment = java.util.Collections.unmodifiableMap(env);
    }
    return environment;
  }

  @Override
  public Instant now() {
    return now;
  }
}
