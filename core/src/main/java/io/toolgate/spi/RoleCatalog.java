package io.toolgate.spi;

/**
 * Which roles a policy defines, as a role module tells other modules without their depending on it.
 * The rbac module publishes one while a policy document is read (through the document module's
 * {@code SectionContext.publish}), so that attribute rules targeting roles are checked against the
 * roles the document defines without reading the role module's part of the document. A {@link
 * RoleDirectory} answers which roles a principal holds once the policy is compiled; a catalog only
 * which names exist, and is available even when the role definitions have problems.
 */
@FunctionalInterface
public interface RoleCatalog {
  /**
   * Whether {@code role} is defined. A catalog that cannot tell which names are defined (a role
   * definition whose name cannot be read) answers true for every name: the role module reports that
   * problem itself, and no other module calls a role undefined on a guess.
   */
  boolean defines(String role);
}
