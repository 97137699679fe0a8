package io.toolgate.analysis;

import io.toolgate.DelegationChain;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a principal, or a delegation chain, can invoke over a {@link Catalog}: each (tool,
 * resource) the engine allows, always or under conditions, with the grants that allow it.
 * Immutable.
 *
 * @param chain the subject: a principal acting for itself is a chain of one
 * @param reaches every reached (tool, resource), in catalog order (tools, then resources)
 * @param unreportedModules modules that do not report their grants: where they allow something, the
 *     reach is still listed (the engine decided it), but its grants may be unnamed and its
 *     conditions unknown
 */
public record EffectivePermissions(
    DelegationChain chain, List<Reach> reaches, List<String> unreportedModules) {
  /** Validates and copies. */
  public EffectivePermissions {
    Objects.requireNonNull(chain, "chain");
    reaches = List.copyOf(reaches);
    unreportedModules = List.copyOf(unreportedModules);
  }

  /** The subject as written in reports: {@code alice} or {@code alice -> bot}. */
  public String subject() {
    return chain.toString();
  }

  /** Whether every module reported its grants, so grants and conditions are complete. */
  public boolean isComplete() {
    return unreportedModules.isEmpty();
  }

  /** The labels of the tools reached on some resource, in catalog order. */
  public Set<String> tools() {
    Set<String> out = new LinkedHashSet<>();
    reaches.forEach(r -> out.add(r.tool().label()));
    return out;
  }

  /** The reaches of the tool labelled {@code tool} (a tool id, or a pattern for a witness). */
  public List<Reach> reachesOf(String tool) {
    return reaches.stream().filter(r -> r.tool().label().equals(tool)).toList();
  }

  /**
   * Whether the tool labelled {@code tool} is reached on the resource labelled {@code resource}.
   */
  public boolean reaches(String tool, String resource) {
    return reaches.stream()
        .anyMatch(r -> r.tool().label().equals(tool) && r.resource().label().equals(resource));
  }
}
