package io.toolgate.benchmarks.peers;

import java.util.Objects;

/**
 * One allow or deny entry of a scenario, held by a principal or a role.
 *
 * @param id a unique id (the rule id in Toolgate, the policy id in Cedar and SAPL)
 * @param holder the principal or role holding it
 * @param role whether {@code holder} is a role
 * @param allow allow or deny
 * @param tool which tools it covers
 * @param resource which resources it covers
 * @param maxAmount for a conditional allow, the largest {@code amount} argument it allows; {@link
 *     #UNCONDITIONAL} otherwise
 */
record Grant(
    String id,
    String holder,
    boolean role,
    boolean allow,
    Match tool,
    Match resource,
    long maxAmount) {
  static final long UNCONDITIONAL = -1;

  Grant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    if (maxAmount != UNCONDITIONAL && (!allow || maxAmount < 0)) {
      throw new IllegalArgumentException("only allows carry a non-negative amount limit: " + id);
    }
  }

  boolean conditional() {
    return maxAmount != UNCONDITIONAL;
  }

  boolean covers(String toolId, String resourceId) {
    return tool.matches(toolId) && resource.matches(resourceId);
  }
}
