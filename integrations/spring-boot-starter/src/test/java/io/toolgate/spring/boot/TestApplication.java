package io.toolgate.spring.boot;

import io.toolgate.Policy;
import io.toolgate.document.DocumentException;
import io.toolgate.document.ReloadListener;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** A Spring Boot application with Spring AI tools, as a user of the starter writes it. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {
  /** The shop's tools: @Tool methods, each recording that its body ran. */
  static class ShopTools {
    final List<String> runs = new CopyOnWriteArrayList<>();

    @Tool(description = "Looks an order up.")
    String get_order(@ToolParam(description = "the order id") String order) {
      runs.add("get_order " + order);
      return "order " + order + " shipped";
    }

    @Tool(description = "Refunds an order.")
    String refund(@ToolParam(description = "the order id") String order) {
      runs.add("refund " + order);
      return "order " + order + " refunded";
    }

    @Tool(description = "Deletes every order.")
    String delete_all() {
      runs.add("delete_all");
      return "all deleted";
    }
  }

  /** Hears the policy reloader: each reload or refusal, in order. */
  static class Reloads implements ReloadListener {
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onReloaded(Path file, Policy previous, Policy current) {
      events.add(current);
    }

    @Override
    public void onRefused(Path file, DocumentException problems) {
      events.add(problems);
    }
  }

  @Bean
  ShopTools shopTools() {
    return new ShopTools();
  }

  @Bean
  ToolCallbackProvider shop(ShopTools tools) {
    return MethodToolCallbackProvider.builder().toolObjects(tools).build();
  }

  @Bean
  ScriptedChatModel chatModel() {
    return new ScriptedChatModel();
  }

  @Bean
  ChatClient chatClient(ScriptedChatModel model, ToolCallbackProvider shop) {
    return chatOver(model, shop);
  }

  /** A chat client on {@code model} offering {@code tools}, running tool calls itself. */
  static ChatClient chatOver(ScriptedChatModel model, ToolCallbackProvider tools) {
    return ChatClient.builder(model)
        .defaultTools(tools)
        .defaultAdvisors(
            ToolCallingAdvisor.builder()
                .toolCallingManager(ToolCallingManager.builder().build())
                .build())
        .build();
  }

  @Bean
  Reloads reloads() {
    return new Reloads();
  }

  /** The endpoint's security, as docs/spring.md advises: viewers read, admins switch. */
  @Bean
  @Order(1)
  @ConditionalOnWebApplication
  SecurityFilterChain toolgateEndpointSecurity(HttpSecurity http) throws Exception {
    return http.securityMatcher(EndpointRequest.to(ToolgateEndpoint.class))
        .authorizeHttpRequests(
            r ->
                r.requestMatchers(HttpMethod.GET)
                    .hasAnyRole("TOOLGATE_VIEWER", "TOOLGATE_ADMIN")
                    .anyRequest()
                    .hasRole("TOOLGATE_ADMIN"))
        .httpBasic(Customizer.withDefaults())
        .csrf(c -> c.disable())
        .build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("ops").password("{noop}ops-secret").roles("TOOLGATE_ADMIN").build(),
        User.withUsername("viewer")
            .password("{noop}viewer-secret")
            .roles("TOOLGATE_VIEWER")
            .build());
  }
}
