package io.toolgate.examples.snippets;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.guard.ToolGuard;
import io.toolgate.micrometer.ObservationGuardObserver;
import io.toolgate.micrometer.ToolgateMetrics;

/** docs/observability.md's binding, as shown there; {@link DocsObservabilityTest} runs it. */
final class DocsObservability {
  private DocsObservability() {}

  /** What the snippet leaves behind for the assertions. */
  record Result(MeterRegistry meters, DecisionEngine engine, ToolGuard guard) {}

  static Result run(Policy policy) {
    // snippet:observability begin
    MeterRegistry meters = new SimpleMeterRegistry();                  // yours: Prometheus, OTLP...
    ObservationRegistry observations = ObservationRegistry.create();   // yours, with tracing
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

    DecisionEngine engine = DecisionEngine.builder(policy)             // policy: your Policy
        .recordStats()                                                 // counts, for the meters
        .build();
    new ToolgateMetrics(engine).bindTo(meters);                        // toolgate.decisions, ...
    ToolGuard guard = ToolGuard.builder(engine)
        .resource("github/list_issues", "repo:{owner}/{repo}")
        .observer(new ObservationGuardObserver(observations))          // toolgate.tool.call
        .build();
    // snippet:observability end
    return new Result(meters, engine, guard);
  }
}
