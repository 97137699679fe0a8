package io.toolgate.spring.boot;

import io.toolgate.DecisionEngine;

/**
 * Adjusts the {@link DecisionEngine} the starter builds, before it is built: the extension point of
 * other modules (a metrics listener, a shared limit store, a clock). Every bean of this type is
 * applied, in {@link org.springframework.core.Ordered} order, after the starter's own settings.
 *
 * <p>Beans of type {@link io.toolgate.DecisionListener} are added to the engine without a
 * customizer, and beans of type {@link io.toolgate.document.ReloadListener} hear every policy
 * reload and refusal. Micrometer needs none of this: with {@code toolgate-micrometer} on the class
 * path, {@link ToolgateMetricsAutoConfiguration} already calls {@code recordStats()} (so a
 * customizer must not call it again) and binds the meters.
 */
@FunctionalInterface
public interface ToolgateEngineCustomizer {
  /** Adjusts the engine's builder; each builder setting may be given only once. */
  void customize(DecisionEngine.Builder builder);
}
