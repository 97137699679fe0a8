package io.toolgate.audit;

import io.toolgate.internal.CanonicalJson;
import io.toolgate.internal.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a log {@link ChainedAuditLog} wrote (its files, oldest first) and checks it: every line is
 * canonical JSON, carries the next sequence number and the SHA-256 of the line before it, and every
 * checkpoint is signed by the given key and signs the Merkle root of the entries before it. {@link
 * #verify} reports the first line that was edited, deleted, inserted, reordered or forged, and with
 * a trusted checkpoint kept elsewhere also a log cut short or rewritten before it. The lines'
 * Merkle tree ({@link #tree()}) gives inclusion and consistency proofs.
 *
 * <p>What it cannot see: entries after the last checkpoint may be cut or, the very last one, edited
 * without a trace unless a later checkpoint is kept elsewhere ({@link Verification#uncovered} says
 * how many there are); and whoever holds the private key can write a whole new log.
 *
 * <p>Immutable and thread-safe once read.
 */
public final class AuditLogVerifier {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** One line of the log as read, parsed when it could be. */
  private record Line(
      Path file,
      int number,
      byte[] bytes,
      @Nullable String problem,
      long seq,
      @Nullable String prev,
      @Nullable String note) {}

  /** A checkpoint line of the log: where it is, its note and what the note says. */
  public record SignedCheckpoint(
      Path file, int line, long seq, Checkpoint checkpoint, String note) {
    /** Validates. */
    public SignedCheckpoint {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(checkpoint, "checkpoint");
      Objects.requireNonNull(note, "note");
    }
  }

  /** How a log was found to be tampered with. */
  public enum Tamper {
    /** A line's bytes were changed (it is not canonical JSON, or its hash is not recorded). */
    EDITED,
    /** Entries are missing. */
    DELETED,
    /** A line appears that the writer did not write there. */
    INSERTED,
    /** Entries are out of order. */
    REORDERED,
    /** A checkpoint is not signed by the key, or signs other entries than the log holds. */
    FORGED,
    /** The log ends before a trusted checkpoint's size. */
    TRUNCATED
  }

  /**
   * The first sign of tampering: where (the file and its 1-based line) and what.
   *
   * @param file the file
   * @param line the line, 1-based (the line after the last, for a truncation)
   * @param kind what was done
   * @param message what was found, in words
   */
  public record Finding(Path file, int line, Tamper kind, String message) {
    /** Validates. */
    public Finding {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }

    /** {@code FILE:LINE: kind: message}. */
    @Override
    public String toString() {
      return file
          + ":"
          + line
          + ": "
          + kind.name().toLowerCase(java.util.Locale.ROOT)
          + ": "
          + message;
    }
  }

  /**
   * The outcome of {@link #verify}.
   *
   * @param finding the first sign of tampering, or null when the log is intact
   * @param entries how many entries (lines) the log holds
   * @param checkpoints how many checkpoints verified
   * @param uncovered how many entries follow the last checkpoint (no signature covers them)
   * @param closed whether the log ends with the checkpoint its writer wrote when closed (when not,
   *     it is still being written, or its writer stopped without closing it, or its end was cut)
   */
  public record Verification(
      @Nullable Finding finding, long entries, int checkpoints, long uncovered, boolean closed) {
    /** Whether no tampering was found. */
    public boolean intact() {
      return finding == null;
    }
  }

  private final List<Path> files;
  private final List<Line> lines;
  private final MerkleTree tree;

  private AuditLogVerifier(List<Path> files, List<Line> lines) {
    this.files = List.copyOf(files);
    this.lines = List.copyOf(lines);
    this.tree =
        MerkleTree.ofLeafHashes(lines.stream().map(l -> MerkleTree.leafHash(l.bytes())).toList());
  }

  /**
   * Reads the files of a log, oldest first.
   *
   * @throws IllegalArgumentException if no file is given
   * @throws UncheckedIOException if a file cannot be read
   */
  public static AuditLogVerifier read(List<Path> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no audit log files given");
    }
    List<Line> lines = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      int start = 0;
      int number = 1;
      while (start < bytes.length) {
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        byte[] line = Arrays.copyOfRange(bytes, start, end);
        lines.add(
            end == bytes.length ? unterminated(file, number, line) : parse(file, number, line));
        start = end + 1;
        number++;
      }
    }
    return new AuditLogVerifier(files, lines);
  }

  private static Line unterminated(Path file, int number, byte[] bytes) {
    return new Line(
        file, number, bytes, "the last line does not end: cut mid-line", -1, null, null);
  }

  private static Line parse(Path file, int number, byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return bad(file, number, bytes, "not UTF-8 text");
    }
    Map<?, ?> o;
    try {
      o = JSON.readValue(text, Map.class);
    } catch (JacksonException e) {
      return bad(file, number, bytes, "not a JSON object");
    }
    String canonical;
    try {
      canonical = o == null ? "" : CanonicalJson.write(o);
    } catch (IllegalArgumentException e) {
      canonical = "";
    }
    if (!canonical.equals(text)) {
      return bad(file, number, bytes, "not in canonical JSON form");
    }
    if (!(o.get("seq") instanceof Number n) || !isLong(n)) {
      return bad(file, number, bytes, "no sequence number");
    }
    if (!(o.get("prev") instanceof String prev) || !prev.matches("[0-9a-f]{64}")) {
      return bad(file, number, bytes, "no previous line's hash");
    }
    Object kind = o.get("kind");
    if ("checkpoint".equals(kind)) {
      if (!(o.get("checkpoint") instanceof String note)) {
        return bad(file, number, bytes, "a checkpoint line without its checkpoint");
      }
      return new Line(file, number, bytes, null, n.longValue(), prev, note);
    }
    if (!"decision".equals(kind)) {
      return bad(file, number, bytes, "neither a decision nor a checkpoint");
    }
    return new Line(file, number, bytes, null, n.longValue(), prev, null);
  }

  private static boolean isLong(Number n) {
    return n instanceof Integer || n instanceof Long;
  }

  private static Line bad(Path file, int number, byte[] bytes, String problem) {
    return new Line(file, number, bytes, problem, -1, null, null);
  }

  /** The files read, in order. */
  public List<Path> files() {
    return files;
  }

  /** The Merkle tree whose leaves are the lines read, in order. */
  public MerkleTree tree() {
    return tree;
  }

  /** How many lines (entries) were read. */
  public int size() {
    return lines.size();
  }

  /**
   * The entry number (0-based, the line's place in the whole log) of line {@code line} of {@code
   * file}.
   *
   * @throws IllegalArgumentException if the file was not read or has no such line
   */
  public int indexOf(Path file, int line) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).file().equals(file) && lines.get(i).number() == line) {
        return i;
      }
    }
    throw new IllegalArgumentException(file + " has no line " + line);
  }

  /** Where entry {@code index} is, as {@code FILE:LINE}. */
  public String locate(int index) {
    Line l = lines.get(index);
    return l.file() + ":" + l.number();
  }

  /** The text of entry {@code index} (as read; not necessarily UTF-8 if tampered with). */
  public String text(int index) {
    return new String(lines.get(index).bytes(), StandardCharsets.UTF_8);
  }

  /** The checkpoint lines that parse, in order; their signatures are not checked here. */
  public List<SignedCheckpoint> checkpoints() {
    List<SignedCheckpoint> out = new ArrayList<>();
    for (Line l : lines) {
      if (l.note() != null) {
        try {
          out.add(
              new SignedCheckpoint(
                  l.file(), l.number(), l.seq(), Checkpoint.parse(l.note()), l.note()));
        } catch (IllegalArgumentException e) {
          // not a checkpoint: verify reports it
        }
      }
    }
    return out;
  }

  /** Checks the log with the key its checkpoints are signed with. */
  public Verification verify(PublicKey key) {
    return verify(key, null);
  }

  /**
   * Checks the log with the key its checkpoints are signed with and, when given, a checkpoint
   * trusted to be this log's (kept elsewhere, its signature already checked): the log must hold at
   * least its entries, and its first {@code trusted.size()} entries must have its root.
   */
  public Verification verify(PublicKey key, @Nullable Checkpoint trusted) {
    Objects.requireNonNull(key, "key");
    String expectedPrev = ChainedAuditLog.NO_PREVIOUS;
    String origin = trusted == null ? null : trusted.origin();
    int checkpoints = 0;
    int lastCheckpoint = -1;
    boolean closed = false;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      if (closed) {
        return tampered(
            l,
            Tamper.INSERTED,
            "the log was closed by the checkpoint before this line: nothing follows it",
            checkpoints);
      }
      Finding f = chainFinding(i, expectedPrev);
      if (f != null) {
        return new Verification(f, lines.size(), checkpoints, 0, false);
      }
      if (l.note() != null) {
        Checkpoint c;
        try {
          c = Checkpoint.parse(l.note());
        } catch (IllegalArgumentException e) {
          return tampered(l, Tamper.EDITED, "not a checkpoint: " + e.getMessage(), checkpoints);
        }
        if (origin == null) {
          origin = c.origin();
        }
        if (!c.origin().equals(origin)) {
          return tampered(
              l,
              Tamper.FORGED,
              "a checkpoint of log '" + c.origin() + "', not '" + origin + "'",
              checkpoints);
        }
        if (!c.verify(l.note(), key)) {
          return tampered(
              l,
              Tamper.FORGED,
              "the checkpoint's signature does not verify with the key",
              checkpoints);
        }
        if (c.size() != i) {
          return tampered(
              l,
              Tamper.FORGED,
              "the checkpoint is entry " + i + " but signs a tree of " + c.size() + " entries",
              checkpoints);
        }
        if (!Arrays.equals(c.rootHash(), tree.root(i))) {
          Line from = lastCheckpoint < 0 ? lines.get(0) : lines.get(lastCheckpoint + 1);
          return new Verification(
              new Finding(
                  from.file(),
                  from.number(),
                  Tamper.FORGED,
                  "an entry from here to "
                      + l.file()
                      + ":"
                      + l.number()
                      + " was rewritten (its chain recomputed): the checkpoint there signs another"
                      + " root"),
              lines.size(),
              checkpoints,
              0,
              false);
        }
        checkpoints++;
        lastCheckpoint = i;
        closed = c.closed();
      }
      expectedPrev = HexFormat.of().formatHex(Digests.sha256().digest(l.bytes()));
    }
    long uncovered = 0;
    for (int i = lastCheckpoint + 1; i < lines.size(); i++) {
      uncovered += lines.get(i).note() == null ? 1 : 0;
    }
    if (trusted != null) {
      Path lastFile = files.get(files.size() - 1);
      int after = lines.isEmpty() ? 1 : lines.get(lines.size() - 1).number() + 1;
      // The writer puts every checkpoint it signs into the log as entry number size: a log
      // that lacks that entry was cut, even if only the checkpoint line itself is gone.
      if (trusted.size() >= lines.size()) {
        return new Verification(
            new Finding(
                lastFile,
                after,
                Tamper.TRUNCATED,
                "the trusted checkpoint signs "
                    + trusted.size()
                    + " entries and is entry "
                    + trusted.size()
                    + " itself; the log ends after "
                    + lines.size()
                    + " entries"),
            lines.size(),
            checkpoints,
            uncovered,
            false);
      }
      Line own = lines.get((int) trusted.size());
      if (!Arrays.equals(trusted.rootHash(), tree.root((int) trusted.size()))
          || own.note() == null
          || !Checkpoint.parse(own.note()).equals(trusted)) {
        return new Verification(
            new Finding(
                files.get(0),
                1,
                Tamper.FORGED,
                "the log's first "
                    + trusted.size()
                    + " entries, or its entry "
                    + trusted.size()
                    + ", are not the ones the trusted checkpoint signs and is"),
            lines.size(),
            checkpoints,
            uncovered,
            false);
      }
    }
    return new Verification(null, lines.size(), checkpoints, uncovered, closed);
  }

  /** What is wrong with line {@code i}'s place in the chain, or null. */
  private @Nullable Finding chainFinding(int i, String expectedPrev) {
    Line l = lines.get(i);
    if (l.problem() != null) {
      return new Finding(l.file(), l.number(), Tamper.EDITED, l.problem());
    }
    if (l.seq() > i) {
      for (int j = i + 1; j < lines.size(); j++) {
        if (lines.get(j).seq() == i) {
          return new Finding(
              l.file(),
              l.number(),
              Tamper.REORDERED,
              "entry " + l.seq() + " comes before entry " + i + " (" + locate(j) + ")");
        }
      }
      return new Finding(
          l.file(),
          l.number(),
          Tamper.DELETED,
          (l.seq() - i == 1
                  ? "entry " + i + " is"
                  : "entries " + i + " to " + (l.seq() - 1) + " are")
              + " missing before this line");
    }
    if (l.seq() < i) {
      return new Finding(
          l.file(),
          l.number(),
          Tamper.INSERTED,
          "entry "
              + l.seq()
              + " again, where entry "
              + i
              + " belongs: a line was inserted before it");
    }
    if (!l.prev().equals(expectedPrev)) {
      if (i == 0) {
        return new Finding(
            l.file(), l.number(), Tamper.EDITED, "the first entry must record no previous line");
      }
      Line before = lines.get(i - 1);
      return new Finding(
          before.file(),
          before.number(),
          Tamper.EDITED,
          "its hash is not the one the next line records (one of the two was changed, or a line"
              + " inserted)");
    }
    return null;
  }

  private Verification tampered(Line l, Tamper kind, String message, int checkpoints) {
    return new Verification(
        new Finding(l.file(), l.number(), kind, message), lines.size(), checkpoints, 0, false);
  }
}
