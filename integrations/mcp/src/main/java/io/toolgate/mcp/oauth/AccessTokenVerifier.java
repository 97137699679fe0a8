package io.toolgate.mcp.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies OAuth 2.1 bearer access tokens (signed JWTs, RFC 9068 profile) and maps each valid one
 * to the {@link io.toolgate.DelegationChain} it acts through. Thread-safe; create one per server.
 *
 * <p>In order, a token is refused ({@link TokenOutcome.Refused}) if it is not a compact JWS; is
 * unsigned ({@code alg: none}), encrypted, or signed with an algorithm not accepted; has a {@code
 * typ} other than {@code JWT}, {@code at+jwt} or {@code application/at+jwt}; names a key the
 * issuer's JWK set does not hold (a URL is refetched first, rate-limited, for key rotation); does
 * not verify; has another {@code iss}; no {@code aud} value equal to the resource identifier; no
 * {@code exp} or one past (beyond the clock skew); an {@code nbf} or {@code iat} in the future
 * (beyond the skew); or claims that do not map to a chain (see {@code docs/mcp.md}). The signature
 * is checked before any claim is read.
 *
 * <p>The mapping only authenticates: RFC 8693 treats nested actors as informational, so Toolgate
 * decides every hop against its own policy. Each principal of the chain must be known and allowed
 * on its own, within the scope passed on to it, and the chain within the policy's depth limits.
 */
