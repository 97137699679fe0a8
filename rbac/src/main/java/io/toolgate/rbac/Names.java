package io.toolgate.rbac;

import io.toolgate.internal.Checks;

/** Checks of names (roles, tenants, constraints, principals): core's identifier rule. */
final class Names {
  private Names() {}

  /**
   * Checks a name: non-null, non-empty, at most 256 characters, no whitespace or control
   * characters.
   *
   * @return the name
   */
  static String check(String value, String what) {
    return Checks.identifier(value, what);
  }
}
