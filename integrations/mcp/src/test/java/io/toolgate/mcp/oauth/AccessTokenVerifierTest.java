package io.toolgate.mcp.oauth;

import static io.toolgate.mcp.oauth.TestIssuer.AUDIENCE;
import static io.toolgate.mcp.oauth.TestIssuer.NOW;
import static io.toolgate.mcp.oauth.TestIssuer.act;
import static io.toolgate.mcp.oauth.TestIssuer.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenVerifierTest {
  static final TestIssuer ISSUER = new TestIssuer("1");
  static final TestIssuer OTHER = new TestIssuer("1"); // same key ids, other keys
  final AccessTokenVerifier verifier = ISSUER.verifier();

  static TokenProblem problem(TokenOutcome outcome) {
    assertThat(outcome).isInstanceOf(TokenOutcome.Refused.class);
    TokenOutcome.Refused r = (TokenOutcome.Refused) outcome;
    assertThat(r.description()).isNotBlank().doesNotContain("\"").doesNotContain("\\");
    return r.problem();
  }

  static DelegationChain chain(TokenOutcome outcome) {
    assertThat(outcome).isInstanceOf(TokenOutcome.Verified.class);
    return ((TokenOutcome.Verified) outcome).chain();
  }

  @Test
  void es256Rs256AndEdDsa_valid_mapToTheSubject() {
    JWTClaimsSet c = claims("alice").build();
    for (String token : List.of(ISSUER.es256(c), ISSUER.rs256(c), ISSUER.eddsa(c))) {
      TokenOutcome outcome = verifier.verify(token);
      assertThat(chain(outcome)).isEqualTo(DelegationChain.of("alice"));
      assertThat(((TokenOutcome.Verified) outcome).expiresAt()).isEqualTo(NOW.plusSeconds(300));
    }
  }

  @Test
  void nestedActors_becomeTheChain_innermostFirst_withEachHopsScope() {
    JWTClaimsSet c =
        claims("alice")
            .claim("act", act("assistant=notes/read notes/list", "summarizer"))
            .claim("scope", "notes/read")
            .build();

    TokenOutcome outcome = verifier.verify(ISSUER.es256(c));

    assertThat(chain(outcome))
        .isEqualTo(
            DelegationChain.of("alice")
                .then("assistant", DelegationScope.tools("notes/read", "notes/list"))
                .then("summarizer", DelegationScope.tools("notes/read")));
    assertThat(((TokenOutcome.Verified) outcome).scope())
        .isEqualTo(DelegationScope.tools("notes/read"));
  }

  @Test
  void enterpriseManagedShape_subAudScope_isADirectChainWithItsScope() {
    // A jwt-bearer exchanged token (ID-JAG): the scope is already the intersection; no act.
    JWTClaimsSet c =
        claims("alice")
            .claim("scope", "openid notes/read")
            .claim("client_id", "https://client.example/metadata.json")
            .build();
    AccessTokenVerifier v = create(ISSUER.config().ignoreScopes("openid").build());

    TokenOutcome outcome = v.verify(ISSUER.rs256(c));

    assertThat(chain(outcome)).isEqualTo(DelegationChain.of("alice"));
    assertThat(((TokenOutcome.Verified) outcome).scope())
        .isEqualTo(DelegationScope.tools("notes/read"));
  }

  @Test
  void scopeAsAnArray_andAbsentScope_areRead() {
    JWTClaimsSet array =
        claims("alice").claim("act", act("bot")).claim("scope", List.of("a/b", "c/*")).build();
    JWTClaimsSet none = claims("alice").claim("act", act("bot")).build();

    assertThat(chain(verifier.verify(ISSUER.es256(array))))
        .isEqualTo(DelegationChain.of("alice").then("bot", DelegationScope.tools("a/b", "c/*")));
    assertThat(chain(verifier.verify(ISSUER.es256(none))))
        .isEqualTo(DelegationChain.onBehalfOf("alice", "bot"));
  }

  @Test
  void customClaimNames_areRead() {
    AccessTokenVerifier v = create(ISSUER.config().claimNames("uid", "actor", "scp").build());
    Map<String, Object> actor = Map.of("uid", "bot", "actor", Map.of("uid", "planner"));
    JWTClaimsSet c =
        claims("ignored").claim("uid", "alice").claim("actor", actor).claim("scp", "x/y").build();

    assertThat(chain(v.verify(ISSUER.es256(c))))
        .isEqualTo(
            DelegationChain.of("alice").then("planner").then("bot", DelegationScope.tools("x/y")));
  }

  @Test
  void typ_jwtAndAtJwtAccepted_othersRefused() {
    JWTClaimsSet c = claims("alice").build();
    for (String typ : List.of("JWT", "at+jwt", "application/at+jwt")) {
      String t = ISSUER.sign(JWSAlgorithm.ES256, "ec-1", new JOSEObjectType(typ), c);
      assertThat(chain(verifier.verify(t))).isEqualTo(DelegationChain.of("alice"));
    }
    String idToken = ISSUER.sign(JWSAlgorithm.ES256, "ec-1", new JOSEObjectType("id+jwt"), c);
    assertThat(problem(verifier.verify(idToken))).isEqualTo(TokenProblem.WRONG_TYPE);
  }

  @Test
  void times_expiryNotBeforeAndIssuedAt_areCheckedWithTheSkew() {
    Date justExpired = Date.from(NOW.minusSeconds(30));
    Date longExpired = Date.from(NOW.minusSeconds(61));
    assertThat(
            chain(verifier.verify(ISSUER.es256(claims("a").expirationTime(justExpired).build()))))
        .isEqualTo(DelegationChain.of("a"));
    assertThat(
            problem(verifier.verify(ISSUER.es256(claims("a").expirationTime(longExpired).build()))))
        .isEqualTo(TokenProblem.EXPIRED);
    assertThat(problem(verifier.verify(ISSUER.es256(claims("a").expirationTime(null).build()))))
        .isEqualTo(TokenProblem.EXPIRED);
    assertThat(
            problem(
                verifier.verify(
                    ISSUER.es256(
                        claims("a").notBeforeTime(Date.from(NOW.plusSeconds(61))).build()))))
        .isEqualTo(TokenProblem.NOT_YET_VALID);
    assertThat(
            chain(
                verifier.verify(
                    ISSUER.es256(
                        claims("a").notBeforeTime(Date.from(NOW.plusSeconds(59))).build()))))
        .isEqualTo(DelegationChain.of("a"));
    assertThat(
            problem(
                verifier.verify(
                    ISSUER.es256(claims("a").issueTime(Date.from(NOW.plusSeconds(120))).build()))))
        .isEqualTo(TokenProblem.NOT_YET_VALID);
    AccessTokenVerifier strict = create(ISSUER.config().clockSkew(Duration.ZERO).build());
    assertThat(
            problem(strict.verify(ISSUER.es256(claims("a").expirationTime(justExpired).build()))))
        .isEqualTo(TokenProblem.EXPIRED);
  }

  @Test
  void issuerAndAudience_mustMatch() {
    assertThat(
            problem(
                verifier.verify(ISSUER.es256(claims("a").issuer("https://evil.example").build()))))
        .isEqualTo(TokenProblem.WRONG_ISSUER);
    assertThat(problem(verifier.verify(ISSUER.es256(claims("a").issuer(null).build()))))
        .isEqualTo(TokenProblem.WRONG_ISSUER);
    assertThat(
            problem(
                verifier.verify(
                    ISSUER.es256(claims("a").audience("https://other.example/mcp").build()))))
        .isEqualTo(TokenProblem.WRONG_AUDIENCE);
    assertThat(problem(verifier.verify(ISSUER.es256(claims("a").audience((String) null).build()))))
        .isEqualTo(TokenProblem.WRONG_AUDIENCE);
    assertThat(
            chain(
                verifier.verify(
                    ISSUER.es256(
                        claims("a").audience(List.of("https://other.example", AUDIENCE)).build()))))
        .isEqualTo(DelegationChain.of("a"));
  }

  @Test
  void signature_unknownKeyTamperedOtherKeyNoneAndHmac_areRefused() throws Exception {
    JWTClaimsSet c = claims("alice").build();
    assertThat(problem(verifier.verify(ISSUER.sign(JWSAlgorithm.ES256, "ec-2", null, c))))
        .isEqualTo(TokenProblem.UNKNOWN_KEY);
    assertThat(problem(verifier.verify(OTHER.es256(c)))).isEqualTo(TokenProblem.BAD_SIGNATURE);

    String[] parts = ISSUER.es256(c).split("\\.");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims("root")
                    .build()
                    .toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(problem(verifier.verify(parts[0] + "." + forged + "." + parts[2])))
        .isEqualTo(TokenProblem.BAD_SIGNATURE);
    char last = parts[2].charAt(10);
    String flipped = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
    assertThat(problem(verifier.verify(parts[0] + "." + parts[1] + "." + flipped)))
        .isEqualTo(TokenProblem.BAD_SIGNATURE);

    assertThat(problem(verifier.verify(new PlainJWT(c).serialize())))
        .isEqualTo(TokenProblem.UNSUPPORTED_ALGORITHM);
    String noneHeader =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"alg\":\"none\",\"kid\":\"ec-1\"}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(problem(verifier.verify(noneHeader + "." + parts[1] + "." + parts[2])))
        .isIn(TokenProblem.UNSUPPORTED_ALGORITHM, TokenProblem.MALFORMED);

    // alg confusion: HS256 keyed with the RSA public key's bytes; HMAC is not accepted by default.
    SignedJWT hs =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), c);
    hs.sign(new MACSigner(ISSUER.rsa.toPublicJWK().toRSAPublicKey().getEncoded()));
    assertThat(problem(verifier.verify(hs.serialize())))
        .isEqualTo(TokenProblem.UNSUPPORTED_ALGORITHM);

    assertThat(problem(verifier.verify("not a token"))).isEqualTo(TokenProblem.MALFORMED);
    assertThat(problem(verifier.verify("a.b.c"))).isEqualTo(TokenProblem.MALFORMED);
  }

  @Test
  void hmac_acceptedOnlyWhenListed_withASymmetricKey() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hs-1").generate();
    AccessTokenVerifier v =
        create(
            AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE)
                .jwkSet(new JWKSet(secret))
                .algorithms("HS256")
                .clock(TestIssuer.CLOCK)
                .build());
    SignedJWT hs =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("hs-1").build(),
            claims("alice").build());
    hs.sign(new MACSigner(secret));

    assertThat(chain(v.verify(hs.serialize()))).isEqualTo(DelegationChain.of("alice"));
    assertThat(problem(v.verify(ISSUER.es256(claims("alice").build()))))
        .isEqualTo(TokenProblem.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void chainClaims_malformed_areRefusedBeforeAnyPolicy() {
    AccessTokenVerifier shallow = create(ISSUER.config().maxDepth(2).build());
    assertThat(chain(shallow.verify(ISSUER.es256(claims("a").claim("act", act("b", "c")).build()))))
        .isEqualTo(DelegationChain.of("a").then("b").then("c"));
    assertThat(
            problem(
                shallow.verify(ISSUER.es256(claims("a").claim("act", act("b", "c", "d")).build()))))
        .isEqualTo(TokenProblem.TOO_DEEP);
    assertThat(problem(verifier.verify(ISSUER.es256(claims("a").claim("act", "bot").build()))))
        .isEqualTo(TokenProblem.BAD_CHAIN);
    assertThat(
            problem(
                verifier.verify(
                    ISSUER.es256(claims("a").claim("act", Map.of("iss", "x")).build()))))
        .isEqualTo(TokenProblem.BAD_CHAIN);
    assertThat(
            problem(
                verifier.verify(ISSUER.es256(claims("a").claim("act", Map.of("sub", 7)).build()))))
        .isEqualTo(TokenProblem.BAD_CHAIN);
    assertThat(problem(verifier.verify(ISSUER.es256(claims("al ice").build()))))
        .isEqualTo(TokenProblem.BAD_CHAIN);
    assertThat(problem(verifier.verify(ISSUER.es256(claims(null).build()))))
        .isEqualTo(TokenProblem.BAD_CHAIN);
    assertThat(
            problem(verifier.verify(ISSUER.es256(claims("a").claim("act", act("b=x/y")).build()))))
        .isEqualTo(TokenProblem.BAD_CHAIN); // the current actor's scope is the top-level claim
    assertThat(problem(verifier.verify(ISSUER.es256(claims("a").claim("scope", "openid").build()))))
        .isEqualTo(TokenProblem.BAD_SCOPE);
    assertThat(problem(verifier.verify(ISSUER.es256(claims("a").claim("scope", "  ").build()))))
        .isEqualTo(TokenProblem.BAD_SCOPE);
    assertThat(problem(verifier.verify(ISSUER.es256(claims("a").claim("scope", "a/**").build()))))
        .isEqualTo(TokenProblem.BAD_SCOPE);
    assertThat(problem(verifier.verify(ISSUER.es256(claims("a").claim("scope", 3).build()))))
        .isEqualTo(TokenProblem.BAD_SCOPE);
    assertThat(
            problem(
                verifier.verify(
                    ISSUER.es256(claims("a").claim("act", act("b=nope", "c")).build()))))
        .isEqualTo(TokenProblem.BAD_SCOPE);
  }

  @Test
  void config_refusesNoneUnknownAlgorithmsPlainHttpAndAmbiguousKeys() {
    assertThatThrownBy(() -> ISSUER.config().algorithms("none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none");
    assertThatThrownBy(() -> ISSUER.config().algorithms("XS999"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ISSUER.config().algorithms())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ISSUER.config().clockSkew(Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ISSUER.config().maxDepth(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ISSUER.config().claimNames("sub", "sub", "scope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessTokenConfig.builder(" ", AUDIENCE))
        .isInstanceOf(IllegalArgumentException.class);
    AccessTokenConfig.Builder url = AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE);
    assertThatThrownBy(() -> url.jwkSetUri(URI.create("http://keys.example/jwks")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(
            () ->
                AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE)
                    .allowHttpOnLoopback()
                    .jwkSetUri(URI.create("http://keys.example/jwks"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE)
                .allowHttpOnLoopback()
                .jwkSetUri(URI.create("http://127.0.0.1:8080/jwks"))
                .build()
                .issuer())
        .isEqualTo(TestIssuer.ISSUER);
    assertThat(
            AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE)
                .jwkSetUri(URI.create("https://keys.example/jwks"))
                .build()
                .algorithms())
        .containsExactlyInAnyOrder("ES256", "RS256", "EdDSA");
    assertThatThrownBy(() -> AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ISSUER.config().jwkSetFile(Path.of("k.json")).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE)
                    .algorithms("HS256")
                    .jwkSetUri(URI.create("https://keys.example/jwks"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HMAC");
  }

  @Test
  void jwkSetFile_isReadOnce_publicPartsOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(
        file, new JWKSet(List.of(ISSUER.ec, ISSUER.ed)).toString(false)); // private too
    AccessTokenVerifier v =
        create(
            AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE)
                .jwkSetFile(file)
                .clock(TestIssuer.CLOCK)
                .build());
    Files.delete(file);

    assertThat(chain(v.verify(ISSUER.eddsa(claims("alice").build()))))
        .isEqualTo(DelegationChain.of("alice"));
    assertThat(problem(v.verify(ISSUER.rs256(claims("alice").build()))))
        .isEqualTo(TokenProblem.UNKNOWN_KEY);
    Files.writeString(file, "{\"keys\":[]}");
    assertThatThrownBy(
            () ->
                AccessTokenVerifier.create(
                    AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE)
                        .jwkSetFile(file)
                        .build()))
        .isInstanceOf(IllegalArgumentException.class);
    Files.writeString(file, "not json");
    assertThatThrownBy(
            () ->
                AccessTokenVerifier.create(
                    AccessTokenConfig.builder(TestIssuer.ISSUER, AUDIENCE)
                        .jwkSetFile(file)
                        .build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static AccessTokenVerifier create(AccessTokenConfig config) {
    try {
      return AccessTokenVerifier.create(config);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
