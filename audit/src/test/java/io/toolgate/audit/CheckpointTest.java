package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Checkpoints: the C2SP tlog-checkpoint body and signed-note signature line. */
class CheckpointTest {
  static final String ROOT = "XcnaeacGWamtVZy3Ad7Zoqudgjqtr0lgz+Nw7/RgQyg=";

  static KeyPair keys() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  @Test
  void sign_anyCheckpoint_writesBodyBlankLineAndOneSignatureLine() throws Exception {
    KeyPair k = keys();
    Checkpoint c = new Checkpoint("example.com/audit", 8, ROOT);
    String note = c.sign(k.getPrivate());
    assertThat(note).startsWith("example.com/audit\n8\n" + ROOT + "\n\n\u2014 example.com/audit ");
    assertThat(note).endsWith("\n");
    String sig = note.substring(note.lastIndexOf(' ') + 1).strip();
    byte[] tagged = Base64.getDecoder().decode(sig);
    assertThat(tagged).hasSize(4 + 64);
    // The key id is C2SP's: SHA-256(name || "\n" || 0x01 || raw key), first 4 bytes.
    assertThat(java.util.Arrays.copyOf(tagged, 4))
        .isEqualTo(Checkpoint.keyId("example.com/audit", k.getPublic()));
    // The signature is plain Ed25519 over the body's bytes, as every signed-note verifier expects.
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(k.getPublic());
    v.update(c.body().getBytes(StandardCharsets.UTF_8));
    assertThat(v.verify(java.util.Arrays.copyOfRange(tagged, 4, tagged.length))).isTrue();
  }

  @Test
  void verify_rightKey_isTrue_otherKeyOrEditedBody_isFalse() throws Exception {
    KeyPair k = keys();
    Checkpoint c = new Checkpoint("toolgate-audit", 42, ROOT);
    String note = c.sign(k.getPrivate());
    assertThat(Checkpoint.parse(note)).isEqualTo(c);
    assertThat(c.verify(note, k.getPublic())).isTrue();
    assertThat(c.verify(note, keys().getPublic())).isFalse();
    String edited = note.replace("\n42\n", "\n43\n");
    assertThat(Checkpoint.parse(edited).verify(edited, k.getPublic())).isFalse();
    assertThat(c.verify(note.substring(0, note.length() - 5) + "AAAA\n", k.getPublic())).isFalse();
    assertThat(c.verify("garbage", k.getPublic())).isFalse();
  }

  @Test
  void publicKeyOf_privateKey_isItsOwnPublicKey() throws Exception {
    KeyPair k = keys();
    assertThat(Ed25519Keys.publicKeyOf(k.getPrivate()).getEncoded())
        .isEqualTo(k.getPublic().getEncoded());
  }

  @Test
  void parse_malformed_isRefusedWithTheReason() {
    assertThatThrownBy(() -> Checkpoint.parse("origin\nten\n" + ROOT + "\n"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> Checkpoint.parse("origin\n010\n" + ROOT + "\n"))
        .hasMessageContaining("not in decimal");
    assertThatThrownBy(() -> Checkpoint.parse("origin\n10\nAAAA\n"))
        .hasMessageContaining("not a base64 SHA-256");
    assertThatThrownBy(() -> Checkpoint.parse("two words\n10\n" + ROOT + "\n"))
        .hasMessageContaining("origin");
    assertThatThrownBy(() -> Checkpoint.parse("origin\n10\n")).hasMessageContaining("a root line");
  }
}
