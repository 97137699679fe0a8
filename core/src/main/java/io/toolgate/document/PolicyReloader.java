package io.toolgate.document;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link DecisionEngine} on the latest valid version of a policy document. A watcher
 * thread follows the document's directory (so writes, atomic renames and symlink swaps are all
 * seen, as are changes to the signature file); on every change the document is loaded again, and
 * a valid document whose version differs is swapped in atomically. An invalid or unverified
 * document is refused and logged, the listener hears why, and the last good policy stays active.
 *
 * <p>Thread-safe. {@link #reloadNow()} checks synchronously, for tests and for callers that
 * prefer their own trigger; {@link #close()} stops the watcher.
 */
public final class PolicyReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);

  /** What one reload attempt did. */
  public enum Outcome {
    /** A new version was swapped in. */
    RELOADED,
    /** The document's version equals the active policy's; nothing changed. */
    UNCHANGED,
    /** The document was refused; the active policy stays. */
    REFUSED
  }

  private final Path file;
  private final PolicyLoader loader;
  private final DecisionEngine engine;
  private final List<ReloadListener> listeners;
  private final WatchService watcher;
  private final Thread thread;
  private final Object lock = new Object();

  private PolicyReloader(Path file, PolicyLoader loader, DecisionEngine engine, List<ReloadListener> listeners,
      boolean watch) {
    this.file = file.toAbsolutePath();
    this.loader = loader;
    this.engine = engine;
    this.listeners = List.copyOf(listeners);
    if (!watch) {
      this.watcher = null;
      this.thread = null;
      return;
    }
    try {
      this.watcher = FileSystems.getDefault().newWatchService();
      this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch " + this.file.getParent(), e);
    }
    this.thread = new Thread(this::watch, "toolgate-policy-reloader");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching {@code file} for {@code engine}. The document is not loaded at start: build
   * the engine from {@code loader.load(file)} first, so a bad document fails the start-up loudly.
   */
  public static PolicyReloader start(Path file, PolicyLoader loader, DecisionEngine engine,
      ReloadListener... listeners) {
    Objects.requireNonNull(file, "file");
    PolicyReloader r = new PolicyReloader(file, Objects.requireNonNull(loader, "loader"),
        Objects.requireNonNull(engine, "engine"), List.of(listeners), true);
    r.thread.start();
    return r;
  }

  /**
   * A reloader that does not watch: it checks only when {@link #reloadNow()} is called (from a
   * scheduler, an admin endpoint, or a test).
   */
  public static PolicyReloader manual(Path file, PolicyLoader loader, DecisionEngine engine,
      ReloadListener... listeners) {
    Objects.requireNonNull(file, "file");
    return new PolicyReloader(file, Objects.requireNonNull(loader, "loader"),
        Objects.requireNonNull(engine, "engine"), List.of(listeners), false);
  }

  /** Loads the document now and swaps it in if it is valid and new. */
  public Outcome reloadNow() {
    synchronized (lock) {
      Policy current = engine.policy();
      Policy next;
      try {
        next = loader.load(file);
      } catch (DocumentException e) {
        LOG.warn("policy document {} refused; keeping policy {}:\n{}", file, current.version(), e.getMessage());
        listeners.forEach(l -> notify(() -> l.onRefused(file, e)));
        return Outcome.REFUSED;
      } catch (UncheckedIOException e) {
        DocumentException refused = new DocumentException(io.toolgate.ErrorCode.INVALID_DOCUMENT,
            List.of(new DocumentProblem(new Location(file.toString(), 1, 1), "cannot read: " + e.getMessage())));
        LOG.warn("policy document {} unreadable; keeping policy {}", file, current.version());
        listeners.forEach(l -> notify(() -> l.onRefused(file, refused)));
        return Outcome.REFUSED;
      }
      if (next.version().equals(current.version())) {
        return Outcome.UNCHANGED;
      }
      engine.replacePolicy(next);
      listeners.forEach(l -> notify(() -> l.onReloaded(file, current, next)));
      return Outcome.RELOADED;
    }
  }

  private static void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("reload listener failed", e);
    }
  }

  private void watch() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        boolean relevant = !key.pollEvents().isEmpty();
        key.reset();
        if (relevant) {
          reloadNow();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops watching. */
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
  }
}
