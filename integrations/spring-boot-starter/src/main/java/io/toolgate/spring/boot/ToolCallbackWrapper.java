package io.toolgate.spring.boot;

import io.toolgate.springai.ToolCallbackGuard;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link ToolCallback} and {@link ToolCallbackProvider} bean in the application's
 * {@link ToolCallbackGuard}, so no tool bean runs undecided. Beans must therefore be injected as
 * {@code ToolCallback} / {@code ToolCallbackProvider}, not as their implementation classes.
 */
final class ToolCallbackWrapper implements BeanPostProcessor {
  private final ObjectProvider<ToolCallbackGuard> guard;

  ToolCallbackWrapper(ObjectProvider<ToolCallbackGuard> guard) {
    this.guard = guard;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ToolCallback tool) {
      return guard.getObject().wrap(tool);
    }
    if (bean instanceof ToolCallbackProvider provider) {
      return guard.getObject().wrap(provider);
    }
    return bean;
  }
}
