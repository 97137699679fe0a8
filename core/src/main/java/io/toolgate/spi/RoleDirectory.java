package io.toolgate.spi;

import io.toolgate.Session;
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
}
