package io.toolgate.analysis;

import io.toolgate.spi.Grant;
import java.util.Objects;

/**
 * A grant as it appears in reports: which principal holds it, its rule id, the module that reported
 * it, where it comes from, and its condition. Immutable.
 *
 * @param principal the principal holding the grant
 * @param ruleId the id decisions carry
 * @param module the module that reported it ({@code whitelist}, {@code rbac}, ...), or empty when
 *     the module does not report grants
 * @param source where it comes from ({@code direct entry}, {@code role reader via triager ->
 *     reader}, with {@code in tenant acme} for a tenant-scoped grant), or {@code not reported} when
 *     its module does not report grants
 * @param condition empty when unconditional
 */
public record GrantRef(
    String principal, String ruleId, String module, String source, String condition) {
  /** Validates. */
  public GrantRef {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(condition, "condition");
  }

  /** The reference to a reported grant of {@code principal}. */
  public static GrantRef of(String principal, Grant grant) {
    String source = grant.source() + (grant.isTenantScoped() ? " in tenant " + grant.tenant() : "");
    return new GrantRef(principal, grant.ruleId(), grant.module(), source, grant.condition());
  }

  /** A rule id a decision named but no module reported. */
  static GrantRef unreported(String principal, String ruleId) {
    return new GrantRef(principal, ruleId, "", "not reported", "");
  }

  /** Returns {@code ruleId (principal: source[, when condition])}. */
  @Override
  public String toString() {
    return ruleId
        + " ("
        + principal
        + ": "
        + source
        + (condition.isEmpty() ? "" : ", when " + condition)
        + ")";
  }
}
