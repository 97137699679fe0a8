package io.toolgate.spi;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a shared {@link LimitStore} that cannot reach its store: the engine then denies the
 * call with {@link io.toolgate.Reason#FLEET_UNAVAILABLE} (any other exception denies with {@link
 * io.toolgate.Reason#ERROR}). Either way, a store that cannot count never allows.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message and the cause the store's client reported.
   *
   * @param message what could not be reached
   * @param cause the client's exception, or null
   */
  public StoreUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
