package io.toolgate.spi;

import io.toolgate.DelegationChain;
import io.toolgate.Principal;
import io.toolgate.Resource;
import io.toolgate.Session;
import io.toolgate.Tool;
import java.util.Objects;

/**
 * What a {@link CompiledModule} is asked about: one principal of a request's chain calling a tool
 * on a resource.
 *
 * @param chain the whole chain of the request
 * @param hop the principal's index in the chain (0 = origin)
 * @param principal the principal, as the policy defines it
 * @param tool the tool: its catalog entry, or, without a catalog, an unannotated tool
 * @param resource the resource: its catalog entry, or one without attributes
 * @param session the request's tenant and active roles
 */
public record Query(
    DelegationChain chain,
    int hop,
    Principal principal,
    Tool tool,
    Resource resource,
    Session session) {
  /** Validates. */
  public Query {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(session, "session");
    if (hop < 0 || hop >= chain.size()) {
      throw new IllegalArgumentException("hop " + hop + " outside chain " + chain);
    }
  }
}
