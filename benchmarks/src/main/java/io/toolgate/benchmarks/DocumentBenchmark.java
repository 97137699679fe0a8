package io.toolgate.benchmarks;

import io.toolgate.Policy;
import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import io.toolgate.document.PolicyWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading and compiling a policy document of 100,000 grants (parse, validate with locations,
 * digest, build the indexes), in YAML and JSON, next to building the same policy in code.
 *
 * <p>Run: {@code benchmarks/run.sh full DocumentBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DocumentBenchmark {

  /** Grants in the document. */
  @Param({"100000"})
  public int grants;

  private byte[] yaml;
  private byte[] json;
  private PolicyLoader loader;

  @Setup(Level.Trial)
  public void setUp() {
    Policy policy = Workloads.whitelist(grants);
    PolicyWriter writer = new PolicyWriter(List.of());
    yaml = writer.write(policy, DocumentFormat.YAML).getBytes(StandardCharsets.UTF_8);
    json = writer.write(policy, DocumentFormat.JSON).getBytes(StandardCharsets.UTF_8);
    loader = PolicyLoader.builder().sections(List.of()).build();
    if (loader.load("bench.yaml", yaml, DocumentFormat.YAML, null).entries().get("agent").size()
        != grants) {
      throw new IllegalStateException("the document must hold every grant");
    }
  }

  @Benchmark
  public Policy loadYaml() {
    return loader.load("bench.yaml", yaml, DocumentFormat.YAML, null);
  }

  @Benchmark
  public Policy loadJson() {
    return loader.load("bench.json", json, DocumentFormat.JSON, null);
  }

  /** The same policy built in code: what compiling costs without any document work. */
  @Benchmark
  public Policy baselineBuildInCode() {
    return Workloads.whitelist(grants);
  }
}
