package io.toolgate.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A replica in a child JVM ({@link ReplicaMain}), spoken to one line at a time. */
final class ChildReplica implements AutoCloseable {
  private final Process process;
  private final Writer in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildReplica(Process process) {
    this.process = process;
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  lines.add(l);
                }
              } catch (IOException e) {
                lines.add("io-error " + e.getMessage());
              }
              lines.add("exited");
            },
            "child-replica-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child replica and waits until it is ready. */
  static ChildReplica start(
      String uri, String namespace, PublicKey key, Duration staleness, String document) {
    try {
      Path dir = Files.createTempDirectory("toolgate-child");
      Path pem =
          Files.writeString(dir.resolve("fleet.pub"), io.toolgate.document.Signatures.toPem(key));
      Path doc = Files.writeString(dir.resolve("start.yaml"), document);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process p =
          new ProcessBuilder(
                  List.of(
                      java.toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      ReplicaMain.class.getName(),
                      uri,
                      namespace,
                      pem.toString(),
                      Long.toString(staleness.toMillis()),
                      doc.toString()))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      ChildReplica c = new ChildReplica(p);
      String first = c.next();
      if (!first.equals("ready")) {
        c.close();
        throw new IllegalStateException("the child replica said " + first);
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one command and returns its one-line answer (fails after a generous bound). */
  String ask(String command) {
    send(command);
    return next();
  }

  /** Sends a command without waiting for its answer. */
  void send(String command) {
    try {
      in.write(command + "\n");
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next line the child printed. */
  String next() {
    try {
      String line = lines.poll(Fleets.WAIT_SECONDS, TimeUnit.SECONDS);
      if (line == null) {
        throw new IllegalStateException("the child replica did not answer in time");
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        send("quit");
      }
    } catch (UncheckedIOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
