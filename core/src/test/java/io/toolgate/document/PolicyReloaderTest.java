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
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {
  static final ToolId LIST = ToolId.parse("github/list_issues");
  static final ResourceId REPO = ResourceId.of("repo:acme/api");

  @TempDir
  Path dir;

  static String doc(String tools) {
    return "version: 1\nprincipals:\n  - id: bot\n    type: agent\n    allow:\n      - tools: [" + tools + "]\n";
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
  void watcher_atomicReplace_isPickedUp_thenAnInvalidWriteIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.yaml"), doc("github/list_*"));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of()).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    Events events = new Events();
    try (PolicyReloader reloader = PolicyReloader.start(file, loader, engine, events)) {
      Path staged = Files.writeString(dir.resolve("staged.tmp"), doc("github/get_*"));
      String expectedVersion = loader.load("x.yaml", Files.readAllBytes(staged), DocumentFormat.YAML, null).version();
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
    Files.writeString(dir.resolve("policy.yaml.sig"), Signatures.sign(Files.readAllBytes(file), keys.getPrivate()));
    PolicyLoader loader = PolicyLoader.builder().sections(List.of())
        .trustedKey(keys.getPublic()).requireSignature(true).build();
    DecisionEngine engine = DecisionEngine.builder(loader.load(file)).build();
    Events events = new Events();
    try (PolicyReloader reloader = PolicyReloader.manual(file, loader, engine, events)) {
      Files.writeString(file, doc("*/*"));
      assertThat(reloader.reloadNow()).isEqualTo(PolicyReloader.Outcome.REFUSED);
      assertThat(engine.canInvoke("bot", ToolId.parse("shell/exec"), ResourceId.NONE)).isFalse();
      assertThat(events.heard).anySatisfy(e -> assertThat(e).startsWith("refused signature does not verify"));
    }
  }
}
