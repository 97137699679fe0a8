package io.toolgate.analysis;

import io.toolgate.Effect;
import java.util.List;
import java.util.Objects;

/**
 * One whitelist entry of a tightened policy, with where it comes from. Immutable.
 *
 * @param principal the principal holding it
 * @param id the entry's id in the tightened policy ({@code principal/allow/N}, {@code
 *     principal/deny/N})
 * @param effect allow or deny
 * @param tools the exact tools it allows (allow), or the original deny's tool patterns (deny)
 * @param resources its resource patterns: the resources used, some generalized (allow), or the
 *     original deny's patterns (deny); never empty for an allow
 * @param calls how many replayed calls it allows (0 for a deny)
 * @param replaces the original rule ids this entry stands for: the grants the logged calls were
 *     allowed by (allow), or the original deny (deny)
 */
public record TightenedEntry(
    String principal,
    String id,
    Effect effect,
    List<String> tools,
    List<String> resources,
    int calls,
    List<String> replaces) {
  /** Validates and copies. */
  public TightenedEntry {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(effect, "effect");
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
    replaces = List.copyOf(replaces);
  }
}
