package io.toolgate.mcp.oauth;

import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link AccessTokenVerifier#verify} made of a bearer token: a {@link Verified} caller or a
 * {@link Refused} token. A verified token is only authenticated: every call through its chain is
 * still decided by the policy.
 */
public sealed interface TokenOutcome {
  /**
   * A token whose signature, issuer, audience and times hold, mapped to the chain it acts through.
   *
   * @param chain the origin ({@code sub}) and every actor, innermost first, the current actor last
   * @param scope the tool patterns the token grants its current actor (its top-level {@code scope}
   *     claim; {@link DelegationScope#UNRESTRICTED} without one). With actors it is also the last
   *     hop's scope in {@code chain}; without, the chain has no hop and this scope bounds the
   *     token's calls on its own ({@code io.toolgate.mcp.McpGuard} checks it)
   * @param expiresAt the token's {@code exp}
   */
  record Verified(DelegationChain chain, DelegationScope scope, Instant expiresAt)
      implements TokenOutcome {
    /** Checks that no part is null. */
    public Verified {
      Objects.requireNonNull(chain, "chain");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /**
   * A token refused before any policy saw it.
   *
   * @param problem what is wrong, for logs and for the HTTP status
   * @param description a one-line explanation for the client's {@code error_description}: it names
   *     the problem, never a key, a claim value or a server internal
   */
  record Refused(TokenProblem problem, String description) implements TokenOutcome {
    /** Checks that no part is null. */
    public Refused {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(description, "description");
    }
  }
}
