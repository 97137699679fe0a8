package io.toolgate.mcp.oauth;

/**
 * Why a bearer access token was refused. Every problem but {@link #KEYS_UNAVAILABLE} is the
 * token's: the client gets HTTP 401 with {@code error="invalid_token"} and must obtain another
 * token. {@link #KEYS_UNAVAILABLE} is this server's: the issuer's keys could not be fetched, and
 * the client gets HTTP 503.
 */
public enum TokenProblem {
  /** Not a compact JWS, not JSON, or a claim of the wrong type. */
  MALFORMED,
  /** Unsigned ({@code alg: none}), encrypted, or signed with an algorithm not accepted here. */
  UNSUPPORTED_ALGORITHM,
  /** A {@code typ} header other than {@code JWT} or {@code at+jwt}. */
  WRONG_TYPE,
  /** No key of the issuer's JWK set matches the token's key id and algorithm. */
  UNKNOWN_KEY,
  /** The signature does not verify. */
  BAD_SIGNATURE,
  /** {@code iss} is not the configured issuer. */
  WRONG_ISSUER,
  /** {@code aud} does not name this server's resource identifier. */
  WRONG_AUDIENCE,
  /** No {@code exp}, or it passed (beyond the clock skew). */
  EXPIRED,
  /** {@code nbf} or {@code iat} lies in the future (beyond the clock skew). */
  NOT_YET_VALID,
  /** The subject or an actor is missing or not a valid principal id, or an actor is malformed. */
  BAD_CHAIN,
  /** More nested actors than the configured bound. */
  TOO_DEEP,
  /** A scope value is neither a tool pattern nor an ignored scope, or no tool pattern is left. */
  BAD_SCOPE,
  /** The issuer's JWK set could not be read (a server-side outage, not the token's fault). */
  KEYS_UNAVAILABLE
}
