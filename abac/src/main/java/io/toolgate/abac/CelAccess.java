package io.toolgate.abac;

/**
 * Lets this module read CEL when it runs as a named module. CEL's jars ({@code dev.cel:cel} and the
 * artifacts it pulls in) split packages such as {@code dev.cel.common} and {@code dev.cel.runtime}
 * across jars and declare no module names, so they cannot be modules; they live on the class path,
 * in the unnamed module, which a named module does not read by default. A module may add a read
 * edge for itself, so the public entry points call {@link #ensure()} before touching any CEL type.
 * On the class path (module {@code io.toolgate.abac} unnamed) this is a no-op.
 */
final class CelAccess {
  private CelAccess() {}

  static void ensure() {
    Module self = CelAccess.class.getModule();
    if (!self.isNamed()) {
      return;
    }
    try {
      // Loading by name needs no read edge; resolving a CEL type from our bytecode does.
      Class<?> cel =
          Class.forName(
              "dev.cel.compiler.CelCompilerFactory", false, CelAccess.class.getClassLoader());
      self.addReads(cel.getModule());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "dev.cel:cel is not on the class path; toolgate-abac needs it", e);
    }
  }
}
