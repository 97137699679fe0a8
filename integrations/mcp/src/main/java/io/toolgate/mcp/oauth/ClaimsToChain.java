package io.toolgate.mcp.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping of a verified token's claims to a {@link DelegationChain}, after signature, issuer,
 * audience and times were checked. Origin: the subject claim. Actors: the {@code act} objects,
 * nested from the outermost (the current actor, RFC 8693 section 4.1) inwards (earlier actors); the
 * chain lists them the other way round, innermost first, so it reads {@code sub -> earliest actor
 * -> ... -> current actor}. The top-level {@code scope} is the current actor's hop scope; a nested
 * actor's own {@code scope} member, if any, is its hop's scope.
 */
final class ClaimsToChain {
  private ClaimsToChain() {}

  /** A refusal raised while mapping, carried to {@link AccessTokenVerifier} as an outcome. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    /** The problem; transient only to satisfy serialization lint, never serialized. */
    private final transient TokenOutcome.Refused refused;

    Refusal(TokenProblem problem, String description) {
      super(description, null, false, false);
      this.refused = new TokenOutcome.Refused(problem, description);
    }

    TokenOutcome.Refused refused() {
      return refused;
    }
  }

  static TokenOutcome.Verified map(JWTClaimsSet claims, AccessTokenConfig config, Instant expiry)
      throws Refusal {
    String sub = principal(claims.getClaim(config.subjectClaim()), "the subject");
    DelegationChain origin;
    try {
      origin = DelegationChain.of(sub);
    } catch (IllegalArgumentException e) {
      throw new Refusal(TokenProblem.BAD_CHAIN, "the subject is not a valid principal id");
    }
    List<Map<?, ?>> actors = new ArrayList<>(); // outermost (current) first
    Object act = claims.getClaim(config.actorClaim());
    while (act != null) {
      if (!(act instanceof Map<?, ?> actor)) {
        throw new Refusal(TokenProblem.BAD_CHAIN, "an actor claim is not a JSON object");
      }
      actors.add(actor);
      if (actors.size() > config.maxDepth()) {
        throw new Refusal(
            TokenProblem.TOO_DEEP, "the token nests more than " + config.maxDepth() + " actors");
      }
      act = actor.get(config.actorClaim());
    }
    DelegationScope granted = scope(claims.getClaim(config.scopeClaim()), config);
    if (!actors.isEmpty() && actors.get(0).containsKey(config.scopeClaim())) {
      throw new Refusal(
          TokenProblem.BAD_CHAIN,
          "the current actor's scope is the token's own scope claim, not a member of its actor");
    }
    DelegationChain chain = origin;
    for (int i = actors.size() - 1; i >= 0; i--) {
      Map<?, ?> actor = actors.get(i);
      String id = principal(actor.get(config.subjectClaim()), "an actor");
      DelegationScope hop = i == 0 ? granted : scope(actor.get(config.scopeClaim()), config);
      try {
        chain = chain.then(id, hop);
      } catch (IllegalArgumentException e) {
        throw new Refusal(TokenProblem.BAD_CHAIN, "an actor is not a valid principal id");
      }
    }
    return new TokenOutcome.Verified(chain, granted, expiry);
  }

  private static String principal(Object value, String what) throws Refusal {
    if (value == null) {
      throw new Refusal(TokenProblem.BAD_CHAIN, what + " has no subject claim");
    }
    if (!(value instanceof String s)) {
      throw new Refusal(TokenProblem.BAD_CHAIN, what + "'s subject claim is not a string");
    }
    return s;
  }

  /** The scope of a claim value: a space-separated string or an array of strings; null: none. */
  static DelegationScope scope(Object value, AccessTokenConfig config) throws Refusal {
    if (value == null) {
      return DelegationScope.UNRESTRICTED;
    }
    List<String> values = new ArrayList<>();
    if (value instanceof String s) {
      for (String v : s.split(" ", -1)) {
        if (!v.isEmpty()) {
          values.add(v);
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String v)) {
          throw new Refusal(TokenProblem.BAD_SCOPE, "a scope value is not a string");
        }
        values.add(v);
      }
    } else {
      throw new Refusal(TokenProblem.BAD_SCOPE, "the scope claim is not a string or an array");
    }
    Set<String> patterns = new LinkedHashSet<>();
    for (String v : values) {
      if (!config.ignoredScopes().contains(v)) {
        patterns.add(v);
      }
    }
    if (patterns.isEmpty()) {
      // An empty scope would read as "every tool": a token granting no tool is refused instead.
      throw new Refusal(TokenProblem.BAD_SCOPE, "the scope grants no tool pattern");
    }
    try {
      return DelegationScope.tools(patterns.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new Refusal(TokenProblem.BAD_SCOPE, "a scope value is not a tool pattern");
    }
  }
}
