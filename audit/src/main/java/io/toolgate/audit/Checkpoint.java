package io.toolgate.audit;

import io.toolgate.internal.Digests;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A signed statement of a log's size and Merkle root, in the C2SP {@code tlog-checkpoint} format:
 * the note body is three lines, the origin (the log's name), the tree size in decimal and the root
 * hash in base64, and the signed note (C2SP {@code signed-note}) adds an empty line and one
 * signature line {@code — NAME BASE64} per signer, where BASE64 encodes the 4-byte key id (SHA-256
 * of NAME, a newline, the byte 0x01 and the 32-byte Ed25519 public key, cut to 4 bytes) followed by
 * the Ed25519 signature of the body. The key name is the origin. The checkpoint a log writes when
 * it is closed has one extension line, {@value #CLOSED}: nothing may follow it.
 *
 * @param origin the log's name: no spaces, no plus signs, not empty
 * @param size how many entries the tree holds
 * @param root the tree's root hash in standard base64
 * @param closed whether the log ends with this checkpoint
 */
public record Checkpoint(String origin, long size, String root, boolean closed) {
  /** The extension line of the checkpoint that closes a log. */
  public static final String CLOSED = "closed";

  private static final Pattern ORIGIN = Pattern.compile("[\\x21-\\x7e&&[^+]]+");
  private static final String DASH = "\u2014 ";

  /** Validates. */
  public Checkpoint {
    if (origin == null || !ORIGIN.matcher(origin).matches()) {
      throw new IllegalArgumentException(
          "a checkpoint origin is printable ASCII without spaces or '+', was '" + origin + "'");
    }
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is not negative, was " + size);
    }
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(root);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("the root is not base64: '" + root + "'", e);
    }
    if (hash.length != MerkleTree.HASH_BYTES
        || !Base64.getEncoder().encodeToString(hash).equals(root)) {
      throw new IllegalArgumentException("the root is not a base64 SHA-256 hash: '" + root + "'");
    }
  }

  /** A checkpoint of a log that goes on. */
  public Checkpoint(String origin, long size, String root) {
    this(origin, size, root, false);
  }

  /** A checkpoint of a tree of {@code size} leaves with this root hash. */
  public static Checkpoint of(String origin, long size, byte[] root, boolean closed) {
    return new Checkpoint(origin, size, Base64.getEncoder().encodeToString(root), closed);
  }

  /** The root hash's bytes. */
  public byte[] rootHash() {
    return Base64.getDecoder().decode(root);
  }

  /** The note body: origin, size and root, each on its own line, then {@value #CLOSED} if so. */
  public String body() {
    return origin + "\n" + size + "\n" + root + "\n" + (closed ? CLOSED + "\n" : "");
  }

  /**
   * The signed note: the body, an empty line and the signature line, signed by {@code key} under
   * the key name {@link #origin()}.
   *
   * @throws IllegalArgumentException if the key is not an Ed25519 private key
   */
  public String sign(PrivateKey key) {
    return sign(key, Ed25519Keys.publicKeyOf(key));
  }

  /** As {@link #sign(PrivateKey)}, with the key's public half already known. */
  String sign(PrivateKey key, PublicKey publicKey) {
    byte[] body = body().getBytes(StandardCharsets.UTF_8);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(body);
      byte[] signature = s.sign();
      byte[] tagged = new byte[4 + signature.length];
      System.arraycopy(keyId(origin, publicKey), 0, tagged, 0, 4);
      System.arraycopy(signature, 0, tagged, 4, signature.length);
      return body()
          + "\n"
          + DASH
          + origin
          + " "
          + Base64.getEncoder().encodeToString(tagged)
          + "\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the body of a signed note (or of a bare body) without checking any signature.
   *
   * @throws IllegalArgumentException if the text is not a checkpoint
   */
  public static Checkpoint parse(String note) {
    String body = bodyOf(note);
    String[] lines = body.split("\n", -1);
    if (lines.length < 4) {
      throw new IllegalArgumentException(
          "a checkpoint has an origin line, a size line and a root line");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the tree size is not a number: '" + lines[1] + "'", e);
    }
    if (!lines[1].equals(Long.toString(size))) {
      throw new IllegalArgumentException("the tree size is not in decimal: '" + lines[1] + "'");
    }
    List<String> extensions = Arrays.asList(lines).subList(3, lines.length - 1);
    if (!extensions.isEmpty() && !extensions.equals(List.of(CLOSED))) {
      throw new IllegalArgumentException(
          "unknown checkpoint extension lines " + extensions + "; only '" + CLOSED + "' is known");
    }
    return new Checkpoint(lines[0], size, lines[2], !extensions.isEmpty());
  }

  /**
   * Whether {@code note} is a signed note whose body is this checkpoint's and which carries a
   * signature by {@code key} under the name {@link #origin()}. False for anything malformed, never
   * an exception.
   */
  public boolean verify(String note, PublicKey key) {
    try {
      if (!bodyOf(note).equals(body())) {
        return false;
      }
      String signatures = note.substring(body().length() + 1);
      byte[] id = keyId(origin, key);
      for (String line : signatures.split("\n")) {
        if (!line.startsWith(DASH + origin + " ")) {
          continue;
        }
        byte[] tagged =
            Base64.getDecoder().decode(line.substring(DASH.length() + origin.length() + 1));
        if (tagged.length != 4 + 64 || !MessageDigest.isEqual(Arrays.copyOf(tagged, 4), id)) {
          continue;
        }
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(body().getBytes(StandardCharsets.UTF_8));
        if (s.verify(Arrays.copyOfRange(tagged, 4, tagged.length))) {
          return true;
        }
      }
      return false;
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  /** The body of a note: everything up to the first empty line (all of it when it has none). */
  private static String bodyOf(String note) {
    int blank = note.indexOf("\n\n");
    return blank < 0 ? note : note.substring(0, blank + 1);
  }

  /** The C2SP signed-note key id of an Ed25519 key: 4 bytes of SHA-256(name, \n, 0x01, key). */
  static byte[] keyId(String name, PublicKey key) {
    MessageDigest sha = Digests.sha256();
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    sha.update((byte) 1);
    sha.update(Ed25519Keys.raw(key));
    return Arrays.copyOf(sha.digest(), 4);
  }
}