public final class AccessTokenVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(AccessTokenVerifier.class);

  private static final Set<String> TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");

  private final AccessTokenConfig config;
  private final JWKSource<SecurityContext> keys;

  private AccessTokenVerifier(AccessTokenConfig config, JWKSource<SecurityContext> keys) {
    this.config = config;
    this.keys = keys;
  }

  /**
   * A verifier for {@code config}. A JWK set file is read now, once; a URL is fetched on first use.
   *
   * @throws IOException if the JWK set file cannot be read
   * @throws IllegalArgumentException if the file is not a JWK set or holds no usable key
   */
  public static AccessTokenVerifier create(AccessTokenConfig config) throws IOException {
    Objects.requireNonNull(config, "config");
    boolean hmac = config.jwsAlgorithms().stream().anyMatch(JWSAlgorithm.Family.HMAC_SHA::contains);
    JWKSource<SecurityContext> keys;
    if (config.jwkSetUri() != null) {
      DefaultResourceRetriever retriever =
          new DefaultResourceRetriever(
              JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
              JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT,
              JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
      try {
        keys =
            JWKSourceBuilder.<SecurityContext>create(config.jwkSetUri().toURL(), retriever)
                .cache(true)
                .refreshAheadCache(true)
                .rateLimited(true)
                .retrying(true)
                .outageTolerant(true)
                .build();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a URL: " + config.jwkSetUri(), e);
      }
    } else {
      JWKSet set = config.jwkSet();
      if (set == null) {
        try {
          set = JWKSet.load(config.jwkSetFile().toFile());
        } catch (ParseException e) {
          throw new IllegalArgumentException(
              config.jwkSetFile() + " is not a JWK set: " + e.getMessage(), e);
        }
      }
      // Private parts are never needed; symmetric keys only when HMAC was accepted on purpose.
      JWKSet usable = hmac ? set : set.toPublicJWKSet();
      if (usable.isEmpty()) {
        throw new IllegalArgumentException("the JWK set holds no public key");
      }
      keys = new ImmutableJWKSet<>(usable);
    }
    return new AccessTokenVerifier(config, keys);
  }

  /** The configuration this verifier checks against. */
  public AccessTokenConfig config() {
    return config;
  }

  /**
   * Verifies a bearer token (the value after {@code Bearer }) and maps it to its chain.
   *
   * @return {@link TokenOutcome.Verified} or {@link TokenOutcome.Refused}, never null; never throws
   *     for any input
   */
  public TokenOutcome verify(String token) {
    Objects.requireNonNull(token, "token");
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException | RuntimeException e) {
      return refused(TokenProblem.MALFORMED, "the token is not a signed JWT");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      return refused(
          TokenProblem.UNSUPPORTED_ALGORITHM, "the token is not signed (or is encrypted)");
    }
    JWSHeader header = signed.getHeader();
    if (!config.jwsAlgorithms().contains(header.getAlgorithm())) {
      return refused(TokenProblem.UNSUPPORTED_ALGORITHM, "the token's algorithm is not accepted");
    }
    if (header.getType() != null
        && !TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
      return refused(TokenProblem.WRONG_TYPE, "the token's typ is not JWT or at+jwt");
    }
    List<JWK> candidates;
    try {
      // A cached URL source refetches (rate-limited) when no key matches: key rotation.
      candidates = keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
    } catch (KeySourceException e) {
      LOG.warn("the issuer's JWK set could not be read: {}", e.getMessage());
      return refused(TokenProblem.KEYS_UNAVAILABLE, "the issuer's keys are unavailable");
    }
    if (candidates == null || candidates.isEmpty()) {
      return refused(TokenProblem.UNKNOWN_KEY, "no key of the issuer matches the token");
    }
    if (!verifiesWithAny(signed, candidates)) {
      return refused(TokenProblem.BAD_SIGNATURE, "the token's signature does not verify");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      return refused(TokenProblem.MALFORMED, "the token's claims are not a JSON object");
    }
    return checkClaims(claims);
  }

  /**
   * Whether one of the keys verifies the signature. Each key is used as a JWK, so Ed25519 keys
   * (which have no {@code java.security} form here) verify like the others. A verifier refuses a
   * {@code crit} header it does not understand.
   */
  private static boolean verifiesWithAny(SignedJWT signed, List<JWK> candidates) {
    for (JWK key : candidates) {
      try {
        JWSVerifier verifier =
            switch (key.getKeyType().getValue()) {
              case "EC" -> new ECDSAVerifier(key.toECKey());
              case "RSA" -> new RSASSAVerifier(key.toRSAKey());
              case "OKP" -> new Ed25519Verifier(key.toOctetKeyPair().toPublicJWK());
              case "oct" -> new MACVerifier(key.toOctetSequenceKey());
              default -> null;
            };
        if (verifier != null && signed.verify(verifier)) {
          return true;
        }
      } catch (JOSEException | RuntimeException e) {
        LOG.debug("key {} could not verify the token", key.getKeyID(), e);
      }
    }
    return false;
  }

  private TokenOutcome checkClaims(JWTClaimsSet claims) {
    Instant now = config.clock().instant();
    Duration skew = config.clockSkew();
    try {
      if (!config.issuer().equals(claims.getStringClaim("iss"))) {
        return refused(TokenProblem.WRONG_ISSUER, "the token's issuer is not accepted here");
      }
      List<String> aud = claims.getStringListClaim("aud");
      if (aud == null || !aud.contains(config.audience())) {
        return refused(TokenProblem.WRONG_AUDIENCE, "the token is not meant for this resource");
      }
      Date exp = claims.getDateClaim("exp");
      if (exp == null) {
        return refused(TokenProblem.EXPIRED, "the token has no expiry");
      }
      if (!now.isBefore(exp.toInstant().plus(skew))) {
        return refused(TokenProblem.EXPIRED, "the token has expired");
      }
      Date nbf = claims.getDateClaim("nbf");
      if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
        return refused(TokenProblem.NOT_YET_VALID, "the token is not valid yet");
      }
      Date iat = claims.getDateClaim("iat");
      if (iat != null && now.plus(skew).isBefore(iat.toInstant())) {
        return refused(TokenProblem.NOT_YET_VALID, "the token was issued in the future");
      }
      return ClaimsToChain.map(claims, config, exp.toInstant());
    } catch (ParseException e) {
      return refused(TokenProblem.MALFORMED, "a registered claim has the wrong type");
    } catch (ClaimsToChain.Refusal r) {
      return r.refused();
    }
  }

  private static TokenOutcome.Refused refused(TokenProblem problem, String description) {
    return new TokenOutcome.Refused(problem, description);
  }
}
