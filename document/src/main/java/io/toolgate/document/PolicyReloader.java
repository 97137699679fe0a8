package io.toolgate.document;

import io.toolgate.DecisionEngine;
import io.toolgate.ErrorCode;
import io.toolgate.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link DecisionEngine} on the latest valid version of a policy document. A watcher thread
 * follows the document's directory (so writes, atomic renames and symlink swaps are all seen, as
 * are changes to the signature file); on every change the document is loaded again, and a valid
 * document whose version differs is swapped in atomically. An invalid or unverified document is
 * refused and logged, the listener hears why, and the last good policy stays active.
 *
 * <p><b>Half-written files.</b> Before loading, the reloader waits until the document is stable:
 * its size, modification time, content digest and signature are read twice, a {@linkplain
 * Builder#stabilityInterval stability interval} apart (default {@link
 * #DEFAULT_STABILITY_INTERVAL}), and only identical reads are loaded, those very bytes. A file
 * written in place is therefore never loaded while its writer is still writing, even when its first
 * half happens to be a valid (and wider) policy; a file still changing after {@link
 * #MAX_STABILITY_CHECKS} checks is refused for now (the next change is seen again). Writers should
 * still replace the file atomically (write a temporary file, then rename). Unsigned documents are
 * loaded with a warning in the log.
 *
 * <p><b>Failures.</b> The watcher thread survives anything a listener, a policy section or the
 * loader throws, {@link Error}s included: a throwing listener is logged and counted ({@link
 * #listenerFailures()}), a throwing load is a refusal, and the next change is watched as before.
 * {@link #close()} returns within the close timeout (default {@link #DEFAULT_CLOSE_TIMEOUT}) even
 * if a listener hangs.
 *
 * <p>Thread-safe. {@link #reloadNow()} checks synchronously, for tests and for callers that prefer
 * their own trigger; {@link #close()} stops the watcher.
 */
public final class PolicyReloader implements AutoCloseable {
  /** How long a document must stay unchanged before it is loaded, unless told otherwise. */
  public static final Duration DEFAULT_STABILITY_INTERVAL = Duration.ofMillis(100);

  /** How long {@link #close()} waits for the watcher thread, unless told otherwise. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** How many times a changing document is read again before this round of reloading gives up. */
  public static final int MAX_STABILITY_CHECKS = 50;

  private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);

  /** What one reload attempt did. */
  public enum Outcome {
    /** A new version was swapped in. */
    RELOADED,
    /**
     * The document's version equals the active policy's (or the check was interrupted); nothing
     * changed.
     */
    UNCHANGED,
    /** The document was refused; the active policy stays. */
    REFUSED
  }

  /** Waits between the reads of the stability check; tests replace it to act between the reads. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration interval) throws InterruptedException;
  }

  private final Path file;
  private final PolicyLoader loader;
  private final DecisionEngine engine;
  private final List<ReloadListener> listeners;
  private final Duration stabilityInterval;
  private final Duration closeTimeout;
  private final Pause pause;
  private final AtomicLong listenerFailures = new AtomicLong();
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final WatchService watcher;
  private final Thread thread;
  private final Object lock = new Object();

  private PolicyReloader(Builder b, boolean watch) {
    this.file = b.file.toAbsolutePath();
    this.loader = b.loader;
    this.engine = b.engine;
    this.listeners = List.copyOf(b.listeners);
    this.stabilityInterval = b.stabilityInterval;
    this.closeTimeout = b.closeTimeout;
    this.pause = b.pause;
    if (!Files.exists(signatureFile())) {
      LOG.warn(
          "policy document {} is unsigned: whoever can write it can change the policy; sign it "
              + "and build the loader with requireSignature(true)",
          file);
    }
    if (!watch) {
      this.watcher = null;
      this.thread = null;
      return;
    }
    try {
      this.watcher = FileSystems.getDefault().newWatchService();
      this.file
          .getParent()
          .register(
              watcher,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + this.file.getParent(), e);
    }
    this.thread = new Thread(this::watch, "toolgate-policy-reloader");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching {@code file} for {@code engine}, with the default stability interval and close
   * timeout. The document is not loaded at start: build the engine from {@code loader.load(file)}
   * first, so a bad document fails the start-up loudly.
   */
  public static PolicyReloader start(
      Path file, PolicyLoader loader, DecisionEngine engine, ReloadListener... listeners) {
    return builder(file, loader, engine).listeners(listeners).start();
  }

  /**
   * A reloader that does not watch: it checks only when {@link #reloadNow()} is called (from a
   * scheduler, an admin endpoint, or a test).
   */
  public static PolicyReloader manual(
      Path file, PolicyLoader loader, DecisionEngine engine, ReloadListener... listeners) {
    return builder(file, loader, engine).listeners(listeners).manual();
  }

  /** A builder for a reloader of {@code file} into {@code engine}, loading with {@code loader}. */
  public static Builder builder(Path file, PolicyLoader loader, DecisionEngine engine) {
    return new Builder(
        Objects.requireNonNull(file, "file"),
        Objects.requireNonNull(loader, "loader"),
        Objects.requireNonNull(engine, "engine"));
  }

  /**
   * How many times a listener threw (anything at all); each was logged and the reloader went on.
   */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /**
   * How many new versions were swapped in ({@link Outcome#RELOADED}) since this reloader started,
   * for monitoring.
   */
  public long reloads() {
    return reloads.get();
  }

  /**
   * How many changed documents were refused ({@link Outcome#REFUSED}: invalid, unverified,
   * unreadable, or never stable) since this reloader started, each leaving the active policy in
   * place; for monitoring (a rising count is a deployment that did not take effect).
   */
  public long refusals() {
    return refusals.get();
  }

  /**
   * Waits until the document is stable, loads it and swaps it in if it is valid and new.
   * Interrupted while waiting, it keeps the active policy and answers {@link Outcome#UNCHANGED}
   * with the thread's interrupt flag set.
   */
  public Outcome reloadNow() {
    synchronized (lock) {
      Policy current = engine.policy();
      Snapshot stable;
      try {
        stable = stableSnapshot();
      } catch (UncheckedIOException e) {
        LOG.warn("policy document {} unreadable; keeping policy {}", file, current.version());
        return refuse(
            current,
            new DocumentException(
                ErrorCode.INVALID_DOCUMENT,
                List.of(
                    new DocumentProblem(
                        new Location(file.toString(), 1, 1), "cannot read: " + e.getMessage()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.UNCHANGED;
      }
      if (stable == null) {
        return refuse(
            current,
            new DocumentException(
                ErrorCode.INVALID_DOCUMENT,
                List.of(
                    new DocumentProblem(
                        new Location(file.toString(), 1, 1),
                        "the file kept changing over "
                            + MAX_STABILITY_CHECKS
                            + " checks "
                            + stabilityInterval
                            + " apart; not loaded until it is stable"))));
      }
      Policy next;
      try {
        next =
            loader.load(
                file.toString(),
                stable.bytes(),
                DocumentFormat.ofFileName(file.toString()),
                stable.signature());
      } catch (DocumentException e) {
        return refuse(current, e);
      } catch (
          Throwable
              t) { // NOPMD: a failing section plug-in refuses the document, never stops reloading
        LOG.error("loading policy document {} failed unexpectedly", file, t);
        return refuse(
            current,
            new DocumentException(
                ErrorCode.INVALID_DOCUMENT,
                List.of(
                    new DocumentProblem(
                        new Location(file.toString(), 1, 1), "loading failed: " + t))));
      }
      if (next.version().equals(current.version())) {
        return Outcome.UNCHANGED;
      }
      if (stable.signature() == null) {
        LOG.warn(
            "loading unsigned policy document {} (version {}): whoever can write it can change "
                + "the policy",
            file,
            next.version());
      }
      engine.replacePolicy(next);
      reloads.incrementAndGet();
      listeners.forEach(l -> notify(l, () -> l.onReloaded(file, current, next)));
      return Outcome.RELOADED;
    }
  }

  private Outcome refuse(Policy current, DocumentException e) {
    refusals.incrementAndGet();
    LOG.warn(
        "policy document {} refused; keeping policy {}:\n{}",
        file,
        current.version(),
        e.getMessage());
    listeners.forEach(l -> notify(l, () -> l.onRefused(file, e)));
    return Outcome.REFUSED;
  }

  /** The document once two reads a stability interval apart agree; null if it never settled. */
  private Snapshot stableSnapshot() throws InterruptedException {
    Snapshot before = snapshot();
    if (stabilityInterval.isZero()) {
      return before;
    }
    for (int check = 0; check < MAX_STABILITY_CHECKS; check++) {
      pause.pause(stabilityInterval);
      Snapshot after = snapshot();
      if (after.sameAs(before)) {
        return after;
      }
      before = after;
    }
    return null;
  }

  private Snapshot snapshot() {
    try {
      long size = Files.size(file);
      FileTime modified = Files.getLastModifiedTime(file);
      byte[] bytes = loader.read(file);
      return new Snapshot(
          size,
          modified,
          HexFormat.of().formatHex(Signatures.sha256(bytes)),
          bytes,
          loader.signatureOf(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Path signatureFile() {
    return file.resolveSibling(file.getFileName() + ".sig");
  }

  /** One read of the document: what the stability check compares, and the bytes to load. */
  private record Snapshot(
      long size, FileTime modified, String digest, byte[] bytes, String signature) {
    boolean sameAs(Snapshot other) {
      return size == other.size
          && modified.equals(other.modified)
          && digest.equals(other.digest)
          && Objects.equals(signature, other.signature);
    }
  }

  private void notify(ReloadListener listener, Runnable call) {
    try {
      call.run();
    } catch (Throwable t) { // NOPMD: a listener must not stop reloading, whatever it throws
      listenerFailures.incrementAndGet();
      LOG.error(
          "reload listener {} failed ({} failures so far); reloading goes on",
          listener,
          listenerFailures.get(),
          t);
    }
  }

  private void watch() {
    while (true) {
      try {
        WatchKey key = watcher.take();
        boolean relevant = !key.pollEvents().isEmpty();
        key.reset();
        if (relevant) {
          reloadNow();
        }
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (Throwable t) { // NOPMD: the watcher survives anything, so the next change is seen
        LOG.error("policy reloader for {} failed; watching goes on", file, t);
      }
    }
  }

  /** Stops watching; returns within the close timeout even if a listener hangs. */
  @Override
  public void close() {
    if (watcher == null) {
      return;
    }
    try {
      watcher.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service failed", e);
    }
    thread.interrupt();
    try {
      thread.join(Math.max(1, closeTimeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn(
          "policy reloader for {} did not stop within {} (a listener hangs?); left behind as a daemon",
          file,
          closeTimeout);
    }
  }

  /** Configures a {@link PolicyReloader}. */
  public static final class Builder {
    private final Path file;
    private final PolicyLoader loader;
    private final DecisionEngine engine;
    private final List<ReloadListener> listeners = new ArrayList<>();
    private Duration stabilityInterval = DEFAULT_STABILITY_INTERVAL;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Pause pause = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    private Builder(Path file, PolicyLoader loader, DecisionEngine engine) {
      this.file = file;
      this.loader = loader;
      this.engine = engine;
    }

    /** Adds listeners, told of every reload and refusal in order. */
    public Builder listeners(ReloadListener... values) {
      for (ReloadListener l : values) {
        listeners.add(Objects.requireNonNull(l, "listener"));
      }
      return this;
    }

    /**
     * How long the document must stay unchanged (size, modification time, digest, signature) before
     * it is loaded; default {@link #DEFAULT_STABILITY_INTERVAL}. Zero loads what the first read
     * sees: only for files always replaced atomically.
     *
     * @throws IllegalArgumentException if negative or longer than a minute
     */
    public Builder stabilityInterval(Duration value) {
      Objects.requireNonNull(value, "stabilityInterval");
      if (value.isNegative() || value.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "stabilityInterval must be between 0 and 1 minute, was " + value);
      }
      this.stabilityInterval = value;
      return this;
    }

    /**
     * How long {@link PolicyReloader#close()} waits for the watcher thread; default {@link
     * #DEFAULT_CLOSE_TIMEOUT}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder closeTimeout(Duration value) {
      Objects.requireNonNull(value, "closeTimeout");
      if (value.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must not be negative, was " + value);
      }
      this.closeTimeout = value;
      return this;
    }

    /** Replaces the wait between stability reads (tests act there instead of sleeping). */
    Builder pause(Pause value) {
      this.pause = Objects.requireNonNull(value, "pause");
      return this;
    }

    /** Builds a reloader and starts its watcher thread. */
    public PolicyReloader start() {
      PolicyReloader r = new PolicyReloader(this, true);
      r.thread.start();
      return r;
    }

    /** Builds a reloader that checks only when {@link PolicyReloader#reloadNow()} is called. */
    public PolicyReloader manual() {
      return new PolicyReloader(this, false);
    }
  }
}
