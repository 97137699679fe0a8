package io.toolgate.mcp.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An authorization server for tests: keys generated here (EC P-256, RSA 2048, Ed25519), tokens
 * signed with them, a fixed clock. Immutable once created.
 */
final class TestIssuer {
  static final String ISSUER = "https://issuer.example";
  static final String AUDIENCE = "https://tools.example/mcp";
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final InstantSource CLOCK = InstantSource.fixed(NOW);

  final ECKey ec;
  final RSAKey rsa;
  final OctetKeyPair ed;

  TestIssuer(String kidSuffix) {
    try {
      ec = new ECKeyGenerator(Curve.P_256).keyID("ec-" + kidSuffix).generate();
      rsa = new RSAKeyGenerator(2048).keyID("rsa-" + kidSuffix).generate();
      ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-" + kidSuffix).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public keys, as the issuer's {@code jwks_uri} would publish them. */
  JWKSet publicKeys() {
    return new JWKSet(List.<JWK>of(ec, rsa, ed)).toPublicJWKSet();
  }

  /** The verifier configuration for these keys and the fixed clock. */
  AccessTokenConfig.Builder config() {
    return AccessTokenConfig.builder(ISSUER, AUDIENCE).jwkSet(publicKeys()).clock(CLOCK);
  }

  AccessTokenVerifier verifier() {
    try {
      return AccessTokenVerifier.create(config().build());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a valid token for {@code sub}: issuer, audience, issued now, 5 minutes left. */
  static JWTClaimsSet.Builder claims(String sub) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(sub)
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
  }

  /**
   * The {@code act} claim of a chain of actors, given innermost (earliest) first; the current
   * actor, last, is the outermost object. Each actor is {@code id} or {@code id=scope}.
   */
  static Map<String, Object> act(String... actors) {
    Map<String, Object> inner = null;
    for (String a : actors) {
      Map<String, Object> m = new LinkedHashMap<>();
      int eq = a.indexOf('=');
      m.put("sub", eq < 0 ? a : a.substring(0, eq));
      if (eq >= 0) {
        m.put("scope", a.substring(eq + 1));
      }
      if (inner != null) {
        m.put("act", inner);
      }
      inner = m;
    }
    return inner;
  }

  String es256(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.ES256, ec.getKeyID(), null, claims);
  }

  String rs256(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.RS256, rsa.getKeyID(), null, claims);
  }

  String eddsa(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.EdDSA, ed.getKeyID(), null, claims);
  }

  /** Signs with the key of the algorithm's family, under the given key id and {@code typ}. */
  String sign(JWSAlgorithm alg, String kid, JOSEObjectType typ, JWTClaimsSet claims) {
    try {
      JWSSigner signer;
      if (JWSAlgorithm.Family.EC.contains(alg)) {
        signer = new ECDSASigner(ec);
      } else if (JWSAlgorithm.Family.RSA.contains(alg)) {
        signer = new RSASSASigner(rsa);
      } else {
        signer = new Ed25519Signer(ed);
      }
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(typ).build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Space-separated scope. */
  static String scope(List<String> patterns) {
    return String.join(" ", new ArrayList<>(patterns));
  }
}
