/**
 * Toolgate RBAC: roles with inherited allow and deny entries, tenant-scoped assignments, agents
 * bounded by their owner's roles, and static and dynamic separation of duty, plugged into the core
 * decision engine through its SPI.
 */
module io.toolgate.rbac {
  requires transitive io.toolgate.core;
  requires transitive io.toolgate.document; // its sections are public types of the document SPI

  exports io.toolgate.rbac;

  provides io.toolgate.document.PolicySection with
      io.toolgate.rbac.RbacSection;
}
