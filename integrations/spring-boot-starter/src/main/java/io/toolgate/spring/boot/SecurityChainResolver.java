package io.toolgate.spring.boot;

import io.toolgate.DelegationChain;
import io.toolgate.springai.ChainResolver;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The chain in the tool context if there is one; otherwise Spring Security's authenticated user
 * acting through the configured agent. Anonymous or unauthenticated callers are unknown.
 */
final class SecurityChainResolver implements ChainResolver {
  private final ChainResolver fromContext = ChainResolver.fromToolContext();
  private final String agentId;

  SecurityChainResolver(String agentId) {
    this.agentId = agentId;
  }

  @Override
  public DelegationChain resolve(ToolContext context) {
    DelegationChain chain = fromContext.resolve(context);
    if (chain != null) {
      return chain;
    }
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return DelegationChain.onBehalfOf(user.getName(), agentId);
  }
}
