/**
 * Toolgate core: principals, tools, resources, the whitelist, delegation chains and the cached
 * decision engine, plus the SPI through which role and rule modules plug in.
 */
module io.toolgate.core {
  requires transitive com.github.benmanes.caffeine;
  requires com.google.common;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;
  requires org.snakeyaml.engine;
  requires org.slf4j;
  requires org.jctools.core;
  requires static transitive org.jspecify;

  exports io.toolgate;
  exports io.toolgate.spi;
  exports io.toolgate.guard;
  exports io.toolgate.audit;
  exports io.toolgate.document;
  exports io.toolgate.analysis;
  exports io.toolgate.internal to io.toolgate.rbac, io.toolgate.abac;

  uses io.toolgate.document.PolicySection;
}
