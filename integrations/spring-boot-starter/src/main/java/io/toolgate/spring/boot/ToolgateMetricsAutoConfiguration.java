package io.toolgate.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.toolgate.DecisionEngine;
import io.toolgate.audit.AsyncDecisionListener;
import io.toolgate.document.PolicyReloader;
import io.toolgate.guard.GuardObserver;
import io.toolgate.micrometer.ObservationGuardObserver;
import io.toolgate.micrometer.ToolCallObservationConvention;
import io.toolgate.micrometer.ToolgateMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Toolgate in Micrometer, when {@code toolgate-micrometer} is on the class path and {@code
 * toolgate.metrics.enabled} is not false.
 *
 * <p>With a {@link MeterRegistry} bean (Spring Boot's, from Actuator): the starter's engine is
 * built with {@link DecisionEngine.Builder#recordStats()}, and a {@link ToolgateMetrics} bean, a
 * {@code MeterBinder} over the engine, the audit queue and the policy reloader, is bound by Spring
 * Boot to every registry. With an {@link ObservationRegistry} bean: the starter's {@code ToolGuard}
 * makes one observation of every tool call ({@link ObservationGuardObserver}), with the {@link
 * ToolCallObservationConvention} bean's names when there is one.
 */
@AutoConfiguration(
    after = ToolgateAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
    })
@ConditionalOnClass({ToolgateMetrics.class, MeterRegistry.class, ObservationRegistry.class})
@ConditionalOnBooleanProperty(name = "toolgate.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "toolgate.metrics.enabled", matchIfMissing = true)
public class ToolgateMetricsAutoConfiguration {
  /** Created by Spring Boot. */
  public ToolgateMetricsAutoConfiguration() {}

  /** The engine's counts as meters, when the application has a {@link MeterRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(MeterRegistry.class)
  static class Meters {
    /**
     * Makes the starter's engine count what it does; first, so customizers after it see it set. An
     * engine of the application's own must be built with {@code recordStats()} itself.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ToolgateEngineCustomizer toolgateRecordStats() {
      return DecisionEngine.Builder::recordStats;
    }

    /**
     * The meters of the engine, the audit queue ({@code toolgateAuditListener}) and the policy
     * reloader, each when it exists; Spring Boot binds this {@code MeterBinder} to every registry.
     *
     * @throws IllegalStateException if the engine (one of the application's own) does not count
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(DecisionEngine.class)
    ToolgateMetrics toolgateMetrics(
        DecisionEngine engine,
        @Qualifier("toolgateAuditListener") ObjectProvider<AsyncDecisionListener> audit,
        ObjectProvider<PolicyReloading> reloading) {
      if (!engine.recordsStats()) {
        throw new IllegalStateException(
            "the DecisionEngine bean counts nothing, so Toolgate's metrics cannot be bound: build"
                + " it with DecisionEngine.builder(policy).recordStats(), or set"
                + " toolgate.metrics.enabled=false");
      }
      ToolgateMetrics.Builder metrics = ToolgateMetrics.builder(engine);
      audit.ifAvailable(metrics::audit);
      PolicyReloading policy = reloading.getIfAvailable();
      PolicyReloader reloader = policy == null ? null : policy.reloader();
      if (reloader != null) {
        metrics.reloader(reloader);
      }
      return metrics.build();
    }
  }

  /** One observation per guarded tool call, when the application has an observation registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(ObservationRegistry.class)
  static class Observations {
    /** Observes every call of the starter's {@code ToolGuard} into the registry. */
    @Bean
    @ConditionalOnMissingBean(GuardObserver.class)
    ObservationGuardObserver toolgateObservationGuardObserver(
        ObservationRegistry registry, ObjectProvider<ToolCallObservationConvention> convention) {
      ToolCallObservationConvention names = convention.getIfUnique();
      return names == null
          ? new ObservationGuardObserver(registry)
          : new ObservationGuardObserver(registry, names);
    }
  }
}
