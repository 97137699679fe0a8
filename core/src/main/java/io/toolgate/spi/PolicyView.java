package io.toolgate.spi;

import io.toolgate.Principal;
import io.toolgate.Resource;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolId;
import java.util.Collection;
import java.util.Optional;

/**
 * The policy being built, as a {@link PolicyModule} sees it while compiling.
 *
 * <p>Two sources implement it, on purpose: {@code Policy.Builder} (the policy about to be built,
 * with the services of the modules compiled before) and the document reader (a document being read,
 * so that a section can compile its module early and report, with locations, what only compiling
 * finds). Modules cannot tell them apart and should not try.
 */
public interface PolicyView {
  /** Every principal the policy defines, in definition order. */
  Collection<Principal> principals();

  /** The principal with this id, if defined. */
  Optional<Principal> principal(String id);

  /** Whether the policy declares a tool catalog (then tools outside it are unknown). */
  boolean hasToolCatalog();

  /** The catalog's tools, in definition order; empty without a catalog. */
  Collection<Tool> tools();

  /** The catalog entry of this tool, if any. */
  Optional<Tool> tool(ToolId id);

  /** Whether the policy declares a resource catalog (then resources outside it are unknown). */
  boolean hasResourceCatalog();

  /** The catalog's resources, in definition order; empty without a catalog. */
  Collection<Resource> resources();

  /** The catalog entry of this resource, if any. */
  Optional<Resource> resource(ResourceId id);

  /** A service published by a module compiled before this one ({@link CompiledModule#service}). */
  <T> Optional<T> service(Class<T> type);
}
