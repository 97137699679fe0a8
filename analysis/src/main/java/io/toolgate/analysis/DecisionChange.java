package io.toolgate.analysis;

import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import java.util.Objects;

/**
 * One probed request whose effect differs between two policies, with both decisions (their reasons
 * and the rules responsible). Immutable.
 *
 * @param chain who calls
 * @param tool the tool, or the pattern its witness stands for
 * @param resource the resource, or the pattern its witness stands for
 * @param before the decision of the old policy
 * @param after the decision of the new policy
 */
public record DecisionChange(
    DelegationChain chain,
    CatalogTool tool,
    CatalogResource resource,
    Decision before,
    Decision after) {
  /** Validates. */
  public DecisionChange {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (before.effect() == after.effect()) {
      throw new IllegalArgumentException("not a change: both decisions are " + before.effect());
    }
  }

  /** Whether the request goes from deny to allow. */
  public boolean widens() {
    return after.isAllowed();
  }

  /** Whether the request goes from allow to deny. */
  public boolean narrows() {
    return before.isAllowed();
  }

  /** The subject as written in reports: {@code alice} or {@code alice -> bot}. */
  public String subject() {
    return chain.toString();
  }

  /** Returns {@code subject tool on resource: ALLOW [rules] -> DENY REASON [rules]}. */
  @Override
  public String toString() {
    return subject()
        + " "
        + tool.label()
        + " on "
        + resource.label()
        + ": "
        + describe(before)
        + " -> "
        + describe(after);
  }

  static String describe(Decision d) {
    return (d.isAllowed() ? "ALLOW" : "DENY " + d.reason())
        + (d.ruleIds().isEmpty() ? "" : " " + d.ruleIds());
  }
}
