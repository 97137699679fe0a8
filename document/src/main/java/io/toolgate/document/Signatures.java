package io.toolgate.document;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signatures of policy documents, with the JDK's own provider. A signature covers the
 * SHA-256 digest of the document's exact bytes and is stored detached, as one line of base64, in a
 * file next to the document named like it plus {@code .sig}. Keys are PEM text (X.509 for public
 * keys, PKCS#8 for private keys).
 */
public final class Signatures {
  private static final String ALGORITHM = "Ed25519";

  private Signatures() {}

  /** A new Ed25519 key pair. */
  public static KeyPair generateKeyPair() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519 provider", e);
    }
  }

  /** Signs the SHA-256 digest of {@code document}; returns the signature as base64. */
  public static String sign(byte[] document, PrivateKey key) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(sha256(document));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** Whether {@code signatureBase64} is a valid signature of {@code document} by {@code key}. */
  public static boolean verify(byte[] document, String signatureBase64, PublicKey key) {
    try {
      byte[] signature = Base64.getDecoder().decode(signatureBase64.trim());
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(sha256(document));
      return s.verify(signature);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  /** The public key as PEM text. */
  public static String toPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /** The private key as PEM text (PKCS#8). */
  public static String toPem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /**
   * Reads a PEM public key.
   *
   * @throws IllegalArgumentException if the text is not an Ed25519 public key
   */
  public static PublicKey publicKey(String pem) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a PEM private key.
   *
   * @throws IllegalArgumentException if the text is not an Ed25519 PKCS#8 private key
   */
  public static PrivateKey privateKey(String pem) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] der(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "expected PEM text between '" + begin + "' and '" + end + "'");
    }
    return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
  }
}
