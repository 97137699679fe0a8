package io.toolgate.spring.boot;

import io.toolgate.DecisionEngine;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link ToolgateEndpoint}, when Actuator is present and the endpoint is enabled and exposed.
 */
@AutoConfiguration(after = ToolgateAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public class ToolgateEndpointAutoConfiguration {
  /** Created by Spring Boot. */
  public ToolgateEndpointAutoConfiguration() {}

  /** The endpoint over the application's engine. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(DecisionEngine.class)
  @ConditionalOnAvailableEndpoint(ToolgateEndpoint.class)
  public ToolgateEndpoint toolgateEndpoint(DecisionEngine engine) {
    return new ToolgateEndpoint(engine);
  }
}
