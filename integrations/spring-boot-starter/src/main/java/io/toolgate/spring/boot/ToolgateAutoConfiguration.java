package io.toolgate.spring.boot;

import io.toolgate.DecisionEngine;
import io.toolgate.DecisionListener;
import io.toolgate.Policy;
import io.toolgate.audit.AsyncDecisionListener;
import io.toolgate.audit.AuditLogListener;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyReloader;
import io.toolgate.document.ReloadListener;
import io.toolgate.guard.GuardObserver;
import io.toolgate.guard.ResourceResolver;
import io.toolgate.guard.ToolGuard;
import io.toolgate.springai.ChainResolver;
import io.toolgate.springai.ToolCallbackGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Configures Toolgate in a Spring Boot application: a {@link DecisionEngine} on the policy document
 * at {@code toolgate.policy.location} (reloaded when the file changes, every decision written to
 * the audit log), the {@link ToolGuard} and {@link ToolCallbackGuard} in front of Spring AI tools,
 * and a wrapper that guards every {@code ToolCallback} and {@code ToolCallbackProvider} bean.
 *
 * <p>Each bean backs off when the application defines its own. A policy document that does not load
 * fails the start-up with its problems, each located {@code FILE:LINE:COLUMN}. Extension: {@link
 * ToolgateEngineCustomizer}, and beans of type {@link DecisionListener}, {@link ReloadListener} and
 * {@link GuardObserver}. Micrometer: {@link ToolgateMetricsAutoConfiguration}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "toolgate.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ToolgateProperties.class)
