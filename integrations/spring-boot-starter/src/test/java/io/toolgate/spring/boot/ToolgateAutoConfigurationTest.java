package io.toolgate.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DecisionListener;
import io.toolgate.DelegationChain;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.audit.AsyncDecisionListener;
import io.toolgate.document.StrictJson;
import io.toolgate.springai.ChainResolver;
import io.toolgate.springai.GuardedToolCallback;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration's beans and settings, without a web server or a chat client. */
class ToolgateAutoConfigurationTest {
  @TempDir Path dir;

  ApplicationContextRunner runner() {
    Path policy = Policies.write(dir.resolve("policy.yaml"), Policies.SHOP);
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ToolgateAutoConfiguration.class))
        .withPropertyValues("toolgate.policy.location=" + policy);
  }

  /** Beans a metrics module would declare: a listener, and a customizer of the engine. */
  @Configuration(proxyBeanMethods = false)
  static class Extensions {
    final List<DecisionEvent> heard = new CopyOnWriteArrayList<>();

    @Bean
    DecisionListener recordingListener() {
      return heard::add;
    }

    @Bean
    ToolgateEngineCustomizer noCache() {
      return builder -> builder.cacheSize(0);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Tools {
    @Bean
    ToolCallback weather() {
      return FunctionToolCallback.<Map<String, Object>, String>builder("weather", in -> "sunny")
          .description("The weather.")
          .inputType(Map.class)
          .build();
    }
  }

  @Test
  void defaults_auditOn_reloadOn_toolBeansGuarded() {
    runner()
        .withUserConfiguration(Tools.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(DecisionEngine.class);
              assertThat(context).hasSingleBean(AsyncDecisionListener.class);
              assertThat(context.getBean(PolicyReloading.class).watching()).isTrue();
              ToolCallback weather = context.getBean("weather", ToolCallback.class);
              assertThat(weather).isInstanceOf(GuardedToolCallback.class);
              assertThat(((GuardedToolCallback) weather).toolId())
                  .isEqualTo(ToolId.of("spring-ai", "weather"));
              // alice may call it (resources '**' cover the none resource); not through the
              // assistant, whose grants do not name it; mallory not at all.
              assertThat(weather.call("{}", direct("alice"))).isEqualTo("\"sunny\"");
              assertThat(weather.call("{}", as("alice"))).startsWith("Denied by Toolgate");
              assertThat(weather.call("{}", direct("mallory"))).startsWith("Denied by Toolgate");
            });
  }

  @Test
  void auditLog_hearsEveryDecision_andIsFlushedOnClose() {
    AsyncDecisionListener[] audit = new AsyncDecisionListener[1];
    runner()
        .run(
            context -> {
              audit[0] = context.getBean(AsyncDecisionListener.class);
              DecisionEngine engine = context.getBean(DecisionEngine.class);
              engine.decide("alice", ToolId.parse("spring-ai/refund"), ResourceId.NONE);
              engine.decide("mallory", ToolId.parse("spring-ai/refund"), ResourceId.NONE);
            });
    // The context is closed: the audit queue was drained before its thread stopped.
    assertThat(audit[0].delivered()).isEqualTo(2);
    assertThat(audit[0].dropped()).isZero();
  }

  @Test
  void settings_auditOff_reloadOff_wrapOff_otherResourcesDeny() {
    runner()
        .withUserConfiguration(Tools.class)
        .withPropertyValues(
            "toolgate.audit.enabled=false",
            "toolgate.policy.reload=false",
            "toolgate.tools.wrap=false",
            "toolgate.tools.other-resources=deny",
            "toolgate.tools.on-denial=throw",
            "toolgate.tools.server=shop")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(AsyncDecisionListener.class);
              assertThat(context.getBean(PolicyReloading.class).watching()).isFalse();
              assertThat(context.getBean("weather")).isNotInstanceOf(GuardedToolCallback.class);
              io.toolgate.springai.ToolCallbackGuard guard =
                  context.getBean(io.toolgate.springai.ToolCallbackGuard.class);
              assertThat(guard.server()).isEqualTo("shop");
              assertThat(guard.denialMode()).isEqualTo(io.toolgate.springai.DenialMode.THROW);
            });
  }

  @Test
  void extensions_listenerBeansHearDecisions_andCustomizersAdjustTheEngine() {
    runner()
        .withUserConfiguration(Extensions.class)
        .run(
            context -> {
              DecisionEngine engine = context.getBean(DecisionEngine.class);
              engine.decide("alice", ToolId.parse("spring-ai/refund"), ResourceId.NONE);
              assertThat(context.getBean(Extensions.class).heard).hasSize(1);
              assertThat(engine.cachedResiduals()).isZero();
            });
  }

  @Test
  void userBeans_win() {
    DecisionEngine own = DecisionEngine.builder(io.toolgate.Policy.builder().build()).build();
    runner()
        .withBean(DecisionEngine.class, () -> own)
        .withBean(ChainResolver.class, () -> context -> DelegationChain.of("alice"))
        .run(
            context -> {
              assertThat(context.getBean(DecisionEngine.class)).isSameAs(own);
              assertThat(context.getBean(ChainResolver.class).resolve(new ToolContext(Map.of())))
                  .isEqualTo(DelegationChain.of("alice"));
            });
  }

  @Test
  void agentId_withSpringSecurity_namesTheAuthenticatedUserThroughTheAgent() {
    runner()
        .withPropertyValues("toolgate.tools.agent-id=assistant")
        .run(
            context -> {
              assertThat(context.getBean(ChainResolver.class))
                  .isInstanceOf(SecurityChainResolver.class);
            });
  }

  @Test
  void metadata_describesEveryProperty_forIdeCompletion() throws IOException {
    Map<String, Object> metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      metadata = StrictJson.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
    Map<String, Map<String, Object>> byName =
        properties.stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    p -> (String) p.get("name"), p -> p, (a, b) -> a));
    assertThat(byName)
        .containsKeys(
            "toolgate.enabled",
            "toolgate.cache-size",
            "toolgate.policy.location",
            "toolgate.policy.public-key",
            "toolgate.policy.reload",
            "toolgate.audit.enabled",
            "toolgate.audit.capacity",
            "toolgate.audit.required",
            "toolgate.tools.wrap",
            "toolgate.tools.server",
            "toolgate.tools.on-denial",
            "toolgate.tools.agent-id",
            "toolgate.tools.resources",
            "toolgate.tools.other-resources",
            "toolgate.metrics.enabled",
            "management.endpoint.toolgate.access");
    assertThat(byName.get("toolgate.policy.reload")).containsEntry("defaultValue", true);
    assertThat(byName.get("toolgate.audit.enabled")).containsEntry("defaultValue", true);
    assertThat(byName.get("toolgate.metrics.enabled")).containsEntry("defaultValue", true);
    assertThat(byName.get("toolgate.tools.server")).containsEntry("defaultValue", "spring-ai");
    assertThat(byName.get("management.endpoint.toolgate.access"))
        .containsEntry("defaultValue", "none");
    assertThat(properties).allSatisfy(p -> assertThat((String) p.get("description")).isNotBlank());
  }

  static ToolContext direct(String user) {
    return new ToolContext(Map.of(ChainResolver.CHAIN_KEY, DelegationChain.of(user)));
  }

  static ToolContext as(String user) {
    return new ToolContext(
        Map.of(ChainResolver.CHAIN_KEY, DelegationChain.onBehalfOf(user, "assistant")));
  }
}
