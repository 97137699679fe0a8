package io.toolgate.redis;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a {@link DecisionEngine} to a fleet of engines that share one Redis: the kill switches
 * issued on any replica, the counters of the policy's limits, and the active policy, a signed
 * document. Thread-safe; one fleet per engine, closed with the application.
 *
 * <pre>{@code
 * RedisFleet fleet = RedisFleet.builder()
 *     .redis(RedisURI.create("redis://127.0.0.1:6379"))
 *     .policyKey(Signatures.publicKey(pem))
 *     .build();
 * DecisionEngine engine = fleet.join(DecisionEngine.builder(policy));
 * fleet.suspend("triage-bot");   // every replica denies triage-bot
 * }</pre>
 *
 * <h2>Kill switches</h2>
 *
 * {@link #suspend}, {@link #reinstate}, {@link #decommission}, {@link #disableTool}, {@link
 * #enableTool} and {@link #revokeDelegation} apply to this replica's engine at once, then go to
 * Redis in one script: the persisted current set (one field per principal, tool or delegation) and
 * an entry in the fleet's stream carry them, in one order for every replica. Each replica follows
 * the stream ({@code XREAD BLOCK} from the last entry it applied) and applies every entry to its
 * own engine; a replica that starts or reconnects first replays what it issued while cut off, then
 * loads the current set and the policy in one atomic read, and only then opens its gate: it decides
 * nothing from a state older than Redis's. Each change carries a random id Redis records, so a
 * replay is applied once. While Redis cannot be reached, a change applies here and waits, in order,
 * to be replayed ({@link FleetReceipt#persisted()} is false; {@link #whenPersisted}).
 *
 * <h2>The propagation bound</h2>
 *
 * When a kill switch call returns a persisted receipt, every replica of the fleet, for every
 * decision that starts more than the staleness bound (plus one watchdog tick, a twentieth of it)
 * after that, either has applied the switch or denies with {@link
 * io.toolgate.Reason#FLEET_UNAVAILABLE}. The reason: a replica counts as having heard from Redis at
 * the instant it <em>sent</em> a read whose reply brought every entry Redis held then, and closes
 * its gate once it has not heard for longer than the bound. Sooner, each replica acknowledges what
 * it applied: {@link #whenApplied} completes once this replica's engine has applied an entry, so a
 * caller can wait for the replicas it knows. The issuing replica itself applies the change before
 * the call returns, and an older entry for the same principal, tool or delegation read afterwards
 * never undoes it: the newest change wins, in stream order, everywhere.
 *
 * <h2>When Redis is unreachable</h2>
 *
 * The policy and kill switches this replica holds keep serving for the staleness bound; calls with
 * a limit are denied at once ({@code FLEET_UNAVAILABLE}: they cannot be counted), and once the
 * bound has passed every call is. When Redis answers again the replica replays, reloads and opens
 * its gate. Redis must persist its data (AOF): a Redis that restarts empty has forgotten the
 * current set.
 *
 * <h2>The policy</h2>
 *
 * {@link #publishPolicy} stores a signed document in Redis after checking it here; every replica
 * verifies the signature with the fleet's key and swaps the policy in. A document that does not
 * verify or load is refused and the last good policy keeps serving ({@link #policyRefusals()},
 * logged); decisions carry the version ({@link io.toolgate.Decision#policyVersion()}).
 *
 * <h2>Limits</h2>
 *
 * The policy's limits are counted in Redis with Bucket4j's compare-and-swap Lettuce proxy manager,
 * in windows aligned to the epoch on the fleet's clock (replicas' clocks must agree to well within
 * a window). See the engine's {@link DecisionEngine.Builder#limitStore}.
 */
public final class RedisFleet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisFleet.class);

  /** The most entries one read brings: a replica that read fewer has caught up. */
  private static final int BATCH = 1000;

  /** How long Redis remembers a change's id, so a replay within that time applies once. */
  private static final long OP_TTL_SECONDS = 7 * 24 * 3600;

  /** The stream keeps about this many entries (the current set keeps the state itself). */
  private static final int STREAM_LENGTH = 10_000;

  private static final String PUBLISH_SWITCH =
      """
      local seen = redis.call('GET', KEYS[3])
      if seen then return seen end
      if ARGV[1] == 'reinstate' or ARGV[1] == 'enable' then
        redis.call('HDEL', KEYS[2], ARGV[6])
      else
        redis.call('HSET', KEYS[2], ARGV[6], ARGV[3])
      end
      local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[7], '*', 'op', ARGV[1],
        'arg', ARGV[2], 'until', ARGV[3], 'opid', ARGV[4], 'by', ARGV[5])
      redis.call('SET', KEYS[3], id, 'EX', ARGV[8])
      return id
      """;

  private static final String PUBLISH_POLICY =
      """
      local seen = redis.call('GET', KEYS[3])
      if seen then return seen end
      local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[6], '*', 'op', 'policy',
        'text', ARGV[1], 'format', ARGV[2], 'sig', ARGV[3], 'opid', ARGV[4], 'by', ARGV[5])
      redis.call('HSET', KEYS[2], 'text', ARGV[1], 'format', ARGV[2], 'sig', ARGV[3], 'id', id)
      redis.call('SET', KEYS[3], id, 'EX', ARGV[7])
      return id
      """;

  private static final String SNAPSHOT =
      """
      local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
      local id = '0-0'
      if #last > 0 then id = last[1][1] end
      return {id, redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}
      """;

  private final RedisClient client;
  private final String replicaId;
  private final String streamKey;
  private final String setKey;
  private final String policyKey;
  private final String opKeyPrefix;
  private final String limitPrefix;
  private final long stalenessNanos;
  private final Duration commandTimeout;
  private final long blockMillis;
  private final long retryMillis;
  private final InstantSource clock;
  private final PolicyLoader loader;
  private final FleetGate gate;
  private final RedisLimitStore limitStore;

  /** The connections; null while there are none. */
  private volatile @Nullable Links links;

  private volatile @Nullable DecisionEngine engine;
  private volatile boolean closed;
  private @Nullable Thread follower;
  private @Nullable ScheduledExecutorService watchdog;

  /** Guards the order of local changes, the pending queue and the follower's applications. */
  private final Object issueLock = new Object();

  /** Changes issued here that Redis does not have yet, in issue order. */
  private final ArrayDeque<Pending> unpublished = new ArrayDeque<>();

  /** Per field, the newest change issued here until the follower has read it back. */
  private final Map<String, Pending> issuedByField = new HashMap<>();

  /** By change id, changes issued here and not yet persisted. */
  private final Map<String, Pending> unpublishedById = new HashMap<>();

  /** Stream ids of recently persisted changes issued here, by change id (bounded). */
  private final Map<String, String> recentlyPersisted =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > 1024;
        }
      };

  /** Serializes publishing, so Redis gets this replica's changes in issue order. */
  private final Object publishLock = new Object();

  /** The fleet's current set as this replica applied it (follower thread only). */
  private final Map<String, String> mirror = new HashMap<>();

  private volatile StreamId applied = StreamId.ZERO;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final AtomicLong policyRefusals = new AtomicLong();
  private volatile @Nullable String lastPolicyRefusal;
  private @Nullable String lastPolicyEntry;
  private final Object wake = new Object();

  private RedisFleet(Builder b) {
    this.replicaId =
        b.replicaId != null
            ? b.replicaId
            : ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    String ns = b.namespace != null ? b.namespace : "toolgate";
    // One hash tag: the stream, the set and the change ids live in one cluster slot, so the
    // scripts may touch them together. Buckets are keyed without it, to spread over a cluster.
    this.streamKey = "{" + ns + "}:switches";
    this.setKey = "{" + ns + "}:current";
    this.policyKey = "{" + ns + "}:policy";
    this.opKeyPrefix = "{" + ns + "}:op:";
    this.limitPrefix = ns + ":limit:";
    Duration staleness = b.staleness != null ? b.staleness : Duration.ofSeconds(5);
    this.stalenessNanos = staleness.toNanos();
    this.commandTimeout =
        b.commandTimeout != null
            ? b.commandTimeout
            : min(Duration.ofSeconds(1), staleness.dividedBy(2));
    this.blockMillis = Math.max(1, staleness.toMillis() / 4);
    this.retryMillis = Math.max(1, Math.min(1000, staleness.toMillis() / 4));
    this.clock = b.clock != null ? b.clock : InstantSource.system();
    this.loader = PolicyLoader.builder().trustedKey(b.policyKey).requireSignature(true).build();
    this.gate = new FleetGate(stalenessNanos);
    this.limitStore =
        new RedisLimitStore(
            () -> {
              Links l = links;
              return l == null ? null : l.buckets;
            },
            limitPrefix,
            clock);
    this.client = RedisClient.create(b.uri);
    client.setOptions(
        ClientOptions.builder()
            // The follower reconnects itself, so that it reloads the state before deciding again.
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
            .build());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@code engine} with this fleet's limit store and gate, and starts following the fleet.
   * The engine denies every call ({@code FLEET_UNAVAILABLE}) until this replica has loaded the
   * fleet's kill switches and policy ({@link #whenReady()}); the policy {@code engine} was given
   * serves until Redis has one that verifies.
   *
   * @throws IllegalStateException if the fleet already has an engine, or {@code engine} already has
   *     a limit store or a gate
   */
  public synchronized DecisionEngine join(DecisionEngine.Builder engine) {
    Objects.requireNonNull(engine, "engine");
    if (this.engine != null || closed) {
      throw new IllegalStateException("this fleet already has an engine, or is closed");
    }
    DecisionEngine e = engine.limitStore(limitStore).gate(gate).build();
    this.engine = e;
    ScheduledExecutorService w =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "toolgate-fleet-watchdog-" + replicaId);
              t.setDaemon(true);
              return t;
            });
    long tick = Math.max(1_000_000L, stalenessNanos / 20);
    w.scheduleAtFixedRate(() -> gate.check(System.nanoTime()), tick, tick, TimeUnit.NANOSECONDS);
    this.watchdog = w;
    Thread f = new Thread(this::follow, "toolgate-fleet-follower-" + replicaId);
    f.setDaemon(true);
    f.start();
    this.follower = f;
    return e;
  }

  /** The gate this fleet gives its engine (for tests). */
  FleetGate gate() {
    return gate;
  }

  /** This replica's id, recorded with the changes it issues. */
  public String replicaId() {
    return replicaId;
  }

  /**
   * Completes once this replica has loaded the fleet's state for the first time and decides; the
   * gate stays closed until then.
   */
  public CompletableFuture<Void> whenReady() {
    return ready.copy();
  }

  /** Whether this replica's gate is open now: decisions proceed to the policy. */
  public boolean serving() {
    return gate.open();
  }

  /** Suspends a principal on every replica (see {@link DecisionEngine#suspend}). */
  public FleetReceipt suspend(String principalId) {
    return issue(Change.Kind.SUSPEND, principalId, -1);
  }

  /** Lifts a suspension made with {@link #suspend} on every replica. */
  public FleetReceipt reinstate(String principalId) {
    return issue(Change.Kind.REINSTATE, principalId, -1);
  }

  /** Decommissions a principal on every replica, for the life of their engines. */
  public FleetReceipt decommission(String principalId) {
    return issue(Change.Kind.DECOMMISSION, principalId, -1);
  }

  /** Disables a tool for everyone on every replica. */
  public FleetReceipt disableTool(ToolId tool) {
    return issue(Change.Kind.DISABLE, tool.toString(), -1);
  }

  /** Re-enables a tool disabled with {@link #disableTool} on every replica. */
  public FleetReceipt enableTool(ToolId tool) {
    return issue(Change.Kind.ENABLE, tool.toString(), -1);
  }

  /** Revokes a delegation id on every replica (see {@link DecisionEngine#revokeDelegation}). */
  public FleetReceipt revokeDelegation(String delegationId) {
    return issue(Change.Kind.REVOKE, delegationId, -1);
  }

  /**
   * Revokes a delegation id on every replica, with the caller's word that no delegation carrying it
   * is valid after {@code validUntil} (see {@link DecisionEngine#revokeDelegation(String,
   * Instant)}).
   */
  public FleetReceipt revokeDelegation(String delegationId, Instant validUntil) {
    return issue(Change.Kind.REVOKE, delegationId, validUntil.toEpochMilli());
  }

  /**
   * Completes with the stream id once Redis has the change {@code opId} issued on this replica (at
   * once when it already has), so every replica will apply it.
   *
   * @throws IllegalArgumentException if this replica issued no such change recently
   */
  public CompletableFuture<String> whenPersisted(String opId) {
    synchronized (issueLock) {
      Pending p = unpublishedById.get(opId);
      if (p != null) {
        return p.persisted.copy();
      }
      String id = recentlyPersisted.get(opId);
      if (id == null) {
        throw new IllegalArgumentException("no recent change " + opId + " was issued here");
      }
      return CompletableFuture.completedFuture(id);
    }
  }

  /**
   * Completes once this replica's engine has applied the fleet's stream up to {@code streamId} (the
   * id of a {@link FleetReceipt}): its acknowledgement of the change.
   */
  public CompletableFuture<Void> whenApplied(String streamId) {
    StreamId id = StreamId.parse(streamId);
    Waiter w = new Waiter(id, new CompletableFuture<>());
    if (applied.compareTo(id) >= 0) {
      return CompletableFuture.completedFuture(null);
    }
    waiters.add(w);
    if (applied.compareTo(id) >= 0) {
      w.done.complete(null);
    }
    return w.done.copy();
  }

  /**
   * Checks a signed policy document here, then publishes it to the fleet: every replica verifies it
   * again and swaps it in. Needs Redis (a policy is not replayed).
   *
   * @param document the document's exact text, as signed
   * @param format its format
   * @param signature the detached Ed25519 signature (base64) by the fleet's key, as {@code toolgate
   *     sign} writes it
   * @return the receipt; this replica applies the policy when it reads it back ({@link
   *     #whenApplied})
   * @throws io.toolgate.document.DocumentException if the document is refused (nothing published)
   * @throws StoreUnavailableException if Redis cannot be reached
   */
  public FleetReceipt publishPolicy(String document, DocumentFormat format, String signature) {
    requireEngine();
    loader.load(
        "publishPolicy", document.getBytes(StandardCharsets.UTF_8), format, signature.trim());
    Links l = links;
    if (l == null) {
      throw new StoreUnavailableException(
          "this replica is not connected to the fleet's Redis", null);
    }
    String opId = UUID.randomUUID().toString();
    try {
      String id =
          l.commands
              .sync()
              .eval(
                  PUBLISH_POLICY,
                  ScriptOutputType.VALUE,
                  new String[] {streamKey, policyKey, opKeyPrefix + opId},
                  document,
                  format.name(),
                  signature.trim(),
                  opId,
                  replicaId,
                  Integer.toString(STREAM_LENGTH),
                  Long.toString(OP_TTL_SECONDS));
      return new FleetReceipt(opId, id);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("could not publish the policy: " + e.getMessage(), e);
    }
  }

  /** How many policies from Redis this replica refused (bad signature or invalid document). */
  public long policyRefusals() {
    return policyRefusals.get();
  }

  /** Why the last policy from Redis was refused, or null when none was. */
  public @Nullable String lastPolicyRefusal() {
    return lastPolicyRefusal;
  }

  /** How many kill switches issued here wait to be replayed to Redis. */
  public int unpublished() {
    synchronized (issueLock) {
      return unpublished.size();
    }
  }

  /**
   * Leaves the fleet: stops following, closes the connections and closes the gate for good (the
   * engine, no longer kept current, denies every call). Changes not yet replayed are lost (logged).
   */
  @Override
  public void close() {
    Thread f;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      f = follower;
    }
    gate.shut("this replica left the fleet (closed)");
    if (watchdog != null) {
      watchdog.shutdownNow();
    }
    synchronized (wake) {
      wake.notifyAll();
    }
    dropLinks();
    if (f != null) {
      try {
        f.join(blockMillis + commandTimeout.toMillis() + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    dropLinks();
    int lost = unpublished();
    if (lost > 0) {
      LOG.warn("{} kill switch(es) issued on replica {} never reached Redis", lost, replicaId);
    }
    client.shutdown(Duration.ZERO, commandTimeout);
  }

  private DecisionEngine requireEngine() {
    DecisionEngine e = engine;
    if (e == null || closed) {
      throw new IllegalStateException(
          closed ? "the fleet is closed" : "join an engine to the fleet first");
    }
    return e;
  }

  private FleetReceipt issue(Change.Kind kind, String arg, long until) {
    Objects.requireNonNull(arg, "id");
    DecisionEngine e = requireEngine();
    Change c = new Change(kind, arg, until, UUID.randomUUID().toString(), replicaId);
    Pending p = new Pending(c);
    synchronized (issueLock) {
      issuedByField.put(c.field(), p);
      c.applyTo(e);
      unpublished.add(p);
      unpublishedById.put(c.opId(), p);
    }
    flush();
    StreamId id = p.streamId;
    return new FleetReceipt(c.opId(), id == null ? null : id.toString());
  }

  /**
   * Publishes the changes issued here that Redis does not have, in issue order; stops at the first
   * failure. Returns whether none is left.
   */
  private boolean flush() {
    synchronized (publishLock) {
      while (true) {
        Pending p;
        synchronized (issueLock) {
          p = unpublished.peek();
        }
        if (p == null) {
          return true;
        }
        Links l = links;
        if (l == null) {
          return false;
        }
        Change c = p.change;
        String id;
        try {
          id =
              l.commands
                  .sync()
                  .eval(
                      PUBLISH_SWITCH,
                      ScriptOutputType.VALUE,
                      new String[] {streamKey, setKey, opKeyPrefix + c.opId()},
                      c.kind().wire(),
                      c.arg(),
                      c.until() < 0 ? "" : Long.toString(c.until()),
                      c.opId(),
                      c.by(),
                      c.field(),
                      Integer.toString(STREAM_LENGTH),
                      Long.toString(OP_TTL_SECONDS));
        } catch (RuntimeException e) {
          LOG.debug("could not publish {}; it waits for Redis", c, e);
          return false;
        }
        p.streamId = StreamId.parse(id);
        synchronized (issueLock) {
          unpublished.poll();
          unpublishedById.remove(c.opId());
          recentlyPersisted.put(c.opId(), id);
        }
        p.persisted.complete(id);
      }
    }
  }

  /** The follower thread: sync, then follow the stream; on any failure, reconnect and sync. */
  private void follow() {
    boolean synced = false;
    boolean warned = false;
    while (!closed) {
      try {
        if (!synced) {
          sync();
          synced = true;
          if (warned) {
            LOG.info("replica {} is back in the fleet at {}", replicaId, applied);
          }
          warned = false;
          ready.complete(null);
        }
        readOnce();
      } catch (RuntimeException e) {
        if (closed) {
          break;
        }
        if (!warned) {
          LOG.warn(
              "replica {} lost the fleet's Redis ({}); retrying every {} ms",
              replicaId,
              e.toString(),
              retryMillis);
          warned = true;
        }
        synced = false;
        dropLinks();
        pause();
      } catch (Error e) {
        LOG.error("the fleet follower of replica {} died", replicaId, e);
        gate.shut("this replica's fleet follower died: " + e);
        throw e;
      }
    }
  }

  /** Connects if need be, replays, and loads the current set and policy in one atomic read. */
  private void sync() {
    Links l = links;
    if (l == null || !l.open()) {
      dropLinks();
      l = connect();
      links = l;
    }
    if (!flush()) {
      throw new IllegalStateException("could not replay the kill switches issued while cut off");
    }
    long sent = System.nanoTime();
    List<Object> snapshot =
        l.commands.sync().eval(SNAPSHOT, ScriptOutputType.MULTI, streamKey, setKey, policyKey);
    StreamId id = StreamId.parse((String) snapshot.get(0));
    Map<String, String> set = pairs(snapshot.get(1));
    Map<String, String> policy = pairs(snapshot.get(2));
    if (policy.containsKey("id")) {
      applyPolicy(policy, "redis " + policyKey + " (" + policy.get("id") + ")", policy.get("id"));
    }
    DecisionEngine e = requireEngine();
    synchronized (issueLock) {
      Set<String> fields = new HashSet<>(mirror.keySet());
      fields.addAll(set.keySet());
      for (String field : fields) {
        Pending mine = issuedByField.get(field);
        if (mine != null) {
          if (mine.streamId == null || mine.streamId.compareTo(id) > 0) {
            continue; // issued here after the snapshot: it stands, and its entry comes later
          }
          issuedByField.remove(field);
        }
        String want = set.get(field);
        if (!Objects.equals(want, mirror.get(field))) {
          applyField(e, field, want);
        }
      }
      mirror.clear();
      mirror.putAll(set);
    }
    if (id.compareTo(applied) < 0) {
      LOG.error(
          "the fleet's stream in Redis ends at {}, before {} this replica applied: Redis lost data"
              + " (run it with appendonly yes); this replica keeps its switches",
          id,
          applied);
    }
    advance(id);
    gate.heard(sent);
  }

  private static void applyField(DecisionEngine e, String field, @Nullable String value) {
    try {
      Change.applyField(e, field, value);
    } catch (RuntimeException ex) {
      LOG.error("cannot apply field {} of the fleet's kill switch set; skipped", field, ex);
    }
  }

  /** One read of the stream: applies what it brings; hears when it brought everything. */
  @SuppressWarnings("unchecked") // XREAD's varargs of generic stream offsets
  private void readOnce() {
    Links l = links;
    if (l == null || !l.open()) {
      throw new IllegalStateException("the connection to the fleet's Redis closed");
    }
    if (unpublished() > 0 && !flush()) {
      throw new IllegalStateException("could not publish the kill switches issued here");
    }
    long sent = System.nanoTime();
    List<StreamMessage<String, String>> messages =
        l.follow
            .sync()
            .xread(
                XReadArgs.Builder.block(blockMillis).count(BATCH),
                XReadArgs.StreamOffset.from(streamKey, applied.toString()));
    StreamId last = null;
    for (StreamMessage<String, String> m : messages) {
      apply(m);
      last = StreamId.parse(m.getId());
    }
    if (last != null) {
      advance(last);
    }
    if (messages.size() < BATCH) {
      gate.heard(sent);
    }
  }

  private void apply(StreamMessage<String, String> m) {
    Map<String, String> body = m.getBody();
    if ("policy".equals(body.get("op"))) {
      applyPolicy(body, "redis " + streamKey + " " + m.getId(), m.getId());
      return;
    }
    Change c;
    try {
      c = Change.fromStream(body);
    } catch (RuntimeException e) {
      LOG.error("skipping stream entry {} this version cannot read: {}", m.getId(), e.toString());
      return;
    }
    DecisionEngine e = requireEngine();
    synchronized (issueLock) {
      Pending mine = issuedByField.get(c.field());
      if (mine == null || mine.change.opId().equals(c.opId())) {
        if (mine != null) {
          issuedByField.remove(c.field());
        }
        try {
          c.applyTo(e);
        } catch (RuntimeException ex) {
          LOG.error("cannot apply {}; skipped", c, ex);
        }
      } // else: a newer change issued here stands; its own entry comes later in the stream
      if (c.kind().lifts()) {
        mirror.remove(c.field());
      } else {
        mirror.put(c.field(), c.until() < 0 ? "" : Long.toString(c.until()));
      }
    }
  }

  /** Verifies and swaps in a policy from Redis, once per entry; refuses and reports a bad one. */
  private void applyPolicy(Map<String, String> fields, String where, @Nullable String entry) {
    if (entry != null && entry.equals(lastPolicyEntry)) {
      return;
    }
    lastPolicyEntry = entry;
    DecisionEngine e = requireEngine();
    try {
      String text = Objects.requireNonNull(fields.get("text"), "the entry has no text");
      String sig = Objects.requireNonNull(fields.get("sig"), "the entry has no signature");
      DocumentFormat format = DocumentFormat.valueOf(fields.getOrDefault("format", "YAML"));
      Policy p = loader.load(where, text.getBytes(StandardCharsets.UTF_8), format, sig);
      if (!p.version().equals(e.policy().version())) {
        e.replacePolicy(p);
        LOG.info("replica {} now decides with policy {} from {}", replicaId, p.version(), where);
      }
    } catch (RuntimeException ex) {
      policyRefusals.incrementAndGet();
      String why =
          ex instanceof io.toolgate.document.DocumentException
              ? ex.getMessage() // names the entry already
              : where + ": " + ex;
      lastPolicyRefusal = why;
      LOG.error(
          "replica {} refused a policy ({}); policy {} keeps serving",
          replicaId,
          why,
          e.policy().version());
    }
  }

  private void advance(StreamId id) {
    applied = id;
    for (Waiter w : waiters) {
      if (w.id.compareTo(id) <= 0) {
        w.done.complete(null);
        waiters.remove(w);
      }
    }
  }

  private Links connect() {
    StatefulRedisConnection<String, String> commands = null;
    StatefulRedisConnection<String, String> follow = null;
    StatefulRedisConnection<byte[], byte[]> bytes = null;
    try {
      commands = client.connect();
      commands.setTimeout(commandTimeout);
      follow = client.connect();
      follow.setTimeout(commandTimeout.plusMillis(blockMillis));
      bytes = client.connect(ByteArrayCodec.INSTANCE);
      bytes.setTimeout(commandTimeout);
      LettuceBasedProxyManager<byte[]> buckets =
          Bucket4jLettuce.casBasedBuilder(bytes)
              .clientClock(new ClockMeter(clock))
              .requestTimeout(commandTimeout)
              .expirationAfterWrite(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      Duration.ofSeconds(10)))
              .build();
      return new Links(commands, follow, bytes, buckets);
    } catch (RuntimeException e) {
      closeQuietly(commands);
      closeQuietly(follow);
      closeQuietly(bytes);
      throw e;
    }
  }

  private void dropLinks() {
    Links l = links;
    links = null;
    if (l != null) {
      closeQuietly(l.commands);
      closeQuietly(l.follow);
      closeQuietly(l.bytes);
    }
  }

  private static void closeQuietly(@Nullable StatefulRedisConnection<?, ?> c) {
    if (c != null) {
      try {
        c.closeAsync();
      } catch (RuntimeException e) {
        LOG.debug("closing a connection failed", e);
      }
    }
  }

  private void pause() {
    synchronized (wake) {
      if (!closed) {
        try {
          wake.wait(retryMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> pairs(Object flat) {
    List<Object> list = (List<Object>) flat;
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < list.size(); i += 2) {
      m.put((String) list.get(i), (String) list.get(i + 1));
    }
    return m;
  }

  /** The open connections: commands, the blocking follower, and the limit buckets. */
  private record Links(
      StatefulRedisConnection<String, String> commands,
      StatefulRedisConnection<String, String> follow,
      StatefulRedisConnection<byte[], byte[]> bytes,
      LettuceBasedProxyManager<byte[]> buckets) {
    boolean open() {
      return commands.isOpen() && follow.isOpen() && bytes.isOpen();
    }
  }

  /** A change issued here, until Redis has it and the follower has read it back. */
  private static final class Pending {
    final Change change;
    final CompletableFuture<String> persisted = new CompletableFuture<>();
    volatile @Nullable StreamId streamId;

    Pending(Change change) {
      this.change = change;
    }
  }

  private record Waiter(StreamId id, CompletableFuture<Void> done) {}

  /** Bucket4j's time from the fleet's clock, in whole milliseconds. */
  private record ClockMeter(InstantSource clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }

  /** Configures a {@link RedisFleet}; each setting may be given once. */
  public static final class Builder {
    private @Nullable RedisURI uri;
    private @Nullable String namespace;
    private @Nullable Duration staleness;
    private @Nullable Duration commandTimeout;
    private @Nullable PublicKey policyKey;
    private @Nullable InstantSource clock;
    private @Nullable String replicaId;

    private Builder() {}

    private static void once(@Nullable Object field, String name) {
      if (field != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    /** The fleet's Redis (required). */
    public Builder redis(RedisURI value) {
      once(uri, "redis");
      this.uri = Objects.requireNonNull(value, "redis");
      return this;
    }

    /** The fleet's Redis as a URI such as {@code redis://127.0.0.1:6379} (required). */
    public Builder redis(String value) {
      return redis(RedisURI.create(Objects.requireNonNull(value, "redis")));
    }

    /**
     * The prefix of the fleet's keys (default {@code toolgate}): fleets with different namespaces
     * share nothing.
     *
     * @throws IllegalArgumentException if empty or containing a brace (braces make hash tags)
     */
    public Builder namespace(String value) {
      once(namespace, "namespace");
      Objects.requireNonNull(value, "namespace");
      if (value.isEmpty() || value.indexOf('{') >= 0 || value.indexOf('}') >= 0) {
        throw new IllegalArgumentException("a namespace must be non-empty, without braces");
      }
      this.namespace = value;
      return this;
    }

    /**
     * How long a replica may go without hearing from Redis before it denies every call (default 5
     * s); also bounds how late a kill switch reaches a replica (see the class comment).
     *
     * @throws IllegalArgumentException unless at least 10 ms
     */
    public Builder staleness(Duration value) {
      once(staleness, "staleness");
      Objects.requireNonNull(value, "staleness");
      if (value.compareTo(Duration.ofMillis(10)) < 0) {
        throw new IllegalArgumentException("staleness must be at least 10 ms, was " + value);
      }
      this.staleness = value;
      return this;
    }

    /**
     * How long one Redis command may take before it counts as failed (default the smaller of 1 s
     * and half the staleness bound): a limited call waits at most this long.
     */
    public Builder commandTimeout(Duration value) {
      once(commandTimeout, "commandTimeout");
      Objects.requireNonNull(value, "commandTimeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("commandTimeout must be positive, was " + value);
      }
      this.commandTimeout = value;
      return this;
    }

    /** The Ed25519 key the fleet's policy documents must be signed with (required). */
    public Builder policyKey(PublicKey value) {
      once(policyKey, "policyKey");
      this.policyKey = Objects.requireNonNull(value, "policyKey");
      return this;
    }

    /**
     * The clock of limit windows (default the system clock); the staleness bound is measured on the
     * monotonic clock.
     */
    public Builder clock(InstantSource value) {
      once(clock, "clock");
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** This replica's id in the stream (default the process id and a random suffix). */
    public Builder replicaId(String value) {
      once(replicaId, "replicaId");
      this.replicaId = Objects.requireNonNull(value, "replicaId");
      return this;
    }

    /**
     * Builds the fleet; it connects when an engine {@link RedisFleet#join joins}.
     *
     * @throws IllegalStateException if the Redis URI or the policy key is missing
     */
    public RedisFleet build() {
      if (uri == null || policyKey == null) {
        throw new IllegalStateException("a fleet needs redis(...) and policyKey(...)");
      }
      return new RedisFleet(this);
    }
  }
}
