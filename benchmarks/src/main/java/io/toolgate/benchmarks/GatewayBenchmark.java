package io.toolgate.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionListener;
import io.toolgate.Delegation;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.audit.AsyncDecisionListener;
import io.toolgate.audit.AuditLogListener;
import io.toolgate.audit.ChainedAuditLog;
import io.toolgate.audit.TickingClock;
import io.toolgate.document.Signatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

/**
 * An MCP gateway's load: one shared {@code assistant} agent serving 1,000 users through {@code
 * DelegationChain.onBehalfOf(user, "assistant")}, 20 pattern entries per user, and 4,096 distinct
 * (chain, tool, resource) requests cycled (about half allowed), against a {@code
 * ConcurrentHashMap<record(String, String, String), Boolean>.get} floor holding every answer.
 * Variants: 1 and 2 threads; with the audit log on (through {@link AsyncDecisionListener}, the
 * audit logger writing a real Logback file, or logging off, the engine on a {@code TickingClock}),
 * on the system clock, the hash-chained audit log ({@code cachedAuditChainedToFile}, to be read as
 * a ratio to {@code cachedAuditToFile}), and its two parts apart on the system clock (the event
 * built for a listener that does nothing on the deciding thread; the queue to a consumer that does
 * nothing); while another thread revokes fresh delegation ids and suspends unrelated principals
 * about 1,000 times a second; and uncached (every decision from the policy), direct and 3-hop.
 *
 * <p>Shape of the generated policy: user {@code u<i>} holds 20 allow entries {@code svc<k>/read_*},
 * {@code svc<k>/list_*} or {@code svc<k>/*} on {@code repo:org<i>/p<k>/**} ({@code k} = 0..19); the
 * assistant may use {@code svc*}{@code /*} on {@code repo:**} except {@code svc*}{@code /delete_*};
 * its sub-agent {@code helper} may list and read. The 3-hop request is {@code u7 -> assistant
 * (scoped, revocable id) -> helper}. A request picks a user, a server {@code svc<k>}, a tool among
 * read/list/write/delete and a resource inside or outside that user's projects.
 *
 * <p>Run: {@code benchmarks/run.sh full GatewayBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    // AlwaysPreTouch: a server that has run for a while has touched all of its young generation;
    // without it, a short run's allocations each pay for first touching fresh heap pages (page
    // faults: a 40-byte allocation measured 150 ns instead of a few), which is what made this
    // workload's allocating benchmarks swing by whole microseconds between iterations.
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class GatewayBenchmark {
  static final int USERS = 1_000;
  static final int REQUESTS = 4_096;

  /** The floor's key. */
  record FloorKey(String chain, String tool, String resource) {}

  /** The key of {@link #floorFromParts}: the request's own objects, as the engine gets them. */
  record PartsKey(DelegationChain chain, ToolId tool, ResourceId resource) {}

  private final ConcurrentHashMap<PartsKey, Boolean> partsFloor = new ConcurrentHashMap<>();

  private DecisionEngine cached;
  private DecisionEngine uncached;
  private DecisionEngine churned;
  private final DelegationChain[] chains = new DelegationChain[REQUESTS];
  private final ToolId[] tools = new ToolId[REQUESTS];
  private final ResourceId[] resources = new ResourceId[REQUESTS];
  private final FloorKey[] floorKeys = new FloorKey[REQUESTS];
  private final ConcurrentHashMap<FloorKey, Boolean> floor = new ConcurrentHashMap<>();
  private DelegationChain chain3;
  private ToolId tool3;
  private ResourceId resource3;

  /** Each thread cycles through the requests from its own position. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    @Setup
    public void setUp() {
      next = (int) (Thread.currentThread().getId() * 1_237) & (REQUESTS - 1);
    }

    int advance() {
      int i = next;
      next = (i + 1) & (REQUESTS - 1);
      return i;
    }
  }

  /**
   * An audited engine, in a state of its own so that its consumer thread runs only while its
   * benchmark does.
   */
  abstract static class Audited {
    DecisionEngine engine;
    AsyncDecisionListener async;
    TickingClock ticking;
    Path path;

    /** The listener under test; {@code path} is a fresh temporary file it may write. */
    abstract DecisionListener listener(Path path);

    /** The engine's clock, or null for the default (the system clock). */
    TickingClock clock() {
      return null;
    }

    @Setup
    public void setUp(GatewayBenchmark b) throws IOException {
      path = Files.createTempFile("toolgate-audit", ".jsonl");
      DecisionListener listener = listener(path);
      async = listener instanceof AsyncDecisionListener a ? a : null;
      DecisionEngine.Builder builder = DecisionEngine.builder(b.cached.policy()).listener(listener);
      ticking = clock();
      if (ticking != null) {
        builder.clock(ticking);
      }
      engine = builder.build();
      for (int i = 0; i < REQUESTS; i++) {
        if (engine.canInvoke(b.chains[i], b.tools[i], b.resources[i])
            != b.floor.get(b.floorKeys[i])) {
          throw new IllegalStateException("the audited engine disagrees on request " + i);
        }
      }
      System.gc();
    }

    @TearDown
    public void tearDown() throws IOException, InterruptedException {
      if (ticking != null) {
        ticking.close();
      }
      if (async != null) {
        async.close();
        System.out.println(
            getClass().getSimpleName()
                + " drops: "
                + async.dropped()
                + " of "
                + (async.delivered() + async.dropped()));
      }
      afterQueueClosed();
      Files.deleteIfExists(path);
    }

    /** What a state closes after the queue has drained into it. */
    void afterQueueClosed() throws IOException {}
  }

  /**
   * The audit log through the asynchronous queue, its logger off, the engine on a {@link
   * TickingClock} (the setup the README recommends for audit on every decision).
   */
  @State(Scope.Benchmark)
  public static class AuditLoggingOff extends Audited {
    @Override
    TickingClock clock() {
      return TickingClock.start();
    }

    @Override
    DecisionListener listener(Path path) {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.getLogger("gateway.audit.off").setLevel(Level.OFF);
      return AsyncDecisionListener.wrap(
          new AuditLogListener(LoggerFactory.getLogger("gateway.audit.off")), 1 << 16);
    }
  }

  /**
   * As {@link AuditLoggingOff}, with the engine on the system clock: a clock read per decision to
   * stamp its event.
   */
  @State(Scope.Benchmark)
  public static class AuditSystemClock extends AuditLoggingOff {
    @Override
    TickingClock clock() {
      return null;
    }
  }

  /** The audit log through the asynchronous queue, to a Logback file appender; a ticking clock. */
  @State(Scope.Benchmark)
  public static class AuditToFile extends Audited {
    @Override
    TickingClock clock() {
      return TickingClock.start();
    }

    @Override
    DecisionListener listener(Path path) {
      return AsyncDecisionListener.wrap(new AuditLogListener(fileLogger(path)), 1 << 16);
    }
  }

  /**
   * The hash-chained audit log ({@link ChainedAuditLog}: canonical JSON, SHA-256 chain, Merkle
   * leaves, an Ed25519-signed checkpoint every 1,000 entries) through the asynchronous queue, to a
   * file; a ticking clock. Compare with {@link AuditToFile}, the plain audit log, in the same run.
   */
  @State(Scope.Benchmark)
  public static class AuditChainedToFile extends Audited {
    ChainedAuditLog chained;

    @Override
    TickingClock clock() {
      return TickingClock.start();
    }

    @Override
    DecisionListener listener(Path path) {
      try {
        Files.delete(path); // the chained log creates its file and never appends to one
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      chained = ChainedAuditLog.builder(path, Signatures.generateKeyPair().getPrivate()).build();
      return AsyncDecisionListener.wrap(chained, 1 << 16);
    }

    @Override
    void afterQueueClosed() throws IOException {
      chained.close();
      deleteRotated(path);
    }

    /** The files the log rotated to ({@code PATH.000001}, ...), deleted. */
    private static void deleteRotated(Path path) throws IOException {
      for (int i = 1; Files.deleteIfExists(Path.of(path + String.format(".%06d", i))); i++) {
        // deleted one
      }
    }
  }

  /** The asynchronous queue to a listener that does nothing: the queue's own cost. */
  @State(Scope.Benchmark)
  public static class AuditQueueOnly extends Audited {
    @Override
    DecisionListener listener(Path path) {
      return AsyncDecisionListener.wrap(event -> {}, 1 << 16);
    }
  }

  /**
   * The asynchronous queue to a consumer as slow as the file's (a few microseconds an event) that
   * touches no memory while it waits: the queue always full, without the file consumer's work.
   */
  @State(Scope.Benchmark)
  public static class AuditSlowConsumer extends Audited {
    @Override
    TickingClock clock() {
      return TickingClock.start();
    }

    @Override
    DecisionListener listener(Path path) {
      return AsyncDecisionListener.wrap(event -> Blackhole.consumeCPU(2_000), 1 << 16);
    }
  }

  /** A listener on the deciding thread that does nothing: the cost of building the event. */
  @State(Scope.Benchmark)
  public static class EventOnly extends Audited {
    @Override
    DecisionListener listener(Path path) {
      return event -> {};
    }
  }

  /** The churn thread's counter. */
  @State(Scope.Thread)
  public static class Churn {
    long n;
  }

  /** The generated policy (see the class comment). */
  static Policy policy() {
    Policy.Builder b =
        Policy.builder()
            .principal(Principal.agent("assistant").build())
            .allow("assistant", List.of("svc*/*"), List.of("repo:**"))
            .deny("assistant", List.of("svc*/delete_*"), List.of("repo:**"))
            .principal(Principal.agent("helper").owner("assistant").build())
            .allow("helper", List.of("svc*/list_*", "svc*/read_*"), List.of("repo:**"));
    for (int u = 0; u < USERS; u++) {
      String user = "u" + u;
      b.principal(Principal.user(user).build());
      for (int k = 0; k < 20; k++) {
        String tool =
            switch (k % 3) {
              case 0 -> "svc" + k + "/read_*";
              case 1 -> "svc" + k + "/list_*";
              default -> "svc" + k + "/*";
            };
        b.allow(user, List.of(tool), List.of("repo:org" + u + "/p" + k + "/**"));
      }
    }
    for (int i = 0; i < 1_000; i++) {
      b.principal(Principal.user("unrelated-" + i).build());
    }
    return b.build();
  }

  @Setup
  public void setUp() {
    Policy policy = policy();
    cached = DecisionEngine.builder(policy).build();
    uncached = DecisionEngine.builder(policy).cacheSize(0).build();
    churned = DecisionEngine.builder(policy).build();

    SplittableRandom random = new SplittableRandom(42);
    String[] verbs = {"read_issue", "list_files", "write_file", "delete_repo"};
    // The requests first, then the floor's keys, then the engines' entries: each side's data laid
    // out by itself, as a caller's and an engine's would be.
    for (int i = 0; i < REQUESTS; i++) {
      int u = random.nextInt(USERS);
      int k = random.nextInt(20);
      chains[i] = DelegationChain.onBehalfOf("u" + u, "assistant");
      tools[i] = ToolId.parse("svc" + k + "/" + verbs[random.nextInt(verbs.length)]);
      int org = random.nextInt(4) == 0 ? random.nextInt(USERS) : u; // a quarter elsewhere
      resources[i] = ResourceId.of("repo:org" + org + "/p" + k + "/src/file" + random.nextInt(100));
    }
    boolean[] answers = new boolean[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      answers[i] = uncached.canInvoke(chains[i], tools[i], resources[i]);
    }
    for (int i = 0; i < REQUESTS; i++) {
      floorKeys[i] = new FloorKey(chains[i].toString(), tools[i].toString(), resources[i].value());
      floor.put(floorKeys[i], answers[i]);
      partsFloor.put(new PartsKey(chains[i], tools[i], resources[i]), answers[i]);
    }
    int allowed = 0;
    for (int i = 0; i < REQUESTS; i++) {
      allowed += answers[i] ? 1 : 0;
      for (DecisionEngine e : List.of(cached, churned)) {
        if (e.canInvoke(chains[i], tools[i], resources[i]) != answers[i]) {
          throw new IllegalStateException("engines disagree on request " + i);
        }
      }
    }
    if (allowed < REQUESTS / 4 || allowed > REQUESTS * 3 / 4) {
      throw new IllegalStateException("the workload should mix allows and denials: " + allowed);
    }
    chain3 =
        DelegationChain.of("u7")
            .then(
                Delegation.to("assistant")
                    .withId("s-7")
                    .withScope(DelegationScope.builder().tools("svc*/*").build()))
            .then("helper");
    tool3 = ToolId.parse("svc7/list_files");
    resource3 = ResourceId.of("repo:org7/p7/x");
    if (!uncached.canInvoke(chain3, tool3, resource3)) {
      throw new IllegalStateException("the 3-hop request must be allowed");
    }
    // Compact the heap once, so the layout does not depend on the order of setup allocations.
    System.gc();
  }

  private static org.slf4j.Logger fileLogger(Path path) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setFile(path.toString());
    file.setEncoder(encoder);
    file.setImmediateFlush(false); // the consumer writes in batches; the OS buffer takes the rest
    file.start();
    Logger logger = context.getLogger("gateway.audit.file");
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(file);
    return logger;
  }

  @Benchmark
  public Boolean floor(Cursor c) {
    return floor.get(floorKeys[c.advance()]);
  }

  /**
   * The floor with its key built per call from the request's chain, tool and resource objects (24
   * B/op for the key): the cost of reading the inputs the engine reads, apart from the engine.
   */
  @Benchmark
  public Boolean floorFromParts(Cursor c) {
    int i = c.advance();
    return partsFloor.get(new PartsKey(chains[i], tools[i], resources[i]));
  }

  @Benchmark
  @Threads(2)
  public Boolean floor2Threads(Cursor c) {
    return floor.get(floorKeys[c.advance()]);
  }

  @Benchmark
  public boolean cached(Cursor c) {
    int i = c.advance();
    return cached.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  @Threads(2)
  public boolean cached2Threads(Cursor c) {
    int i = c.advance();
    return cached.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  public boolean cachedAuditLoggingOff(Cursor c, AuditLoggingOff a) {
    int i = c.advance();
    return a.engine.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  public boolean cachedAuditSystemClock(Cursor c, AuditSystemClock a) {
    int i = c.advance();
    return a.engine.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  public boolean cachedAuditToFile(Cursor c, AuditToFile a) {
    int i = c.advance();
    return a.engine.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  public boolean cachedAuditChainedToFile(Cursor c, AuditChainedToFile a) {
    int i = c.advance();
    return a.engine.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  public boolean cachedAuditSlowConsumer(Cursor c, AuditSlowConsumer a) {
    int i = c.advance();
    return a.engine.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  public boolean cachedAuditQueueOnly(Cursor c, AuditQueueOnly a) {
    int i = c.advance();
    return a.engine.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  public boolean cachedEventOnly(Cursor c, EventOnly a) {
    int i = c.advance();
    return a.engine.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  @Group("churn")
  @GroupThreads(1)
  public boolean churnDecide(Cursor c) {
    int i = c.advance();
    return churned.canInvoke(chains[i], tools[i], resources[i]);
  }

  /**
   * About 1,000 switches a second: alternately a fresh session id revoked, an unrelated principal
   * suspended.
   */
  @Benchmark
  @Group("churn")
  @GroupThreads(1)
  public long churnSwitch(Churn s) {
    long n = s.n++;
    if ((n & 1) == 0) {
      churned.revokeDelegation("session-" + n);
    } else {
      churned.suspend("unrelated-" + (n % 1_000));
    }
    LockSupport.parkNanos(1_000_000);
    return n;
  }

  /** An uncached direct call: one user on one request, every decision from the policy. */
  @Benchmark
  public boolean uncachedDirect() {
    return uncached.canInvoke("u7", tool3, resource3);
  }

  /**
   * Uncached, cycling through the gateway's 2-principal chains (memory-bound: every call touches
   * another user's grants).
   */
  @Benchmark
  public boolean uncachedCycling(Cursor c) {
    int i = c.advance();
    return uncached.canInvoke(chains[i], tools[i], resources[i]);
  }

  @Benchmark
  public boolean uncached3Hop() {
    return uncached.canInvoke(chain3, tool3, resource3);
  }
}
