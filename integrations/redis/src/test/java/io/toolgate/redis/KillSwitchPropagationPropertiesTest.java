package io.toolgate.redis;

import static io.toolgate.redis.Fleets.WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.Reason;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Kill switches issued concurrently from three replicas: once every replica has acknowledged the
 * last change (applied the stream up to it), every replica decides exactly as a reference model
 * that applies the changes in stream order (the newest change of a principal or tool wins). No
 * replica allows a call that starts after the acknowledgement and that the switches forbid.
 */
@StatisticsReport(onFailureOnly = true)
class KillSwitchPropagationPropertiesTest {
  static final List<String> PRINCIPALS = List.of("bob", "carol", "dave");
  static final List<ToolId> TOOLS =
      List.of(ToolId.parse("payments/transfer"), ToolId.parse("payments/refund"));

  static RedisProcess redis;
  static KeyPair keys;

  @BeforeContainer
  static void startRedis() {
    redis = RedisProcess.start();
    keys = Fleets.keys();
  }

  @AfterContainer
  static void stopRedis() {
    redis.close();
  }

  /** One kill switch issued by one replica. */
  record Op(int replica, Change.Kind kind, String target) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> principalOps =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(Change.Kind.SUSPEND, Change.Kind.REINSTATE),
                Arbitraries.of(PRINCIPALS))
            .as(Op::new);
    Arbitrary<Op> toolOps =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(Change.Kind.DISABLE, Change.Kind.ENABLE),
                Arbitraries.of(TOOLS).map(ToolId::toString))
            .as(Op::new);
    return Arbitraries.oneOf(principalOps, toolOps).list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 25)
  void acknowledgedKillSwitches_holdOnEveryReplica_asTheStreamOrders(@ForAll("ops") List<Op> ops)
      throws Exception {
    String ns = "p-" + UUID.randomUUID();
    List<Fleets.Replica> replicas = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int i = 0; i < 3; i++) {
        replicas.add(
            Fleets.Replica.join(
                redis.uri(),
                ns,
                keys.getPublic(),
                Duration.ofSeconds(30),
                Fleets.load(Fleets.document(1, 100))));
      }
      // Each replica issues its own changes, in order, concurrently with the others.
      List<Future<List<Issued>>> issuing = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int replica = i;
        issuing.add(
            pool.submit(
                () -> {
                  List<Issued> out = new ArrayList<>();
                  for (Op op : ops) {
                    if (op.replica() == replica) {
                      out.add(new Issued(op, issue(replicas.get(replica).fleet(), op)));
                    }
                  }
                  return out;
                }));
      }
      List<Issued> issued = new ArrayList<>();
      for (Future<List<Issued>> f : issuing) {
        issued.addAll(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      issued.sort(Comparator.comparing(i -> StreamId.parse(i.receipt().streamId())));
      String last = issued.get(issued.size() - 1).receipt().streamId();
      for (Fleets.Replica r : replicas) {
        r.fleet().whenApplied(last).get(WAIT_SECONDS, TimeUnit.SECONDS); // the acknowledgement
      }

      // The reference model: the changes in stream order.
      Set<String> suspended = new HashSet<>();
      Set<String> disabled = new HashSet<>();
      for (Issued i : issued) {
        switch (i.op().kind()) {
          case SUSPEND -> suspended.add(i.op().target());
          case REINSTATE -> suspended.remove(i.op().target());
          case DISABLE -> disabled.add(i.op().target());
          case ENABLE -> disabled.remove(i.op().target());
          default -> throw new AssertionError(i);
        }
      }
      for (Fleets.Replica r : replicas) {
        for (String p : PRINCIPALS) {
          for (ToolId t : TOOLS) {
            Decision d = r.engine().decide(p, t, ResourceId.NONE);
            Set<Reason> expected = new HashSet<>();
            if (suspended.contains(p)) {
              expected.add(Reason.PRINCIPAL_INACTIVE);
            }
            if (disabled.contains(t.toString())) {
              expected.add(Reason.TOOL_DISABLED);
            }
            if (expected.isEmpty()) {
              expected.add(Reason.PERMITTED);
            }
            assertThat(d.reason())
                .as("%s calling %s on %s", p, t, r.fleet().replicaId())
                .isIn(expected);
          }
        }
        assertThat(r.engine().killSwitches().suspended())
            .containsExactlyInAnyOrderElementsOf(suspended);
      }

      Map<String, Set<Integer>> issuersByTarget = new HashMap<>();
      ops.forEach(
          o -> issuersByTarget.computeIfAbsent(o.target(), k -> new HashSet<>()).add(o.replica()));
      boolean contended = issuersByTarget.values().stream().anyMatch(s -> s.size() > 1);
      Statistics.label("one target from several replicas").collect(contended);
      Statistics.label("switched at the end").collect(!suspended.isEmpty() || !disabled.isEmpty());
      Statistics.label("one target from several replicas")
          .coverage(c -> c.check(true).count(n -> n > 0));
      Statistics.label("switched at the end")
          .coverage(
              c -> {
                c.check(true).count(n -> n > 0);
                c.check(false).count(n -> n > 0);
              });
    } finally {
      pool.shutdownNow();
      replicas.forEach(Fleets.Replica::close);
    }
  }

  record Issued(Op op, FleetReceipt receipt) {}

  static FleetReceipt issue(RedisFleet fleet, Op op) {
    FleetReceipt r =
        switch (op.kind()) {
          case SUSPEND -> fleet.suspend(op.target());
          case REINSTATE -> fleet.reinstate(op.target());
          case DISABLE -> fleet.disableTool(ToolId.parse(op.target()));
          case ENABLE -> fleet.enableTool(ToolId.parse(op.target()));
          default -> throw new AssertionError(op);
        };
    if (!r.persisted()) {
      throw new AssertionError("Redis is up, yet " + op + " was not persisted");
    }
    return r;
  }
}
