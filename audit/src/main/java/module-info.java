/**
 * Toolgate audit: decision listeners that keep a record (a JSON Lines audit log on SLF4J) and a
 * lock-free bounded hand-off that keeps slow sinks off the deciding thread.
 */
module io.toolgate.audit {
  requires transitive io.toolgate.core;
  requires tools.jackson.databind;
  requires org.jctools.core;
  requires transitive org.slf4j;

  exports io.toolgate.audit;
}
