/**
 * Toolgate core: principals, tools, resources, the whitelist, delegation chains and the cached
 * decision engine, the guard that runs tool calls through it, and the SPI through which role and
 * rule modules plug in. Its only dependencies are Caffeine, Bucket4j's core (the in-process
 * counters of limits) and SLF4J's API (plus JSpecify's annotations at compile time). Documents,
 * analysis and audit logs are modules of their own.
 */
// The qualified export names modules built after this one: javac cannot see them yet.
@SuppressWarnings("module")
module io.toolgate.core {
  requires com.github.benmanes.caffeine;
  requires io.github.bucket4j.core;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.toolgate;
  exports io.toolgate.spi;
  exports io.toolgate.guard;
  exports io.toolgate.internal to
      io.toolgate.document,
      io.toolgate.analysis,
      io.toolgate.rbac,
      io.toolgate.abac,
      io.toolgate.audit;
}
