package io.toolgate.audit;

import static io.toolgate.audit.AuditLogs.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.AuditArguments;
import io.toolgate.DecisionEngine;
import io.toolgate.DecisionEvent;
import io.toolgate.DelegationChain;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ToolId;
import io.toolgate.audit.AuditLogVerifier.Tamper;
import io.toolgate.audit.AuditLogVerifier.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Arguments a policy names are recorded in the audit line, as given or redacted; others never. */
@StatisticsReport(onFailureOnly = true)
class AuditArgumentsTest {
  static final ToolId TRANSFER = ToolId.parse("payments/transfer");
  static final List<String> NAMES = List.of("amount", "currency", "repo", "note", "token");
  static final Set<String> PLAIN = Set.of("amount", "currency");
  static final Set<String> REDACTED = Set.of("repo", "currency");
  static final Policy NAMING =
      Policy.builder()
          .principal(Principal.user("alice").build())
          .allow("alice", "*/*")
          .auditArguments(
              AuditArguments.plain(List.of("payments/transfer"), "amount", "currency"),
              AuditArguments.redacted(List.of("github/*", "payments/transfer"), "repo", "currency"))
          .build();
  static final Policy SILENT =
      Policy.builder().principal(Principal.user("alice").build()).allow("alice", "*/*").build();
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The event a real engine hands its listeners for {@code request}. */
  static DecisionEvent decide(Policy policy, Request request) {
    List<DecisionEvent> seen = new ArrayList<>();
    DecisionEngine.builder(policy).listener(seen::add).build().decide(request);
    assertThat(seen).hasSize(1);
    return seen.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> line(DecisionEvent event) {
    return JSON.readValue(new AuditLogListener().toJson(event), Map.class);
  }

  @Provide
  Arbitrary<Map<String, Object>> arguments() {
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            Arbitraries.strings().alpha().ofMinLength(6).ofMaxLength(12).map(s -> "secret-" + s),
            Arbitraries.integers().between(0, 1_000_000).map(i -> (Object) i),
            Arbitraries.strings()
                .alpha()
                .ofMinLength(6)
                .ofMaxLength(8)
                .map(s -> (Object) Map.of("inner", "secret-" + s)));
    return Arbitraries.maps(Arbitraries.of(NAMES), value)
        .ofMaxSize(NAMES.size())
        .map(AuditArgumentsTest::tagged);
  }

  /**
   * The values with their secrets made distinct per field, so one field's never shows another's.
   */
  static Map<String, Object> tagged(Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) ->
            out.put(
                k,
                v instanceof String s
                    ? s + "-" + k
                    : v instanceof Map<?, ?> m ? Map.of("inner", m.get("inner") + "-" + k) : v));
    return out;
  }

  @Property(tries = 200)
  void auditLine_holdsExactlyTheNamedFieldsPresent_plainOrDigested(
      @ForAll("arguments") Map<String, Object> arguments, @ForAll("tools") String tool) {
    ToolId id = ToolId.parse(tool);
    Request r = Request.builder(DelegationChain.of("alice"), id).arguments(arguments).build();
    DecisionEvent event = decide(NAMING, r);
    Map<String, Object> line = line(event);
    Set<String> named = new HashSet<>();
    if (id.equals(TRANSFER)) {
      named.addAll(PLAIN);
    }
    if (id.equals(TRANSFER) || tool.startsWith("github/")) {
      named.addAll(REDACTED);
    }
    named.retainAll(arguments.keySet());
    Map<String, Object> args = line.containsKey("args") ? castMap(line.get("args")) : Map.of();
    assertThat(line.containsKey("args")).isEqualTo(!named.isEmpty());
    assertThat(args.keySet()).isEqualTo(named);
    String text = new AuditLogListener().toJson(event);
    for (String f : named) {
      boolean redacted = REDACTED.contains(f);
      Object expected = redacted ? DecisionEvent.digest(arguments.get(f)) : arguments.get(f);
      assertThat(args.get(f)).as(f).isEqualTo(expected);
      if (redacted && !(arguments.get(f) instanceof Number)) {
        // the digest replaces the value: its secret text is nowhere in the line (a number's digits
        // may well be, so numbers are checked by the equality with the digest above)
        assertThat(text).doesNotContain(secret(arguments.get(f)));
      }
      Statistics.label("recorded").collect(redacted ? "redacted" : "plain");
    }
    Statistics.label("args")
        .collect(named.isEmpty() ? "none" : named.size() == arguments.size() ? "all" : "some");
    Statistics.label("args").coverage(c -> c.check("none").percentage(p -> p > 10));
    Statistics.label("args").coverage(c -> c.check("some").percentage(p -> p > 10));
    Statistics.label("recorded").coverage(c -> c.check("redacted").percentage(p -> p > 10));
    Statistics.label("recorded").coverage(c -> c.check("plain").percentage(p -> p > 10));
  }

  @Provide
  Arbitrary<String> tools() {
    return Arbitraries.of(
        "payments/transfer", "payments/refund", "github/create_issue", "jira/get");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  /** The secret text of a generated string or object value. */
  static String secret(Object value) {
    return value instanceof Map<?, ?> m ? (String) m.get("inner") : (String) value;
  }

  @Test
  void decision_policyNamingNothing_hasNoArgsKey() {
    Request r =
        Request.builder(DelegationChain.of("alice"), TRANSFER)
            .arguments(Map.of("amount", 12, "currency", "EUR"))
            .build();
    DecisionEvent event = decide(SILENT, r);
    assertThat(event.recordedArguments()).isEmpty();
    assertThat(line(event)).doesNotContainKey("args");
    assertThat(new AuditLogListener().toJson(event)).doesNotContain("EUR");
  }

  @Test
  void version_auditArguments_changeTheDigest() {
    assertThat(NAMING.version()).isNotEqualTo(SILENT.version());
    assertThat(NAMING.toBuilder().build().version()).isEqualTo(NAMING.version());
    assertThat(NAMING.toBuilder().build().auditArguments()).isEqualTo(NAMING.auditArguments());
  }

  @Test
  void chainedLog_tamperedArgument_isEdited(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Request r =
        Request.builder(DelegationChain.of("alice"), TRANSFER)
            .arguments(Map.of("amount", 12, "currency", "EUR"))
            .build();
    try (ChainedAuditLog log =
        ChainedAuditLog.builder(file, KEYS.getPrivate())
            .checkpointEvery(4, Duration.ofHours(1))
            .build()) {
      log.onDecision(decide(NAMING, r));
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    assertThat(lines.get(0)).contains("\"amount\":12");
    assertThat(AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic()).intact()).isTrue();
    lines.set(0, lines.get(0).replace("\"amount\":12", "\"amount\":1200"));
    Files.write(file, lines);
    Verification v = AuditLogVerifier.read(List.of(file)).verify(KEYS.getPublic());
    assertThat(v.finding().kind()).isEqualTo(Tamper.EDITED);
    assertThat(v.finding().toString()).startsWith(file + ":1: edited: ");
  }

  @Test
  void recordedArguments_fieldNamedPlainAndRedacted_isRedacted() {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("currency", "EUR");
    DecisionEvent event =
        decide(
            NAMING,
            Request.builder(DelegationChain.of("alice"), TRANSFER).arguments(given).build());
    assertThat(event.recordedArguments())
        .containsExactly(Map.entry("currency", DecisionEvent.digest("EUR")));
    assertThat(DecisionEvent.digest("EUR")).matches("sha256:[0-9a-f]{16}");
  }
}
