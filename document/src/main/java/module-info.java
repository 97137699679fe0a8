/**
 * Toolgate documents: policies written in YAML or JSON, read with located errors ({@code
 * FILE:LINE:COLUMN}), signed, hot-reloaded and written back. Modules add their sections through
 * {@link io.toolgate.document.PolicySection}, found with {@link java.util.ServiceLoader}.
 */
module io.toolgate.document {
  requires transitive io.toolgate.core;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;
  requires org.snakeyaml.engine;
  requires org.slf4j;

  exports io.toolgate.document;

  uses io.toolgate.document.PolicySection;
}
