package io.toolgate.spi;

import io.toolgate.ResourceId;
import io.toolgate.Session;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service a role module publishes ({@link CompiledModule#service}) so that other modules, such as
 * attribute rules targeting roles, can ask which roles a principal holds without a compile-time
 * dependency on the role module.
 */
public interface RoleDirectory {
  /**
   * The roles {@code principalId} holds and has active in {@code session}, inherited ones included,
   * in that session's tenant (plus roles held in every tenant).
   */
  Set<String> rolesOf(String principalId, Session session);

  /**
   * The roles {@code principalId} holds and has active in a call on {@code resource}: in the tenant
   * the role module itself decides that call in (the session's, else the one its tenant patterns
   * take from the resource), so that every module sees the same effective roles for a call. The
   * default, for directories without tenants, is {@link #rolesOf(String, Session)}.
   */
  default Set<String> rolesOf(String principalId, Session session, ResourceId resource) {
    return rolesOf(principalId, session);
  }

  /**
   * Every role set {@code principalId} may act with in {@code session}, over all resources: one per
   * tenant a call could be decided in (with tenants from resources and no session tenant, the
   * tenant-free set and each tenant's). Visibility asks this: a tool may be usable if some set
   * allows it, and is denied everywhere only if every set denies it. The default is the one set
   * {@link #rolesOf(String, Session)}.
   */
  default List<Set<String>> actingRoleSets(String principalId, Session session) {
    return List.of(rolesOf(principalId, session));
  }

  /**
   * Every role the directory defines, in definition order, with the principals holding it in some
   * tenant (directly, through a senior role, or through an owner-bounded assignment where it is
   * effective), sorted. A role nobody holds maps to an empty set. The default, an empty map, means
   * the directory cannot list its roles.
   */
  default Map<String, Set<String>> roleHolders() {
    return Map.of();
  }
}
