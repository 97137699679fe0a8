package io.toolgate.analysis;

import java.util.Objects;

/**
 * One least-privilege finding: what is wrong, how much it matters, who and which grant cause it,
 * and a suggested fix. Immutable.
 *
 * @param kind what was found
 * @param severity how much it matters
 * @param principal the principal concerned, or empty for a policy-wide finding (a role nobody
 *     holds)
 * @param grant the rule id of the grant that causes it, or empty when the principal's definition
 *     does (no owner, no expiry)
 * @param message what was found, readable
 * @param fix the suggested fix, readable
 */
public record Finding(
    FindingKind kind,
    Severity severity,
    String principal,
    String grant,
    String message,
    String fix) {
  /** Validates. */
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** Returns {@code SEVERITY KIND principal grant: message (fix: ...)}. */
  @Override
  public String toString() {
    return severity
        + " "
        + kind
        + (principal.isEmpty() ? "" : " " + principal)
        + (grant.isEmpty() ? "" : " " + grant)
        + ": "
        + message
        + " (fix: "
        + fix
        + ")";
  }
}
