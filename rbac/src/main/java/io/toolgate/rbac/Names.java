package io.toolgate.rbac;

import java.util.Objects;

/** Checks of names (roles, tenants, constraints, principals), as core checks identifiers. */
final class Names {
  private Names() {}

  /**
   * Checks a name: non-null, non-empty, at most 256 characters, no whitespace or control
   * characters.
   *
   * @return the name
   */
  static String check(String value, String what) {
    Objects.requireNonNull(value, what);
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
