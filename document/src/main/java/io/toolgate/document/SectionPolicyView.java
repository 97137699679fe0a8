package io.toolgate.document;

import io.toolgate.Principal;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import io.toolgate.spi.PolicyView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The document being read, as a {@link PolicyView}: its principals and tool catalog, no resource
 * catalog, and the services given. Section readers compile their module against it to find, with
 * locations, what only compiling can find.
 */
final class SectionPolicyView implements PolicyView {
  private final SectionContext context;
  private final Map<Class<?>, Object> services;

  SectionPolicyView(SectionContext context, Map<Class<?>, Object> services) {
    this.context = context;
    this.services = Map.copyOf(services);
  }

  @Override
  public Collection<Principal> principals() {
    return context.principals().values();
  }

  @Override
  public Optional<Principal> principal(String id) {
    return Optional.ofNullable(context.principals().get(id));
  }

  @Override
  public boolean hasToolCatalog() {
    return context.hasToolCatalog();
  }

  @Override
  public Collection<Tool> tools() {
    return context.tools();
  }

  @Override
  public Optional<Tool> tool(ToolId id) {
    return context.tools().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  @Override
  public boolean hasResourceCatalog() {
    return false;
  }

  @Override
  public Collection<Resource> resources() {
    return List.of();
  }

  @Override
  public Optional<Resource> resource(ResourceId id) {
    return Optional.empty();
  }

  @Override
  public <T> Optional<T> service(Class<T> type) {
    Object s = services.get(type);
    return s == null ? Optional.empty() : Optional.of(type.cast(s));
  }
}
