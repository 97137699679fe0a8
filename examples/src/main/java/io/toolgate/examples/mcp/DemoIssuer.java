package io.toolgate.examples.mcp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A stand-in authorization server for the demo and the tests: an ES256 key pair generated at
 * creation, its public JWK set (written to a file for the server to read), and access tokens signed
 * with it in the shape Toolgate maps to a chain ({@code sub}, nested RFC 8693 {@code act} claims,
 * {@code scope}). Never a real identity provider: it signs whatever it is asked to. Immutable.
 */
public final class DemoIssuer {
  private final String issuer;
  private final ECKey key;

  private DemoIssuer(String issuer, ECKey key) {
    this.issuer = issuer;
    this.key = key;
  }

  /** An issuer named {@code issuer} with a new P-256 key. */
  public static DemoIssuer generate(String issuer) {
    try {
      return new DemoIssuer(
          Objects.requireNonNull(issuer, "issuer"),
          new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("no P-256 key generator in this JVM", e);
    }
  }

  /** The issuer identifier ({@code iss}). */
  public String issuer() {
    return issuer;
  }

  /** The public JWK set. */
  public JWKSet publicKeys() {
    return new JWKSet(key.toPublicJWK());
  }

  /**
   * Writes the public JWK set to {@code file}.
   *
   * @return the file
   */
  public Path writePublicKeys(Path file) throws IOException {
    Files.writeString(file, publicKeys().toString());
    return file;
  }

  /**
   * A token for {@code audience}, valid for 5 minutes from {@code now}: {@code user} delegated to
   * {@code actors} (earliest first; the last is the current actor, the outermost {@code act}), with
   * {@code scope} (space-separated tool patterns) for the current actor, or none if null.
   */
  public String token(
      String audience, Instant now, String user, List<String> actors, String scope) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(user)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .jwtID(UUID.randomUUID().toString());
    Map<String, Object> act = null;
    for (String actor : actors) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sub", actor);
      if (act != null) {
        m.put("act", act);
      }
      act = m;
    }
    if (act != null) {
      claims.claim("act", act);
    }
    if (scope != null) {
      claims.claim("scope", scope);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt"))
                .build(),
            claims.build());
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }
}
