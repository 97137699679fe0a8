package io.toolgate.cli;

import io.toolgate.audit.AuditLogVerifier;
import io.toolgate.audit.AuditLogVerifier.SignedCheckpoint;
import io.toolgate.audit.AuditLogVerifier.Verification;
import io.toolgate.audit.ChainedAuditLog;
import io.toolgate.audit.Checkpoint;
import io.toolgate.audit.MerkleTree;
import io.toolgate.document.Signatures;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the {@code audit} commands do with a hash-chained audit log ({@link ChainedAuditLog}):
 * {@code verify}, {@code prove} and {@code consistency}, and what {@code check --audit-log} needs
 * to open one. Exit codes: 0 intact (proof verified), 1 tampered (or a proof that fails), 2
 * unusable input; a tampering finding goes to standard output, an input problem to standard error,
 * each as one line.
 */
final class AuditCli {
  static final int TAMPERED = 1;

  private final PrintStream out;
  private final PrintStream err;

  AuditCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** {@code audit verify FILE... --key PUBLIC.pem [--checkpoint TRUSTED]}. */
  int verify(List<Path> files, Path key, Path trusted) {
    PublicKey publicKey;
    AuditLogVerifier log;
    Checkpoint witness = null;
    try {
      publicKey = publicKey(key);
      if (trusted != null) {
        witness = trustedCheckpoint(trusted, publicKey);
        if (witness == null) {
          return TAMPERED;
        }
      }
      log = AuditLogVerifier.read(files);
    } catch (RuntimeException e) {
      err.println(problem(e));
      return PolicyCli.ERROR;
    }
    Verification v = log.verify(publicKey, witness);
    if (!v.intact()) {
      out.println(v.finding());
      return TAMPERED;
    }
    String what = v.entries() + " entries, " + v.checkpoints() + " checkpoints verified";
    if (v.closed()) {
      out.println("intact: " + what + "; closed by its writer");
    } else if (v.uncovered() > 0) {
      out.println(
          "intact: "
              + what
              + "; not closed: the last "
              + v.uncovered()
              + " decisions (from "
              + log.locate((int) (v.entries() - v.uncovered()))
              + ") follow the last checkpoint, so cutting them would not show");
    } else {
      out.println("intact: " + what + "; not closed (still written, or its writer stopped)");
    }
    return PolicyCli.OK;
  }

  /** {@code audit prove FILE... --line N --key PUBLIC.pem}: line N of the last FILE. */
  int prove(List<Path> files, int line, Path key) {
    PublicKey publicKey;
    AuditLogVerifier log;
    int index;
    try {
      publicKey = publicKey(key);
      log = AuditLogVerifier.read(files);
      index = log.indexOf(files.get(files.size() - 1), line);
    } catch (RuntimeException e) {
      err.println(problem(e));
      return PolicyCli.ERROR;
    }
    Verification v = log.verify(publicKey);
    if (!v.intact()) {
      out.println(v.finding());
      return TAMPERED;
    }
    List<SignedCheckpoint> checkpoints = log.checkpoints();
    SignedCheckpoint signed =
        checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    if (signed == null || signed.checkpoint().size() <= index) {
      err.println(
          log.locate(index)
              + ": entry "
              + index
              + " follows the last checkpoint: no signed root covers it yet");
      return PolicyCli.ERROR;
    }
    Checkpoint c = signed.checkpoint();
    MerkleTree tree = log.tree();
    List<byte[]> proof = tree.inclusionProof(index, (int) c.size());
    out.println("entry      " + index + " (" + log.locate(index) + ")");
    out.println("leaf hash  " + b64(tree.leaf(index)) + "  SHA-256(0x00 || line)");
    out.println(
        "checkpoint "
            + signed.file()
            + ":"
            + signed.line()
            + ": "
            + c.origin()
            + ", "
            + c.size()
            + " entries, root "
            + c.root());
    out.println("proof      " + proof.size() + " hashes, leaf to root (RFC 6962 PATH)");
    proof.forEach(h -> out.println("  " + b64(h)));
    if (!MerkleTree.verifyInclusion(index, c.size(), tree.leaf(index), proof, c.rootHash())) {
      out.println("FAILED: the proof does not lead to the signed root");
      return TAMPERED;
    }
    out.println(
        "verified: entry "
            + index
            + " is in the tree of "
            + c.size()
            + " entries signed by "
            + c.origin());
    return PolicyCli.OK;
  }

