package io.toolgate.rbac;

import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.spi.PolicyView;
import java.util.Collection;
import java.util.Optional;

/** A built {@link Policy} seen as a {@link PolicyView}, to compile the module again for queries. */
final class PolicyAsView implements PolicyView {
  private final Policy policy;

  PolicyAsView(Policy policy) {
    this.policy = policy;
  }

  @Override
  public Collection<Principal> principals() {
    return policy.principals();
  }

  @Override
  public Optional<Principal> principal(String id) {
    return policy.principal(id);
  }

  @Override
  public boolean hasToolCatalog() {
    return policy.hasToolCatalog();
  }

  @Override
  public Collection<Tool> tools() {
    return policy.tools();
  }

  @Override
  public Optional<Tool> tool(ToolId id) {
    return policy.tools().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  @Override
  public boolean hasResourceCatalog() {
    return policy.hasResourceCatalog();
  }

  @Override
  public Collection<Resource> resources() {
    return policy.resources();
  }

  @Override
  public Optional<Resource> resource(ResourceId id) {
    return policy.resources().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** Services of modules compiled before: not available from a built policy. */
  @Override
  public <T> Optional<T> service(Class<T> type) {
    return Optional.empty();
  }
}
