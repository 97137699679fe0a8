/**
 * Toolgate ABAC: attribute rules whose conditions are written in CEL or a typed Java DSL, and
 * partially evaluated, so that only a pending condition over the call's arguments and
 * environment is evaluated per call.
 *
 * <p>CEL ({@code dev.cel:cel}) is not required here: its jars split packages across artifacts
 * and carry no module names, so they cannot be modules. They stay on the class path (the unnamed
 * module); this module adds a read edge to it at run time (compiled with
 * {@code --add-reads io.toolgate.abac=ALL-UNNAMED}).
 */
module io.toolgate.abac {
  requires transitive io.toolgate.core;
  requires io.toolgate.document;
  requires com.google.common;

  exports io.toolgate.abac;

  provides io.toolgate.document.PolicySection with io.toolgate.abac.AbacSection;
}
