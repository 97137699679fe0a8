/**
 * Role-based access control for Toolgate, after the NIST / ANSI INCITS 359 RBAC model (core,
 * hierarchical, static and dynamic separation of duty).
 *
 * <ul>
 *   <li>{@link io.toolgate.rbac.RbacPolicy}: the module plugged into a {@link io.toolgate.Policy};
 *       built with a validating builder from
 *   <li>{@link io.toolgate.rbac.Role}s (allow and deny entries, parent roles whose permissions they
 *       inherit), {@link io.toolgate.rbac.Assignment}s (principal, role, optional tenant,
 *       optionally bounded by the principal's owner) and {@link io.toolgate.rbac.SodConstraint}s
 *       (static or dynamic separation of duty).
 *   <li>{@link io.toolgate.rbac.RoleQueries}: effective roles, role holders and effective
 *       permissions with the role and inheritance path granting each, for one policy snapshot.
 *   <li>{@link io.toolgate.rbac.Permission}: one entry a principal holds through a role.
 *   <li>{@link io.toolgate.rbac.RbacSection}: the module's part of policy documents ({@code roles},
 *       {@code constraints}, {@code tenants}, principals' {@code roles}), found by {@link
 *       io.toolgate.document.PolicyLoader} through {@link java.util.ServiceLoader}.
 * </ul>
 */
package io.toolgate.rbac;
