package io.toolgate.mcp.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What an MCP server accepts as an OAuth 2.1 bearer access token: the issuer, the audience (the
 * server's resource identifier, RFC 8707), where the issuer's signing keys are (a JWK set file, an
 * HTTPS URL, or a set given in code), the accepted signature algorithms, the clock skew bound, how
 * deep an RFC 8693 {@code act} nesting may go, and the names of the claims read. Immutable and
 * validated when built; {@link AccessTokenVerifier#create} turns it into a verifier.
 *
 * <p>Defaults: algorithms ES256, RS256 and EdDSA (never {@code none}; HMAC only when listed
 * explicitly), a clock skew of 60 seconds, at most 4 nested actors, claims {@code sub}, {@code act}
 * and {@code scope}, no ignored scope values, the system clock, and HTTPS required for a JWK set
 * URL.
 */
public final class AccessTokenConfig {
  /** The default accepted algorithms. */
  public static final Set<String> DEFAULT_ALGORITHMS = Set.of("ES256", "RS256", "EdDSA");

  /** The default clock skew bound. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** The largest clock skew a configuration may allow. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** The default bound on nested actors ({@code act} claims). */
  public static final int DEFAULT_MAX_DEPTH = 4;

  /** The largest bound on nested actors a configuration may set. */
  public static final int MAX_DEPTH = 16;

  private static final Set<JWSAlgorithm> SIGNATURE_ALGORITHMS =
      union(JWSAlgorithm.Family.EC, JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.ED);

  private final String issuer;
  private final String audience;
  private final Path jwkSetFile;
  private final URI jwkSetUri;
  private final JWKSet jwkSet;
  private final Set<JWSAlgorithm> algorithms;
  private final Duration clockSkew;
  private final int maxDepth;
  private final String subjectClaim;
  private final String actorClaim;
  private final String scopeClaim;
  private final Set<String> ignoredScopes;
  private final InstantSource clock;

  private AccessTokenConfig(Builder b) {
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.jwkSetFile = b.jwkSetFile;
    this.jwkSetUri = b.jwkSetUri;
    this.jwkSet = b.jwkSet;
    this.algorithms = Set.copyOf(b.algorithms);
    this.clockSkew = b.clockSkew;
    this.maxDepth = b.maxDepth;
    this.subjectClaim = b.subjectClaim;
    this.actorClaim = b.actorClaim;
    this.scopeClaim = b.scopeClaim;
    this.ignoredScopes = Set.copyOf(b.ignoredScopes);
    this.clock = b.clock;
  }

  /**
   * Starts a configuration for tokens issued by {@code issuer} (compared exactly with the {@code
   * iss} claim) for {@code audience}, this server's resource identifier (one of the {@code aud}
   * values must equal it).
   *
   * @throws IllegalArgumentException if either is blank
   */
  public static Builder builder(String issuer, String audience) {
    return new Builder(issuer, audience);
  }

  /** The expected {@code iss}. */
  public String issuer() {
    return issuer;
  }

  /** The expected audience: this server's resource identifier. */
  public String audience() {
    return audience;
  }

  /** The accepted {@code alg} header values. */
  public Set<String> algorithms() {
    Set<String> names = new LinkedHashSet<>();
    algorithms.forEach(a -> names.add(a.getName()));
    return Set.copyOf(names);
  }

  /** How far the token's times may be off this server's clock. */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** How many nested actors ({@code act} claims) a token may carry. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The claim naming the origin of the chain (default {@code sub}). */
  public String subjectClaim() {
    return subjectClaim;
  }

  /** The claim holding the current actor (default {@code act}); also the nesting member. */
  public String actorClaim() {
    return actorClaim;
  }

  /** The claim holding the granted tool patterns (default {@code scope}). */
  public String scopeClaim() {
    return scopeClaim;
  }

  /** Scope values that are not tool patterns and are dropped (such as {@code openid}). */
  public Set<String> ignoredScopes() {
    return ignoredScopes;
  }

  /** The clock tokens are checked against. */
  public InstantSource clock() {
    return clock;
  }

  Set<JWSAlgorithm> jwsAlgorithms() {
    return algorithms;
  }

  Path jwkSetFile() {
    return jwkSetFile;
  }

  URI jwkSetUri() {
    return jwkSetUri;
  }

  JWKSet jwkSet() {
    return jwkSet;
  }

  @Override
  public String toString() {
    Object keys = jwkSetFile != null ? jwkSetFile : jwkSetUri != null ? jwkSetUri : "in-memory";
    return "AccessTokenConfig{issuer="
        + issuer
        + ", audience="
        + audience
        + ", keys="
        + keys
        + ", algorithms="
        + algorithms()
        + ", clockSkew="
        + clockSkew
        + ", maxDepth="
        + maxDepth
        + "}";
  }

  @SafeVarargs
  private static Set<JWSAlgorithm> union(Set<JWSAlgorithm>... sets) {
    Set<JWSAlgorithm> all = new LinkedHashSet<>();
    for (Set<JWSAlgorithm> s : sets) {
      all.addAll(s);
    }
    return Set.copyOf(all);
  }

  /** Builds an {@link AccessTokenConfig}; every setter validates its value at once. */
  public static final class Builder {
    private final String issuer;
    private final String audience;
    private Path jwkSetFile;
    private URI jwkSetUri;
    private JWKSet jwkSet;
    private boolean httpOnLoopback;
    private final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private String subjectClaim = "sub";
    private String actorClaim = "act";
    private String scopeClaim = "scope";
    private final Set<String> ignoredScopes = new LinkedHashSet<>();
    private InstantSource clock = InstantSource.system();

    private Builder(String issuer, String audience) {
      this.issuer = nonBlank(issuer, "issuer");
      this.audience = nonBlank(audience, "audience");
      DEFAULT_ALGORITHMS.forEach(a -> algorithms.add(JWSAlgorithm.parse(a)));
    }

    /**
     * The issuer's public keys are in this JWK set file, read once when the verifier is created.
     * Private key members in the file are ignored.
     */
    public Builder jwkSetFile(Path file) {
      this.jwkSetFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * The issuer's public keys are published at this {@code https} URL ({@code jwks_uri}): fetched
     * on first use, cached (5 minutes, refreshed ahead of expiry), refetched at most twice in 30
     * seconds when a token names a key id the cache does not hold (key rotation), and the last good
     * set kept through an outage of the URL.
     *
     * <p>{@link #build()} refuses a URL that is not absolute {@code https} (or {@code http} to a
     * loopback address, after {@link #allowHttpOnLoopback()}).
     */
    public Builder jwkSetUri(URI uri) {
      this.jwkSetUri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * Allows a JWK set URL over plain {@code http} when its host is a loopback address (a test's
     * own key server). Never for a remote host.
     */
    public Builder allowHttpOnLoopback() {
      this.httpOnLoopback = true;
      return this;
    }

    /** The issuer's public keys, given in code (only their public parts are used). */
    public Builder jwkSet(JWKSet keys) {
      this.jwkSet = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Replaces the accepted {@code alg} values. Asymmetric algorithms (ES*, RS*, PS*, EdDSA,
     * Ed25519) and, when listed here on purpose, HMAC (HS256, HS384, HS512) with a symmetric key in
     * the JWK set.
     *
     * @throws IllegalArgumentException if none is given, one is {@code none} or unknown
     */
    public Builder algorithms(String... names) {
      if (names.length == 0) {
        throw new IllegalArgumentException("at least one algorithm must be accepted");
      }
      List<JWSAlgorithm> parsed = new ArrayList<>();
      for (String n : names) {
        Objects.requireNonNull(n, "algorithm");
        if (n.equalsIgnoreCase("none")) {
          throw new IllegalArgumentException("alg 'none' is never accepted: tokens must be signed");
        }
        JWSAlgorithm a = JWSAlgorithm.parse(n);
        if (!SIGNATURE_ALGORITHMS.contains(a) && !JWSAlgorithm.Family.HMAC_SHA.contains(a)) {
          throw new IllegalArgumentException("unknown JWS algorithm '" + n + "'");
        }
        parsed.add(a);
      }
      algorithms.clear();
      algorithms.addAll(parsed);
      return this;
    }

    /**
     * How far a token's {@code exp}, {@code nbf} and {@code iat} may be off this server's clock.
     *
     * @throws IllegalArgumentException if negative or above {@link #MAX_CLOCK_SKEW}
     */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new IllegalArgumentException(
            "clock skew must be between 0 and " + MAX_CLOCK_SKEW + ", was " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /**
     * How many nested actors a token may carry (0: no {@code act} claim at all). A token with more
     * is refused as invalid before any policy sees it.
     *
     * @throws IllegalArgumentException if negative or above {@link #MAX_DEPTH}
     */
    public Builder maxDepth(int depth) {
      if (depth < 0 || depth > MAX_DEPTH) {
        throw new IllegalArgumentException(
            "max depth must be between 0 and " + MAX_DEPTH + ", was " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /**
     * The names of the claims read: the origin's id (default {@code sub}, also read inside each
     * actor object), the actor (default {@code act}, also the nesting member inside an actor) and
     * the granted tool patterns (default {@code scope}, also read inside an actor object).
     *
     * @throws IllegalArgumentException if a name is blank or two are equal
     */
    public Builder claimNames(String subject, String actor, String scope) {
      String s = nonBlank(subject, "subject claim");
      String a = nonBlank(actor, "actor claim");
      String sc = nonBlank(scope, "scope claim");
      if (Set.of(s, a, sc).size() != 3) {
        throw new IllegalArgumentException("claim names must differ: " + s + ", " + a + ", " + sc);
      }
      this.subjectClaim = s;
      this.actorClaim = a;
      this.scopeClaim = sc;
      return this;
    }

    /**
     * Scope values the authorization server adds that are not tool patterns ({@code openid}, {@code
     * offline_access}, {@code mcp:tools}): dropped before the rest become tool patterns. Any other
     * value that is not a tool pattern makes the token invalid.
     */
    public Builder ignoreScopes(String... values) {
      for (String v : values) {
        ignoredScopes.add(nonBlank(v, "ignored scope"));
      }
      return this;
    }

    /** The clock tokens are checked against (tests use a fixed one). */
    public Builder clock(InstantSource value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalStateException if not exactly one source of keys was given, or HMAC is
     *     accepted with keys from a URL
     * @throws IllegalArgumentException if the JWK set URL is not https (nor allowed http to a
     *     loopback address)
     */
    public AccessTokenConfig build() {
      int sources =
          (jwkSetFile == null ? 0 : 1) + (jwkSetUri == null ? 0 : 1) + (jwkSet == null ? 0 : 1);
      if (sources != 1) {
        throw new IllegalStateException(
            "give exactly one source of keys (jwkSetFile, jwkSetUri or jwkSet), was " + sources);
      }
      if (jwkSetUri != null) {
        checkJwkSetUri(jwkSetUri, httpOnLoopback);
      }
      boolean hmac = algorithms.stream().anyMatch(JWSAlgorithm.Family.HMAC_SHA::contains);
      if (hmac && jwkSetUri != null) {
        throw new IllegalStateException(
            "HMAC keys are secrets: they are never fetched from a URL; use a file or a set in code");
      }
      return new AccessTokenConfig(this);
    }

    private static String nonBlank(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }

    static void checkJwkSetUri(URI uri, boolean httpOnLoopback) {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new IllegalArgumentException("a JWK set URL must be absolute with a host: " + uri);
      }
      if (scheme.equals("https")) {
        return;
      }
      if (scheme.equals("http") && httpOnLoopback && isLoopback(uri.getHost())) {
        return;
      }
      throw new IllegalArgumentException(
          "a JWK set URL must be https (plain http only to a loopback address, when allowed): "
              + uri);
    }

    private static boolean isLoopback(String host) {
      String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      if (h.equalsIgnoreCase("localhost")) {
        return true;
      }
      // Only literal addresses: a name is never resolved here.
      if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
        return false;
      }
      try {
        return InetAddress.getByName(h).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
  }
}
