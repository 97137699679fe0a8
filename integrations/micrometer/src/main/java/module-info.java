/**
 * Toolgate in Micrometer: {@link io.toolgate.micrometer.ToolgateMetrics} binds an engine's counts
 * (and optionally an audit queue's and a reloader's) to a {@code MeterRegistry}, and {@link
 * io.toolgate.micrometer.ObservationGuardObserver} turns each guarded tool call into an {@code
 * Observation} named with OpenTelemetry's GenAI attribute names. The audit and document modules are
 * optional: bind their metrics only when the application has them.
 */
// Micrometer's jars are automatic modules (micrometer.core, ...); its types are this module's API.
@SuppressWarnings("requires-transitive-automatic")
module io.toolgate.micrometer {
  requires transitive io.toolgate.core;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;
  requires static transitive io.toolgate.audit;
  requires static transitive io.toolgate.document;

  exports io.toolgate.micrometer;
}
