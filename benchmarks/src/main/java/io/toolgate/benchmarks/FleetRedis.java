package io.toolgate.benchmarks;

import io.toolgate.AccessEntry;
import io.toolgate.DecisionEngine;
import io.toolgate.Limit;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.document.Signatures;
import io.toolgate.redis.RedisFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.PublicKey;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * What the fleet measurements share: a real redis-server (the binary embedded-redis ships) on a
 * free loopback port, without persistence, and replicas joined to it.
 */
final class FleetRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;
  private final PublicKey key = Signatures.generateKeyPair().getPublic();
  private final String namespace = "bench-" + UUID.randomUUID();

  private FleetRedis(int port) throws IOException {
    this.port = port;
    this.server =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
    server.start();
  }

  /** Starts a redis-server on a free loopback port. */
  static FleetRedis start() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = s.getLocalPort();
      s.close();
      return new FleetRedis(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A policy where alice may call payments/*; with a limit, a fleet-wide one on her transfers of
   * {@code calls} per day.
   */
  static Policy policy(long calls) {
    Policy.Builder b =
        Policy.builder()
            .version(calls > 0 ? "limited" : "unlimited")
            .principal(Principal.user("alice").build())
            .principal(Principal.user("bob").build())
            .entry("alice", AccessEntry.allow("alice-pay", "payments/*"))
            .entry("bob", AccessEntry.allow("bob-pay", "payments/*"));
    if (calls > 0) {
      b.limit("alice-pay", Limit.of(calls, Duration.ofDays(1), Limit.Per.PRINCIPAL));
    }
    return b.build();
  }

  /** A replica: a fleet on this server, with an engine over {@code policy}, ready. */
  RedisFleet join(Policy policy, DecisionEngine[] engine) {
    RedisFleet fleet =
        RedisFleet.builder()
            .redis("redis://127.0.0.1:" + port)
            .namespace(namespace)
            .staleness(Duration.ofSeconds(30))
            .policyKey(key)
            .build();
    engine[0] = fleet.join(DecisionEngine.builder(policy));
    try {
      fleet.whenReady().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      fleet.close();
      throw new IllegalStateException("the replica did not get ready", e);
    }
    return fleet;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
