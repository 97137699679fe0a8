package io.toolgate.spi;

import java.time.Instant;
import java.util.Map;

/** The dynamic inputs of one call, as a {@link Condition} sees them. */
public interface CallContext {
  /** The call's arguments (JSON-like values). */
  Map<String, Object> arguments();

  /**
   * The environment: the engine's defaults ({@code now} as an ISO-8601 string, {@code hour} 0-23
   * and {@code weekday} 1-7 from Monday, in the engine's zone) overlaid with the request's values.
   */
  Map<String, Object> environment();

  /** The engine clock's reading for this call. */
  Instant now();
}
