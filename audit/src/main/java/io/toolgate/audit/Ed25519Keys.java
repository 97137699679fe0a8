package io.toolgate.audit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/** What the checkpoint signatures need of Ed25519 keys beyond the JDK's API. */
final class Ed25519Keys {
  /** The X.509 (SubjectPublicKeyInfo) encoding of an Ed25519 key is this prefix and 32 bytes. */
  private static final int X509_PREFIX = 12;

  private Ed25519Keys() {}

  /** The 32 raw bytes of an Ed25519 public key. */
  static byte[] raw(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (!"EdDSA".equals(key.getAlgorithm()) && !"Ed25519".equals(key.getAlgorithm())
        || encoded == null
        || encoded.length != X509_PREFIX + 32) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
    }
    return Arrays.copyOfRange(encoded, X509_PREFIX, encoded.length);
  }

  /**
   * The public half of an Ed25519 private key. The JDK has no call for it, but its key pair
   * generator draws exactly the 32-byte private seed from its random source (RFC 8032 section
   * 5.1.5): given a source that returns the seed, it derives the matching public key.
   */
  static PublicKey publicKeyOf(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey ed)
        || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())
        || ed.getBytes().isEmpty()) {
      throw new IllegalArgumentException("not an Ed25519 private key");
    }
    byte[] seed = ed.getBytes().get();
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, new Replay(seed));
      KeyPair pair = g.generateKeyPair();
      return pair.getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519 provider", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** A "random" source that returns one given seed: only for {@link #publicKeyOf}. */
  private static final class Replay extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    Replay(byte[] seed) {
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("expected a request for the 32-byte seed");
      }
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
