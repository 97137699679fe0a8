package io.toolgate.examples;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.Signatures;
import io.toolgate.redis.FleetReceipt;
import io.toolgate.redis.RedisFleet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolgate.jar fleet-gateway}: one replica of a fleet on Redis, driven by line commands on
 * standard input, so that two of them in two terminals show a kill switch and a policy reaching
 * both (README, "Running a fleet").
 */
@Command(
    name = "fleet-gateway",
    header = "Run one replica of a fleet on Redis, driven by commands on standard input.",
    description = {
      "Commands, one per line (answers on standard output):",
      "  decide PRINCIPAL TOOL [RESOURCE]   the decision, with its reason and policy version",
      "  suspend|reinstate|decommission PRINCIPAL, disable|enable TOOL, revoke DELEGATION-ID",
      "                                     a kill switch for the whole fleet",
      "  publish FILE                       publish FILE, signed in FILE.sig, as the fleet's policy",
      "  status                             serving or not, policy version, changes waiting for Redis",
      "  quit                               leave the fleet (also at the end of input)"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:quit", "1:the replica failed", "2:usage error or unreadable files"})
final class FleetGatewayCommand implements Callable<Integer> {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--redis",
      required = true,
      paramLabel = "URI",
      description = "the fleet's Redis, e.g. redis://127.0.0.1:6379")
  String redis;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "PUBLIC.pem",
      description = "the public key the fleet's policies are signed with (keygen's PREFIX.pub)")
  Path key;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "the policy to start with, until the fleet's own (signed: FILE.sig)")
  Path policy;

  @Option(
      names = "--namespace",
      defaultValue = "toolgate",
      paramLabel = "NAME",
      description = "the prefix of the fleet's keys (default ${DEFAULT-VALUE})")
  String namespace;

  @Option(
      names = "--staleness",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "deny everything after this long without Redis (default ${DEFAULT-VALUE})")
  long staleness;

  @Option(names = "--id", paramLabel = "NAME", description = "this replica's name")
  String id;

  FleetGatewayCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    PublicKey publicKey;
    Policy start;
    try {
      publicKey = Signatures.publicKey(Files.readString(key));
      start =
          PolicyLoader.builder().trustedKey(publicKey).requireSignature(true).build().load(policy);
    } catch (NoSuchFileException e) {
      err.println("fleet-gateway: no such file: " + e.getFile());
      return 2;
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
      err.println("fleet-gateway: " + e.getMessage().lines().findFirst().orElse(""));
      return 2;
    }
    if (staleness < 1) {
      err.println("fleet-gateway: --staleness must be at least 1 second");
      return 2;
    }
    RedisFleet.Builder b =
        RedisFleet.builder()
            .redis(redis)
            .namespace(namespace)
            .staleness(Duration.ofSeconds(staleness))
            .policyKey(publicKey);
    if (id != null) {
      b.replicaId(id);
    }
    try (RedisFleet fleet = b.build()) {
      DecisionEngine engine = fleet.join(DecisionEngine.builder(start));
      try {
        fleet.whenReady().get(staleness, TimeUnit.SECONDS);
        out.println(
            "ready: replica " + fleet.replicaId() + ", policy " + engine.policy().version());
      } catch (TimeoutException e) {
        out.println("not ready: Redis at " + redis + " does not answer; every call is denied");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] w = line.trim().split("\\s+");
        if (w[0].equals("quit")) {
          break;
        }
        if (!w[0].isEmpty()) {
          out.println(answer(fleet, engine, w));
        }
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (IOException | ExecutionException | RuntimeException e) {
      err.println("fleet-gateway failed: " + e);
      return 1;
    }
  }

  private static String answer(RedisFleet fleet, DecisionEngine engine, String[] w) {
    try {
      return switch (w[0]) {
        case "decide" -> {
          Decision d =
              engine.decide(
                  w[1], ToolId.parse(w[2]), w.length > 3 ? ResourceId.of(w[3]) : ResourceId.NONE);
          yield (d.isAllowed() ? "ALLOW " : "DENY ")
              + d.reason()
              + " (policy "
              + d.policyVersion()
              + ")";
        }
        case "suspend" -> receipt(fleet.suspend(w[1]));
        case "reinstate" -> receipt(fleet.reinstate(w[1]));
        case "decommission" -> receipt(fleet.decommission(w[1]));
        case "disable" -> receipt(fleet.disableTool(ToolId.parse(w[1])));
        case "enable" -> receipt(fleet.enableTool(ToolId.parse(w[1])));
        case "revoke" -> receipt(fleet.revokeDelegation(w[1]));
        case "publish" -> {
          Path file = Path.of(w[1]);
          String text = Files.readString(file);
          String sig = Files.readString(file.resolveSibling(file.getFileName() + ".sig"));
          yield "published "
              + fleet
                  .publishPolicy(text, DocumentFormat.ofFileName(file.toString()), sig)
                  .streamId();
        }
        case "status" ->
            (fleet.serving() ? "serving" : "not serving")
                + ", policy "
                + engine.policy().version()
                + ", "
                + fleet.unpublished()
                + " change(s) waiting for Redis, "
                + fleet.policyRefusals()
                + " policy refusal(s)";
        default -> "unknown command '" + w[0] + "' (decide, suspend, ..., publish, status, quit)";
      };
    } catch (ArrayIndexOutOfBoundsException e) {
      return "missing argument for '" + w[0] + "'";
    } catch (DocumentException e) {
      return "refused: " + e.getMessage().lines().findFirst().orElse("");
    } catch (IOException | RuntimeException e) {
      return "error: " + e.getMessage();
    }
  }

  private static String receipt(FleetReceipt r) {
    return r.persisted()
        ? "applied here; in Redis as " + r.streamId()
        : "applied here; Redis unreachable, will be replayed (" + r.opId() + ")";
  }
}
