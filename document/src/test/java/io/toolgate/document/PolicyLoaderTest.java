package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.ErrorCode;
import io.toolgate.LifecycleState;
import io.toolgate.Policy;
import io.toolgate.Reason;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of()).build();

  @TempDir Path dir;

  static Path resource(String name) {
    try {
      return Path.of(PolicyLoaderTest.class.getResource("/documents/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void load_validCoreDocument_decidesAsWritten() {
    Policy p = LOADER.load(resource("valid/core.yaml"));
    assertThat(p.version()).startsWith("sha256:");
    assertThat(p.hasToolCatalog()).isTrue();
    assertThat(p.principal("triage-bot").orElseThrow().expiry())
        .contains(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(p.principal("old-bot").orElseThrow().state())
        .isEqualTo(LifecycleState.DECOMMISSIONED);
    assertThat(p.maxDelegationDepth()).isEqualTo(3);
    assertThat(p.delegationLimits()).containsEntry("triage-bot", 1);
    DecisionEngine e =
        DecisionEngine.builder(p).clock(() -> Instant.parse("2026-11-22T10:00:00Z")).build();
    DelegationChain triage = DelegationChain.onBehalfOf("alice", "triage-bot");
    ToolId list = ToolId.parse("github/list_issues");
    ToolId label = ToolId.parse("github/add_label");
    Decision read = e.decide(Request.of(triage, list, ResourceId.of("repo:acme/api")));
    assertThat(read.isAllowed()).isTrue();
    assertThat(read.ruleIds()).containsExactly("alice/allow/0", "triage-read");
    assertThat(read.policyVersion()).isEqualTo(p.version());
    assertThat(e.decide(Request.of(triage, list, ResourceId.of("repo:acme/secret-keys"))).reason())
        .isEqualTo(Reason.EXPLICIT_DENY);
    assertThat(e.canInvoke(triage, label, ResourceId.of("repo:acme/support-web"))).isTrue();
    assertThat(e.decide(Request.of(triage, label, ResourceId.of("repo:acme/api"))).reason())
        .isEqualTo(Reason.NOT_PERMITTED);
    assertThat(e.decide(Request.of(triage, label, ResourceId.of("repo:acme/unlisted"))).reason())
        .isEqualTo(Reason.UNKNOWN_RESOURCE);
    assertThat(e.decide("alice", ToolId.parse("gitlab/x"), ResourceId.of("repo:acme/api")).reason())
        .isEqualTo(Reason.UNKNOWN_TOOL);
    assertThat(e.decide("old-bot", list, ResourceId.of("repo:acme/api")).reason())
        .isEqualTo(Reason.PRINCIPAL_INACTIVE);
    assertThat(e.canInvoke("indexer", ToolId.parse("fs/read_file"), ResourceId.NONE)).isTrue();
    assertThat(
            e.decide(
                    Request.of(
                        triage.then("indexer"), ToolId.parse("fs/read_file"), ResourceId.NONE))
                .reason())
        .isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void version_sameContentInJsonAndYamlAndAnyKeyOrder_isTheSameDigest() {
    Policy yaml = LOADER.load(resource("valid/core.yaml"));
    Policy json = LOADER.load(resource("valid/core.json"));
    assertThat(json.version()).isEqualTo(yaml.version());
    Policy changed =
        LOADER.load(
            "x.yaml",
            (new String(readAll(resource("valid/core.yaml")), StandardCharsets.UTF_8)
                    .replace("maxDepth: 3", "maxDepth: 2"))
                .getBytes(StandardCharsets.UTF_8),
            DocumentFormat.YAML,
            null);
    assertThat(changed.version()).isNotEqualTo(yaml.version());
  }

  @Test
  void limits_documentOverTheByteLimit_isRefusedBeforeParsing() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "version: 1\n# " + "x".repeat(5_000) + "\n");
    PolicyLoader small =
        PolicyLoader.builder()
            .sections(List.of())
            .limits(new DocumentLimits(1_000, 32, 1_000, 1_000))
            .build();
    assertThat(small.validate(big))
        .extracting(DocumentProblem::toString)
        .containsExactly(big + ":1:1: the document is larger than the limit of 1000 bytes");
  }

  @Test
  void limits_tooManyTokens_isRefusedWithTheLimitNamed() {
    StringBuilder doc = new StringBuilder("version: 1\nprincipals:\n");
    for (int i = 0; i < 200; i++) {
      doc.append("  - {id: p").append(i).append(", type: user}\n");
    }
    PolicyLoader small =
        PolicyLoader.builder()
            .sections(List.of())
            .limits(new DocumentLimits(1 << 20, 32, 1_000, 300))
            .build();
    assertThatThrownBy(
            () ->
                small.load(
                    "many.yaml",
                    doc.toString().getBytes(StandardCharsets.UTF_8),
                    DocumentFormat.YAML,
                    null))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p.message())
                                .startsWith("the document breaks a limit")
                                .contains("300")));
  }

  @Test
  void limits_customDepthAndStringLength_areEnforcedWithLocations() {
    PolicyLoader small =
        PolicyLoader.builder()
            .sections(List.of())
            .limits(new DocumentLimits(1 << 20, 3, 10, 1_000))
            .build();
    assertThat(
            small.validate(
                write(
                    "deep.yaml",
                    "version: 1\nprincipals:\n  - id: a\n    type: user\n    attributes: {x: {y: 1}}\n")))
        .extracting(p -> p.location().line() + ":" + p.location().column() + ": " + p.message())
        .containsExactly("5:17: the document nests deeper than the limit of 3 levels");
    assertThat(
            small.validate(write("long.yaml", "version: 1\nprincipals:\n  - id: a-very-long-id\n")))
        .extracting(DocumentProblem::message)
        .containsExactly("a string of 14 characters is longer than the limit of 10");
  }

  @Test
  void signature_validSignature_loads_tamperedWrongKeyOrMissing_refused() throws IOException {
    KeyPair trusted = Signatures.generateKeyPair();
    KeyPair other = Signatures.generateKeyPair();
    PolicyLoader strict =
        PolicyLoader.builder()
            .sections(List.of())
            .trustedKey(Signatures.publicKey(Signatures.toPem(trusted.getPublic())))
            .requireSignature(true)
            .build();
    byte[] doc = readAll(resource("valid/core.yaml"));
    Path file = dir.resolve("policy.yaml");
    Files.write(file, doc);

    assertThatThrownBy(() -> strict.load(file))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_DOCUMENT);
              assertThat(e.getMessage())
                  .isEqualTo(
                      file
                          + ":1:1: signature missing: this loader requires a signed document (FILE.sig)");
            });

    Files.writeString(
        dir.resolve("policy.yaml.sig"),
        Signatures.sign(doc, Signatures.privateKey(Signatures.toPem(trusted.getPrivate()))));
    assertThat(strict.load(file).principal("alice")).isPresent();

    byte[] tampered = doc.clone();
    int at = new String(doc, StandardCharsets.UTF_8).indexOf("maxDepth: 3") + "maxDepth: ".length();
    tampered[at] = '4';
    Files.write(file, tampered);
    assertThatThrownBy(() -> strict.load(file))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_DOCUMENT);
              assertThat(e.problems())
                  .singleElement()
                  .extracting(DocumentProblem::message)
                  .asString()
                  .startsWith("signature does not verify with any of the 1 trusted keys");
            });

    Files.write(file, doc);
    Files.writeString(dir.resolve("policy.yaml.sig"), Signatures.sign(doc, other.getPrivate()));
    assertThatThrownBy(() -> strict.load(file))
        .isInstanceOf(DocumentException.class)
        .hasMessageContaining("signature does not verify");

    Files.writeString(dir.resolve("policy.yaml.sig"), "not base64 at all!");
    assertThatThrownBy(() -> strict.load(file)).hasMessageContaining("signature does not verify");
  }

  @Test
  void builder_requireSignatureWithoutKeys_isAnIllegalState() {
    assertThatThrownBy(() -> PolicyLoader.builder().requireSignature(true).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writer_roundTrip_givesTheSamePolicyContentAndVersion() {
    Policy p = LOADER.load(resource("valid/core.yaml"));
    PolicyWriter writer = new PolicyWriter(List.of());
    for (DocumentFormat f : DocumentFormat.values()) {
      String text = writer.write(p, f);
      Policy back = LOADER.load("export", text.getBytes(StandardCharsets.UTF_8), f, null);
      assertThat(back.principals()).containsExactlyElementsOf(p.principals());
      assertThat(back.entries()).isEqualTo(p.entries());
      assertThat(back.tools()).containsExactlyElementsOf(p.tools());
      assertThat(back.resources()).containsExactlyElementsOf(p.resources());
      assertThat(back.delegationLimits()).isEqualTo(p.delegationLimits());
      assertThat(back.maxDelegationDepth()).isEqualTo(p.maxDelegationDepth());
      String again = writer.write(back, f);
      assertThat(again).isEqualTo(text);
    }
  }

  private Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
