package io.toolgate;

import java.util.Objects;

/**
 * The root of every exception Toolgate throws on purpose. Evaluation problems never surface as
 * exceptions: they come back inside a {@link Decision}. Exceptions are for caller and configuration
 * mistakes, classified by {@link #code()}.
 */
public class ToolgateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** Creates an exception with a code and a message. */
  public ToolgateException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Creates an exception with a code, a message and a cause. */
  public ToolgateException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** What kind of mistake this is. */
  public ErrorCode code() {
    return code;
  }
}
