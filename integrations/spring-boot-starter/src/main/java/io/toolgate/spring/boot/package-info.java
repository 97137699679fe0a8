/**
 * Spring Boot auto-configuration of Toolgate. {@link
 * io.toolgate.spring.boot.ToolgateAutoConfiguration} builds the {@code DecisionEngine} from the
 * {@code toolgate.*} settings ({@link io.toolgate.spring.boot.ToolgateProperties}) and guards every
 * Spring AI tool bean; {@link io.toolgate.spring.boot.ToolgateEndpoint} is the Actuator endpoint;
 * {@link io.toolgate.spring.boot.ToolgateEngineCustomizer} is the extension point.
 */
package io.toolgate.spring.boot;
