package io.toolgate.spi;

import io.toolgate.Session;
import java.util.Map;
import java.util.Set;

/**
 * A service a role module publishes ({@link CompiledModule#service}) so that other modules, such
 * as attribute rules targeting roles, can ask which roles a principal holds without a
 * compile-time dependency on the role module.
 */
public interface RoleDirectory {
  /**
   * The roles {@code principalId} holds and has active in {@code session}, inherited ones
   * included, in that session's tenant (plus roles held in every tenant).
   */
  Set<String> rolesOf(String principalId, Session session);

  /**
   * Every role the directory defines, in definition order, with the principals holding it in
   * some tenant (directly, through a senior role, or through an owner-bounded assignment where it
   * is effective), sorted. A role nobody holds maps to an empty set. The default, an empty map,
   * means the directory cannot list its roles.
   */
  default Map<String, Set<String>> roleHolders() {
    return Map.of();
  }
}
