package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {
  static final ToolId LIST = ToolId.parse("github/list_issues");
  static final ResourceId REPO = ResourceId.of("repo:acme/api");

  @TempDir Path dir;

  static String doc(String tools) {
    return "version: 1\nprincipals:\n  - id: bot\n    type: agent\n    allow:\n      - tools: ["
        + tools
        + "]\n";
  }

  /** Records what listeners hear, so tests wait for an event instead of sleeping. */
  static final class Events implements ReloadListener {
    final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    @Override
    public void onReloaded(Path file, Policy previous, Policy current) {
      heard.add("reloaded " + current.version());
    }

    @Override
    public void onRefused(Path file, DocumentException problems) {
      heard.add("refused " + problems.problems().get(0).message());
    }

    String next() throws InterruptedException {
      String e = heard.poll(30, TimeUnit.SECONDS);
      assertThat(e).as("an event within 30 s").isNotNull();
      return e;
    }
  }

  @Test
  void reloadNow_validChange_swaps_invalidChange_keepsTheLastGoodPolicy() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    Events events = new Events();
    try (PolicyReloader reloader = PolicyReloader.manual(file, loader, engine, events)) {
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.UNCHANGED);
      assertThat(engine.canInvoke("bot", LIST, REPO)).isTrue();

      Files.writeString(file, doc("github/get_*"));
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.RELOADED);
      assertThat(engine.canInvoke("bot", LIST, REPO)).isFalse();
      String good = engine.policy().version();

      Files.writeString(file, doc("github/**"));
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.REFUSED);
      assertThat(engine.policy().version()).isEqualTo(good);
      assertThat(engine.canInvoke("bot", ToolId.parse("github/get_file"), REPO)).isTrue();
    }
  }

  @Test
  void reloadsAndRefusals_countEachOutcome_unchangedCountsNeither() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    try (PolicyReloader reloader = PolicyReloader.manual(file, loader, engine)) {
      reloader.reloadNow(); // unchanged
      Files.writeString(file, doc("github/get_*"));
      reloader.reloadNow(); // reloaded
      Files.writeString(file, doc("github/**"));
      reloader.reloadNow(); // refused
      reloader.reloadNow(); // refused again: still invalid
      Files.delete(file);
      reloader.reloadNow(); // refused: unreadable

      assertThat(reloader.reloads()).isEqualTo(1);
      assertThat(reloader.refusals()).isEqualTo(3);
    }
  }

  @Test
  void watcher_atomicReplace_isPickedUp_thenAnInvalidWriteIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    Events events = new Events();
    try (PolicyReloader reloader = PolicyReloader.start(file, loader, engine, events)) {
      Path staged = Files.writeString(dir.resolve("staged.tmp"), doc("github/get_*"));
      String expectedVersion =
          loader.load("x.yaml", Files.readAllBytes(staged), DocumentFormat.YAML, null).version();
      Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      String event;
      do {
        event = events.next();
      } while (!event.equals("reloaded " + expectedVersion));
      assertThat(engine.canInvoke("bot", LIST, REPO)).isFalse();

      Path broken = Files.writeString(dir.resolve("broken.tmp"), "version: 1\nprincipals: [");
      Files.move(broken, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      do {
        event = events.next();
      } while (!event.startsWith("refused"));
      assertThat(event).contains("syntax error");
      assertThat(engine.policy().version()).isEqualTo(expectedVersion);
      assertThat(engine.canInvoke("bot", ToolId.parse("github/get_file"), REPO)).isTrue();
    }
  }

  @Test
  void reloadNow_signedLoader_refusesAnUnsignedChange() throws IOException {
    KeyPair keys = Signatures.generateKeyPair();
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    Files.writeString(
        dir.resolve("policy.yaml.sig"),
        Signatures.sign(Files.readAllBytes(file), keys.getPrivate()));
    PolicyLoader loader =
        PolicyLoader.builder()
            .sections(List.of())
            .trustedKey(keys.getPublic())
            .requireSignature(true)
            .build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    Events events = new Events();
    try (PolicyReloader reloader = PolicyReloader.manual(file, loader, engine, events)) {
      Files.writeString(file, doc("*/*"));
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.REFUSED);
      assertThat(engine.canInvoke("bot", ToolId.parse("shell/exec"), ResourceId.NONE)).isFalse();
      assertThat(events.heard)
          .anySatisfy(e -> assertThat(e).startsWith("refused signature does not verify"));
    }
  }

  static final ToolId DELETE = ToolId.parse("github/delete_repo");

  /** A principal allowed all of github; with {@code deny}, denied deleting repositories. */
  static String allowAll(boolean deny) {
    return "version: 1\nprincipals:\n  - id: bot\n    type: agent\n    allow:\n      - tools: [\"github/*\"]\n"
        + (deny ? "    deny:\n      - tools: [\"github/delete_*\"]\n" : "");
  }

  static void replaceAtomically(Path dir, Path file, String text) throws IOException {
    Path staged = Files.writeString(dir.resolve("staged-" + System.nanoTime() + ".tmp"), text);
    Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static String versionOf(PolicyLoader loader, String text) {
    return loader
        .load(
            "x.yaml",
            text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            DocumentFormat.YAML,
            null)
        .version();
  }

  static String awaitEvent(Events events, String wanted) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    String event;
    do {
      event = events.next();
      seen.add(event);
    } while (!event.equals(wanted) && seen.size() < 100);
    assertThat(event).as("events heard: %s", seen).isEqualTo(wanted);
    return event;
  }

  @Test
  void watcher_listenerThrowsAssertionError_laterDocumentAddingADenyIsStillLoaded()
      throws Exception {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    ReloadListener broken =
        new ReloadListener() {
          @Override
          public void onReloaded(Path f, Policy previous, Policy current) {
            throw new AssertionError("a plug-in's broken assertion");
          }

          @Override
          public void onRefused(Path f, DocumentException problems) {
            throw new AssertionError("a plug-in's broken assertion");
          }
        };
    Events events = new Events();
    try (PolicyReloader reloader =
        PolicyReloader.builder(file, loader, engine)
            .listeners(broken, events)
            .pause(d -> {})
            .start()) {
      replaceAtomically(dir, file, allowAll(false));
      awaitEvent(events, "reloaded " + versionOf(loader, allowAll(false)));
      assertThat(engine.canInvoke("bot", DELETE, REPO)).isTrue();
      assertThat(reloader.listenerFailures()).isPositive();

      replaceAtomically(dir, file, allowAll(true));
      awaitEvent(events, "reloaded " + versionOf(loader, allowAll(true)));
      assertThat(engine.canInvoke("bot", DELETE, REPO))
          .as("the deny added later is live")
          .isFalse();
      assertThat(engine.canInvoke("bot", LIST, REPO)).isTrue();
    }
  }

  @Test
  void close_listenerHangs_returnsWithinTheCloseTimeout() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    CountDownLatch inListener = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    ReloadListener hangs =
        new ReloadListener() {
          @Override
          public void onReloaded(Path f, Policy previous, Policy current) {
            inListener.countDown();
            while (never.getCount() > 0) {
              try {
                never.await(); // ignores interrupts: a listener that will not stop
              } catch (InterruptedException e) {
                // keep hanging
              }
            }
          }

          @Override
          public void onRefused(Path f, DocumentException problems) {}
        };
    PolicyReloader reloader =
        PolicyReloader.builder(file, loader, engine)
            .listeners(hangs)
            .pause(d -> {})
            .closeTimeout(Duration.ofMillis(20))
            .start();
    replaceAtomically(dir, file, allowAll(false));
    assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();

    reloader.close(); // returns although the listener never does

    assertThat(engine.canInvoke("bot", DELETE, REPO)).isTrue();
    never.countDown();
  }

  /**
   * A file written in place in two steps: its first half (allow entries, no deny yet) is itself a
   * valid and wider policy. The stability check reads it again after the pause, by which time the
   * writer has finished, so only the complete document is ever swapped in.
   */
  @Test
  void watcher_fileWrittenInPlaceInTwoHalves_theWiderFirstHalfIsNeverSwappedIn() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    String whole = allowAll(true);
    String firstHalf = allowAll(false);
    assertThat(whole).startsWith(firstHalf);
    String halfVersion = versionOf(loader, firstHalf);
    String wholeVersion = versionOf(loader, whole);
    List<String> decisionsOnDelete = new java.util.concurrent.CopyOnWriteArrayList<>();
    Events events = new Events();
    ReloadListener probe =
        new ReloadListener() {
          @Override
          public void onReloaded(Path f, Policy previous, Policy current) {
            decisionsOnDelete.add(current.version() + " " + engine.canInvoke("bot", DELETE, REPO));
          }

          @Override
          public void onRefused(Path f, DocumentException problems) {}
        };
    AtomicInteger pauses = new AtomicInteger();
    // The writer finishes while the reloader waits between its two reads: deterministic, no sleep.
    PolicyReloader.Pause writerFinishes =
        d -> {
          pauses.incrementAndGet();
          try {
            if (Files.readString(file).equals(firstHalf)) {
              Files.writeString(
                  file, whole.substring(firstHalf.length()), StandardOpenOption.APPEND);
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    try (PolicyReloader reloader =
        PolicyReloader.builder(file, loader, engine)
            .listeners(probe, events)
            .pause(writerFinishes)
            .start()) {
      Files.writeString(file, firstHalf); // in place: truncate, then write the first half only

      awaitEvent(events, "reloaded " + wholeVersion);
      assertThat(engine.canInvoke("bot", DELETE, REPO)).isFalse();
      assertThat(engine.canInvoke("bot", LIST, REPO)).isTrue();
      assertThat(pauses.get()).isGreaterThanOrEqualTo(2);
      assertThat(decisionsOnDelete).containsExactly(wholeVersion + " false");
      assertThat(events.heard).noneMatch(e -> e.equals("reloaded " + halfVersion));
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.UNCHANGED);
    }
  }

  @Test
  void reloadNow_fileNeverSettles_refusesAndKeepsThePolicy() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    String before = engine.policy().version();
    Events events = new Events();
    AtomicInteger writes = new AtomicInteger();
    PolicyReloader.Pause writerKeepsWriting =
        d -> {
          try {
            Files.writeString(file, "# " + writes.incrementAndGet() + "\n" + allowAll(false));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    try (PolicyReloader reloader =
        PolicyReloader.builder(file, loader, engine)
            .listeners(events)
            .pause(writerKeepsWriting)
            .manual()) {
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.REFUSED);
    }
    assertThat(writes.get()).isEqualTo(PolicyReloader.MAX_STABILITY_CHECKS);
    assertThat(engine.policy().version()).isEqualTo(before);
    assertThat(events.heard)
        .singleElement()
        .asString()
        .startsWith("refused the file kept changing");
  }
}
