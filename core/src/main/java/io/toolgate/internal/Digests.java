package io.toolgate.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest of the project: pins, policy versions, document versions, role
 * fingerprints.
 */
public final class Digests {
  private Digests() {}

  /** A fresh SHA-256 digester, for content streamed in parts. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text}, in lowercase hex. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The first 16 hex digits of the SHA-256 of the UTF-8 bytes of {@code text}: the policy version
   * form.
   */
  public static String sha256Hex16(String text) {
    return sha256Hex(text).substring(0, 16);
  }
}
