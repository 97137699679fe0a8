package io.toolgate.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.guard.GuardObserver;
import io.toolgate.micrometer.ObservationGuardObserver;
import io.toolgate.micrometer.ToolgateMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the starter wires into Micrometer, and when it wires nothing. */
class ToolgateMetricsAutoConfigurationTest {
  @TempDir Path dir;

  ApplicationContextRunner runner() {
    Path policy = Policies.write(dir.resolve("policy.yaml"), Policies.SHOP);
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                ToolgateAutoConfiguration.class,
                ToolgateMetricsAutoConfiguration.class))
        .withPropertyValues("toolgate.policy.location=" + policy);
  }

  @Test
  void meterRegistry_engineCounts_andEveryMeterIsBoundToIt() {
    runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ToolgateMetrics.class);
              DecisionEngine engine = context.getBean(DecisionEngine.class);
              assertThat(engine.recordsStats()).isTrue();
              engine.decide("alice", ToolId.parse("spring-ai/refund"), ResourceId.NONE);
              engine.decide("mallory", ToolId.parse("spring-ai/refund"), ResourceId.NONE);

              MeterRegistry meters = context.getBean(MeterRegistry.class);
              assertThat(
                      meters
                          .get(ToolgateMetrics.DECISIONS)
                          .tags("effect", "ALLOW", "reason", "PERMITTED")
                          .functionCounter()
                          .count())
                  .isEqualTo(1);
              assertThat(meters.get(ToolgateMetrics.DECISIONS).tag("effect", "DENY").meters())
                  .isNotEmpty();
              // The audit queue and the policy file's reloader are the starter's, and bound.
              assertThat(meters.get(ToolgateMetrics.AUDIT_DROPPED).functionCounter().count())
                  .isZero();
              assertThat(
                      meters
                          .get(ToolgateMetrics.POLICY_RELOADS)
                          .tag("outcome", "REFUSED")
                          .functionCounter()
                          .count())
                  .isZero();
              // No ObservationRegistry here: the guard observes nothing.
              assertThat(context).doesNotHaveBean(GuardObserver.class);
            });
  }

  @Test
  void metricsDisabled_registersNoBinder_andTheEngineCountsNothing() {
    runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .withPropertyValues("toolgate.metrics.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ToolgateMetrics.class);
              assertThat(context).doesNotHaveBean(GuardObserver.class);
              assertThat(context.getBean(DecisionEngine.class).recordsStats()).isFalse();
              assertThat(
                      context.getBean(MeterRegistry.class).find(ToolgateMetrics.DECISIONS).meters())
                  .isEmpty();
            });
  }

  @Test
  void noMeterRegistry_startsWithoutMetrics() {
    // Boot's metrics auto-configuration is there, but no registry (no export, no Actuator).
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ToolgateMetrics.class);
              assertThat(context).doesNotHaveBean(GuardObserver.class);
              assertThat(context.getBean(DecisionEngine.class).recordsStats()).isFalse();
            });
  }

  @Test
  void observationRegistryWithoutMeters_guardIsObserved() {
    runner()
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ToolgateMetrics.class);
              assertThat(context).hasSingleBean(ObservationGuardObserver.class);
            });
  }

  @Test
  void ownEngineWithoutRecordStats_failsStartupNamingTheFix() {
    DecisionEngine own = DecisionEngine.builder(Policy.builder().build()).build();
    runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(DecisionEngine.class, () -> own)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("recordStats()")
                    .hasMessageContaining("toolgate.metrics.enabled=false"));
  }

  @Test
  void ownEngineWithRecordStats_isBound() {
    DecisionEngine own = DecisionEngine.builder(Policy.builder().build()).recordStats().build();
    runner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(DecisionEngine.class, () -> own)
        .run(
            context -> {
              own.decide("alice", ToolId.parse("spring-ai/refund"), ResourceId.NONE);
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get(ToolgateMetrics.DECISIONS)
                          .tag("effect", "DENY")
                          .functionCounters()
                          .stream()
                          .mapToDouble(FunctionCounter::count)
                          .sum())
                  .isEqualTo(1);
            });
  }
}