public class ToolgateAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(ToolgateAutoConfiguration.class);

  /** Created by Spring Boot. */
  public ToolgateAutoConfiguration() {}

  /**
   * The loader of policy documents; with {@code toolgate.policy.public-key} it trusts that key only
   * and refuses unsigned documents.
   */
  @Bean
  @ConditionalOnMissingBean
  public PolicyLoader toolgatePolicyLoader(
      ToolgateProperties properties, ResourceLoader resources) {
    String key = properties.getPolicy().getPublicKey();
    if (key == null || key.isBlank()) {
      return PolicyLoader.defaults();
    }
    return PolicyLoader.builder()
        .trustedKey(PolicySource.publicKey(key, resources))
        .requireSignature(true)
        .build();
  }

  /** The audit log, on its own thread: one JSON line per decision on logger io.toolgate.audit. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(name = "toolgateAuditListener")
  @ConditionalOnBooleanProperty(name = "toolgate.audit.enabled", matchIfMissing = true)
  public AsyncDecisionListener toolgateAuditListener(ToolgateProperties properties) {
    return AuditLogListener.async(properties.getAudit().getCapacity());
  }

  /**
   * The engine, on the policy document at {@code toolgate.policy.location}, hearing every {@link
   * DecisionListener} bean and adjusted by every {@link ToolgateEngineCustomizer} bean.
   *
   * @throws io.toolgate.document.DocumentException if the document does not load (its problems,
   *     located)
   */
  @Bean
  @ConditionalOnMissingBean
  public DecisionEngine toolgateDecisionEngine(
      ToolgateProperties properties,
      PolicyLoader loader,
      ResourceLoader resources,
      @Qualifier("toolgateAuditListener") ObjectProvider<AsyncDecisionListener> audit,
      ObjectProvider<DecisionListener> listeners,
      ObjectProvider<ToolgateEngineCustomizer> customizers) {
    Policy policy =
        PolicySource.resolve(properties.getPolicy().getLocation(), resources).load(loader);
    DecisionEngine.Builder builder = DecisionEngine.builder(policy);
    if (properties.getCacheSize() != null) {
      builder.cacheSize(properties.getCacheSize());
    }
    AsyncDecisionListener auditLog = audit.getIfAvailable();
    listeners
        .orderedStream()
        .forEach(
            l -> {
              if (l == auditLog && properties.getAudit().isRequired()) {
                builder.requireAudit(l);
              } else {
                builder.listener(l);
              }
            });
    customizers.orderedStream().forEach(c -> c.customize(builder));
    LOG.info(
        "Toolgate policy {} (version {}) loaded",
        properties.getPolicy().getLocation(),
        policy.version());
    return builder.build();
  }

  /**
   * Watches the policy file and swaps in each valid new version; an invalid one is refused, logged
   * and heard by every {@link ReloadListener} bean, and the active policy stays.
   */
  @Bean(destroyMethod = "close")
  PolicyReloading toolgatePolicyReloading(
      ToolgateProperties properties,
      PolicyLoader loader,
      ResourceLoader resources,
      DecisionEngine engine,
      ObjectProvider<ReloadListener> listeners) {
    ToolgateProperties.Policy p = properties.getPolicy();
    if (!p.isReload() || p.getLocation() == null || p.getLocation().isBlank()) {
      return new PolicyReloading(null);
    }
    PolicySource source = PolicySource.resolve(p.getLocation(), resources);
    if (source.file() == null) {
      LOG.info("Toolgate policy {} is not a file: it is not reloaded", source);
      return new PolicyReloading(null);
    }
    return new PolicyReloading(
        PolicyReloader.builder(source.file(), loader, engine)
            .listeners(listeners.orderedStream().toArray(ReloadListener[]::new))
            .start());
  }

  /**
   * The guard: the engine plus the resource templates of {@code toolgate.tools.resources}, heard by
   * the {@link GuardObserver} bean when there is exactly one (or a primary one).
   */
  @Bean
  @ConditionalOnMissingBean
  public ToolGuard toolgateToolGuard(
      DecisionEngine engine,
      ToolgateProperties properties,
      ObjectProvider<GuardObserver> observers) {
    ToolgateProperties.Tools tools = properties.getTools();
    ToolGuard.Builder builder = ToolGuard.builder(engine);
    observers.ifUnique(builder::observer);
    tools
        .getResources()
        .forEach((name, template) -> builder.resource(tools.getServer() + "/" + name, template));
    if (tools.getOtherResources() == ToolgateProperties.OtherResources.NONE) {
      builder.otherTools(ResourceResolver.NONE);
    }
    return builder.build();
  }

  /** Who calls: the chain in the tool context under {@link ChainResolver#CHAIN_KEY}. */
  @Bean
  @ConditionalOnMissingBean
  public ChainResolver toolgateChainResolver(ToolgateProperties properties) {
    String agent = properties.getTools().getAgentId();
    if (agent != null && !agent.isBlank()) {
      throw new IllegalStateException(
          "toolgate.tools.agent-id is set but Spring Security is not on the class path: the"
              + " authenticated user cannot be known");
    }
    return ChainResolver.fromToolContext();
  }

  /** The guard in front of Spring AI tools. */
  @Bean
  @ConditionalOnMissingBean
  public ToolCallbackGuard toolgateToolCallbackGuard(
      ToolGuard guard, ChainResolver chains, ToolgateProperties properties) {
    return ToolCallbackGuard.builder(guard)
        .server(properties.getTools().getServer())
        .chains(chains)
        .onDenial(properties.getTools().getOnDenial())
        .build();
  }

  /** Guards every {@code ToolCallback} and {@code ToolCallbackProvider} bean. */
  @Bean
  @ConditionalOnBooleanProperty(name = "toolgate.tools.wrap", matchIfMissing = true)
  static ToolCallbackWrapper toolgateToolCallbackWrapper(ObjectProvider<ToolCallbackGuard> guard) {
    return new ToolCallbackWrapper(guard);
  }

  /**
   * With Spring Security, the caller of a call with no chain in its tool context is the
   * authenticated user acting through {@code toolgate.tools.agent-id}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
  static class SecurityChains {
    @Bean
    @ConditionalOnMissingBean
    ChainResolver toolgateSecurityChainResolver(ToolgateProperties properties) {
      String agent = properties.getTools().getAgentId();
      return agent == null || agent.isBlank()
          ? ChainResolver.fromToolContext()
          : new SecurityChainResolver(agent);
    }
  }
}
