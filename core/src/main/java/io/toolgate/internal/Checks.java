package io.toolgate.internal;

/** Argument checks shared by the value types. */
public final class Checks {
  private Checks() {}

  /**
   * Checks an identifier: non-empty, at most 256 characters, no whitespace or control characters.
   *
   * @return the identifier
   * @throws IllegalArgumentException naming {@code what} and the offending character
   */
  public static String identifier(String value, String what) {
    if (value == null) {
      throw new NullPointerException(what + " is null");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (value.length() > 256) {
      throw new IllegalArgumentException(
          what + " is longer than 256 characters: " + value.substring(0, 32) + "...");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            what + " '" + value + "' has whitespace or a control character at offset " + i);
      }
    }
    return value;
  }
}
