/**
 * Toolgate ABAC: attribute rules whose conditions are written in CEL or a typed Java DSL, and
 * partially evaluated, so that only a pending condition over the call's arguments and environment
 * is evaluated per call.
 *
 * <p>CEL ({@code dev.cel:cel}) is not required here: its jars split packages such as {@code
 * dev.cel.common} across artifacts and carry no module names, so they cannot be modules. The
 * supported layouts are:
 *
 * <ul>
 *   <li>everything on the class path; or
 *   <li>this module, {@code io.toolgate.core} and the modules they require on the module path, and
 *       CEL's jars with their dependencies that are not modules (protobuf, ANTLR, RE2/J) on the
 *       class path. This module adds a read edge to the unnamed module before its first use of CEL,
 *       so no {@code --add-reads} flag is needed. {@code ModulePathTest} runs such a consumer.
 * </ul>
 *
 * CEL's jars on the module path do not work: left unresolved, CEL is not found; resolved (for
 * example with {@code --add-modules ALL-MODULE-PATH}), the boot layer refuses the split packages.
 * The module is compiled with {@code --add-reads io.toolgate.abac=ALL-UNNAMED}.
 */
module io.toolgate.abac {
  requires transitive io.toolgate.core;
  requires transitive io.toolgate.document; // its sections are public types of the document SPI
  requires com.google.common;

  exports io.toolgate.abac;

  provides io.toolgate.document.PolicySection with
      io.toolgate.abac.AbacSection;
}
