package io.toolgate.audit;

import static io.toolgate.audit.AuditLogs.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.audit.AuditLogVerifier.Tamper;
import io.toolgate.audit.AuditLogVerifier.Verification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * A chained log that was written and closed, then changed in one way: one byte anywhere replaced by
 * another value, one line deleted, two lines swapped, or one line inserted (a copy of another line,
 * or a decision forged with the right sequence number and previous hash). The verifier, given the
 * key and the last checkpoint as kept elsewhere, always finds it; the untouched log always
 * verifies.
 */
@StatisticsReport(onFailureOnly = true)
class AuditLogTamperPropertiesTest {
  enum Mutation {
    BYTE_EDIT,
    DELETE_LINE,
    SWAP_LINES,
    INSERT_COPY,
    INSERT_FORGED
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Arbitraries.of(Mutation.class);
  }

  /** Writes a log of {@code decisions} decisions, a checkpoint every {@code every}. */
  static Path write(Path dir, int decisions, int every) {
    Path file = dir.resolve("audit.jsonl");
    try (ChainedAuditLog log =
        ChainedAuditLog.builder(file, KEYS.getPrivate())
            .checkpointEvery(every, Duration.ofHours(1))
            .build()) {
      for (int i = 0; i < decisions; i++) {
        log.onDecision(AuditLogs.event(i));
      }
    }
    return file;
  }

  static List<byte[]> lines(byte[] file) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < file.length; i++) {
      if (file[i] == '\n') {
        out.add(Arrays.copyOfRange(file, start, i));
        start = i + 1;
      }
    }
    return out;
  }

  static byte[] join(List<byte[]> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] l : lines) {
      out.writeBytes(l);
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** A decision line with the right place in the chain, made up by someone without the key. */
  static byte[] forged(List<byte[]> lines, int at) {
    String prev =
        at == 0
            ? ChainedAuditLog.NO_PREVIOUS
            : io.toolgate.internal.Digests.sha256Hex(
                new String(lines.get(at - 1), StandardCharsets.UTF_8));
    String made =
        "{\"chain\":[\"mallory\"],\"effect\":\"ALLOW\",\"kind\":\"decision\",\"policyVersion\":\"x\","
            + "\"prev\":\""
            + prev
            + "\",\"reason\":\"PERMITTED\",\"resource\":\"\",\"rules\":[],\"seq\":"
            + at
            + ",\"time\":\"2026-11-22T10:00:00Z\",\"tool\":\"github/delete_repo\"}";
    return made.getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 250)
  void verify_anySingleMutation_isDetected(
      @ForAll @IntRange(min = 1, max = 25) int decisions,
      @ForAll @IntRange(min = 1, max = 8) int every,
      @ForAll("mutations") Mutation mutation,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int where,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int other,
      @ForAll @IntRange(min = 1, max = 255) int delta)
      throws IOException {
    Path dir = AuditLogs.tempDir();
    try {
      Path file = write(dir, decisions, every);
      byte[] bytes = Files.readAllBytes(file);
      List<byte[]> lines = lines(bytes);
      AuditLogVerifier clean = AuditLogVerifier.read(List.of(file));
      AuditLogVerifier.SignedCheckpoint last =
          clean.checkpoints().get(clean.checkpoints().size() - 1);
      assertThat(clean.verify(KEYS.getPublic(), last.checkpoint()).intact()).isTrue();

      int n = lines.size();
      byte[] changed;
      switch (mutation) {
        case BYTE_EDIT -> {
          changed = bytes.clone();
          // One edit in five hits a line end on purpose (too rare to come up by chance).
          int[] ends =
              java.util.stream.IntStream.range(0, bytes.length)
                  .filter(k -> bytes[k] == '\n')
                  .toArray();
          int i = other % 5 == 0 ? ends[where % ends.length] : where % bytes.length;
          changed[i] = (byte) (changed[i] + delta); // delta in 1..255: always another value
          Statistics.label("edited byte")
              .collect(i == bytes.length - 1 || bytes[i] == '\n' ? "newline" : "inside a line");
        }
        case DELETE_LINE -> {
          List<byte[]> l = new ArrayList<>(lines);
          // One deletion in five takes the last line on purpose (too rare to come up by chance).
          int i = other % 5 == 0 ? n - 1 : where % n;
          l.remove(i);
          changed = join(l);
          Statistics.label("deleted").collect(i == n - 1 ? "last line" : "other line");
        }
        case SWAP_LINES -> {
          List<byte[]> l = new ArrayList<>(lines);
          int i = where % n;
          int j = (i + 1 + other % (n - 1)) % n; // another line (every log has at least two)
          java.util.Collections.swap(l, i, j);
          changed = join(l);
          Statistics.label("swapped").collect(Math.abs(i - j) == 1 ? "neighbours" : "apart");
        }
        case INSERT_COPY -> {
          List<byte[]> l = new ArrayList<>(lines);
          l.add(where % (n + 1), lines.get(other % n));
          changed = join(l);
        }
        default -> {
          List<byte[]> l = new ArrayList<>(lines);
          int at = where % (n + 1);
          l.add(at, forged(lines, at));
          changed = join(l);
          Statistics.label("forged at").collect(at == n ? "end" : at == 0 ? "start" : "middle");
        }
      }
      Statistics.label("mutation").collect(mutation);
      Files.write(file, changed);
      Verification v =
          AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic(), last.checkpoint());
      Statistics.label("found").collect(v.intact() ? "nothing" : v.finding().kind());
      assertThat(v.finding()).as("%s of a %d-line log", mutation, n).isNotNull();
    } finally {
      AuditLogs.delete(dir);
    }
    Statistics.label("mutation")
        .coverage(
            c -> {
              for (Mutation m : Mutation.values()) {
                c.check(m).percentage(p -> p > 5); // each is 1 in 5: 5% is far below chance
              }
            });
    Statistics.label("found")
        .coverage(
            c -> {
              for (Tamper t :
                  List.of(
                      Tamper.EDITED,
                      Tamper.DELETED,
                      Tamper.INSERTED,
                      Tamper.REORDERED,
                      Tamper.TRUNCATED)) {
                c.check(t).count(x -> x > 0);
              }
            });
    Statistics.label("deleted").coverage(c -> c.check("last line").count(x -> x > 0));
    Statistics.label("edited byte").coverage(c -> c.check("newline").count(x -> x > 0));
  }
}
