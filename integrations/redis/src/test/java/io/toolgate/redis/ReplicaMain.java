package io.toolgate.redis;

import io.toolgate.Decision;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.Signatures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A replica in a child JVM, for the fleet tests: joins the fleet, prints {@code ready}, then
 * answers one line per command read from stdin.
 *
 * <ul>
 *   <li>{@code decide P TOOL}: {@code decision REASON VERSION}
 *   <li>{@code await STREAM-ID}: {@code applied STREAM-ID} once applied (or {@code timeout})
 *   <li>{@code suspend P}: {@code receipt OP-ID STREAM-ID|-}
 *   <li>{@code burst P TOOL CALLS THREADS}: {@code allowed A limited L other O}, the decisions of
 *       THREADS threads making CALLS calls each
 *   <li>{@code refusals}: {@code refusals N}
 *   <li>{@code quit}: leaves the fleet and exits
 * </ul>
 *
 * <p>Arguments: the Redis URI, the namespace, the public key PEM file, the staleness in
 * milliseconds, the starting policy document file.
 */
public final class ReplicaMain {
  private ReplicaMain() {}

  /** Runs the replica until {@code quit} or the end of stdin. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (Fleets.Replica r =
        Fleets.Replica.join(
            args[0],
            args[1],
            Signatures.publicKey(Files.readString(Path.of(args[2]))),
            Duration.ofMillis(Long.parseLong(args[3])),
            Fleets.load(Files.readString(Path.of(args[4]))),
            Fleets.FIXED)) {
      out.println("ready");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] w = line.trim().split(" ");
        switch (w[0]) {
          case "decide" -> {
            Decision d = r.engine().decide(w[1], ToolId.parse(w[2]), ResourceId.NONE);
            out.println("decision " + d.reason() + " " + d.policyVersion());
          }
          case "await" -> {
            try {
              r.fleet().whenApplied(w[1]).get(Fleets.WAIT_SECONDS, TimeUnit.SECONDS);
              out.println("applied " + w[1]);
            } catch (java.util.concurrent.TimeoutException e) {
              out.println("timeout");
            }
          }
          case "suspend" -> {
            FleetReceipt receipt = r.fleet().suspend(w[1]);
            out.println(
                "receipt "
                    + receipt.opId()
                    + " "
                    + (receipt.streamId() == null ? "-" : receipt.streamId()));
          }
          case "burst" -> out.println(burst(r, w[1], ToolId.parse(w[2]), w[3], w[4]));
          case "refusals" -> out.println("refusals " + r.fleet().policyRefusals());
          case "quit" -> {
            out.println("bye");
            return;
          }
          default -> out.println("unknown " + w[0]);
        }
      }
    }
  }

  private static String burst(
      Fleets.Replica r, String principal, ToolId tool, String calls, String threads)
      throws Exception {
    int n = Integer.parseInt(calls);
    int t = Integer.parseInt(threads);
    ExecutorService pool = Executors.newFixedThreadPool(t);
    try {
      List<Future<int[]>> parts = new ArrayList<>();
      for (int i = 0; i < t; i++) {
        Callable<int[]> task = () -> Bursts.run(r.engine(), principal, tool, n);
        parts.add(pool.submit(task));
      }
      int[] sum = new int[3];
      for (Future<int[]> f : parts) {
        int[] c = f.get(Fleets.WAIT_SECONDS, TimeUnit.SECONDS);
        for (int k = 0; k < 3; k++) {
          sum[k] += c[k];
        }
      }
      return "allowed " + sum[0] + " limited " + sum[1] + " other " + sum[2];
    } finally {
      pool.shutdownNow();
    }
  }
}