  /** {@code audit consistency OLD NEW --log FILE... --key PUBLIC.pem}. */
  int consistency(Path oldFile, Path newFile, List<Path> files, Path key) {
    PublicKey publicKey;
    Checkpoint older;
    Checkpoint newer;
    AuditLogVerifier log;
    try {
      publicKey = publicKey(key);
      older = trustedCheckpoint(oldFile, publicKey);
      newer = trustedCheckpoint(newFile, publicKey);
      if (older == null || newer == null) {
        return TAMPERED;
      }
      if (!older.origin().equals(newer.origin())) {
        throw new IllegalArgumentException(
            "the checkpoints are of two logs: '"
                + older.origin()
                + "' and '"
                + newer.origin()
                + "'");
      }
      if (older.size() > newer.size()) {
        throw new IllegalArgumentException(
            oldFile
                + " signs "
                + older.size()
                + " entries, more than "
                + newFile
                + " ("
                + newer.size()
                + ")");
      }
      log = AuditLogVerifier.read(files);
    } catch (RuntimeException e) {
      err.println(problem(e));
      return PolicyCli.ERROR;
    }
    if (log.size() < newer.size()) {
      out.println(
          "the log holds "
              + log.size()
              + " entries, fewer than the "
              + newer.size()
              + " "
              + newFile
              + " signs: it was cut");
      return TAMPERED;
    }
    MerkleTree tree = log.tree();
    List<byte[]> proof = tree.consistencyProof((int) older.size(), (int) newer.size());
    out.println(
        "old        " + older.size() + " entries, root " + older.root() + " (" + oldFile + ")");
    out.println(
        "new        " + newer.size() + " entries, root " + newer.root() + " (" + newFile + ")");
    out.println("proof      " + proof.size() + " hashes (RFC 6962 PROOF)");
    proof.forEach(h -> out.println("  " + b64(h)));
    if (!MerkleTree.verifyConsistency(
        older.size(), newer.size(), older.rootHash(), newer.rootHash(), proof)) {
      boolean oldMatches = java.util.Arrays.equals(tree.root((int) older.size()), older.rootHash());
      out.println(
          "NOT consistent: "
              + (oldMatches
                  ? "the log's first " + newer.size() + " entries do not have the new root"
                  : "the log's first "
                      + older.size()
                      + " entries were rewritten since the old checkpoint"));
      return TAMPERED;
    }
    out.println(
        "verified: the log of "
            + newer.size()
            + " entries extends the log of "
            + older.size()
            + " without rewriting it");
    return PolicyCli.OK;
  }

  /**
   * Opens a new chained log for {@code check --audit-log}; prints why it cannot and returns null.
   */
  ChainedAuditLog open(Path file, Path privateKey) {
    try {
      return ChainedAuditLog.builder(file, Signatures.privateKey(read(privateKey))).build();
    } catch (RuntimeException e) {
      err.println(problem(e));
      return null;
    }
  }

  /**
   * A checkpoint from a file holding its signed note, or one checkpoint line of a log; null (with
   * the finding printed) when its signature does not verify with the key.
   *
   * @throws IllegalArgumentException if the file holds neither
   */
  private Checkpoint trustedCheckpoint(Path file, PublicKey key) {
    String text = read(file);
    String note = text;
    if (text.stripLeading().startsWith("{")) {
      try {
        Map<?, ?> line = JsonMapper.builder().build().readValue(text, Map.class);
        if (!(line.get("checkpoint") instanceof String n)) {
          throw new IllegalArgumentException(file + ": a log line, but not a checkpoint line");
        }
        note = n;
      } catch (JacksonException e) {
        throw new IllegalArgumentException(file + ": not one JSON checkpoint line", e);
      }
    }
    Checkpoint c;
    try {
      c = Checkpoint.parse(note);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a checkpoint: " + e.getMessage(), e);
    }
    if (!c.verify(note, key)) {
      out.println(file + ": forged: the checkpoint's signature does not verify with the key");
      return null;
    }
    return c;
  }

  private static PublicKey publicKey(Path file) {
    try {
      return Signatures.publicKey(read(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + PolicyCli.ioReason(e), e);
    }
  }

  private static String problem(RuntimeException e) {
    if (e instanceof UncheckedIOException u
        && u.getCause() != null
        && !(e.getMessage().contains(": cannot read: "))) {
      return PolicyCli.oneLine(e) + ": " + PolicyCli.ioReason(u.getCause());
    }
    return PolicyCli.oneLine(e);
  }

  private static String b64(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }
}
