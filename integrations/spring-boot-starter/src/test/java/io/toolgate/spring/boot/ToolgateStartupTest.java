package io.toolgate.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.DecisionEngine;
import io.toolgate.ResourceId;
import io.toolgate.ToolId;
import io.toolgate.document.DocumentException;
import io.toolgate.document.Signatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Start-up: an invalid or unsigned policy fails it, located; a signed one starts. */
@ExtendWith(OutputCaptureExtension.class)
class ToolgateStartupTest {
  @TempDir Path dir;

  static SpringApplicationBuilder app(String... properties) {
    return new SpringApplicationBuilder(TestApplication.class)
        .web(WebApplicationType.NONE)
        .properties(properties);
  }

  @Test
  void start_invalidPolicy_failsWithTheLocatedProblems(CapturedOutput output) {
    Path policy = Policies.write(dir.resolve("policy.yaml"), Policies.INVALID);
    assertThatThrownBy(() -> app("toolgate.policy.location=" + policy).run().close())
        .hasRootCauseInstanceOf(DocumentException.class)
        .rootCause()
        .hasMessageContaining(policy + ":4:");
    // Spring Boot's failure report names the file, line and column.
    assertThat(output)
        .contains("The Toolgate policy document was refused:")
        .contains(policy + ":4:");
  }

  @Test
  void start_noLocation_failsSayingWhatToSet() {
    assertThatThrownBy(() -> app().run().close())
        .rootCause()
        .hasMessageContaining("toolgate.policy.location is not set");
  }

  @Test
  void start_publicKeySetAndPolicyUnsigned_fails() throws Exception {
    KeyPair keys = Signatures.generateKeyPair();
    Path key = Files.writeString(dir.resolve("toolgate.pem"), Signatures.toPem(keys.getPublic()));
    Path policy = Policies.write(dir.resolve("policy.yaml"), Policies.SHOP);
    assertThatThrownBy(
            () ->
                app("toolgate.policy.location=" + policy, "toolgate.policy.public-key=" + key)
                    .run()
                    .close())
        .rootCause()
        .isInstanceOf(DocumentException.class)
        .hasMessageContaining("signature missing");
  }

  @Test
  void start_publicKeySetAndPolicySigned_starts() throws Exception {
    KeyPair keys = Signatures.generateKeyPair();
    Path policy = Policies.write(dir.resolve("policy.yaml"), Policies.SHOP);
    Files.writeString(
        dir.resolve("policy.yaml.sig"),
        Signatures.sign(Files.readAllBytes(policy), keys.getPrivate()),
        StandardCharsets.US_ASCII);
    try (ConfigurableApplicationContext context =
        app(
                "toolgate.policy.location=file:" + policy,
                "toolgate.policy.public-key=" + Signatures.toPem(keys.getPublic()))
            .run()) {
      assertThat(context.getBean(DecisionEngine.class).policy().version()).isNotBlank();
    }
  }

  @Test
  void start_classpathPolicyWithReloadOff_startsAndDoesNotWatch() {
    try (ConfigurableApplicationContext context =
        app("toolgate.policy.location=classpath:shop-policy.yaml", "toolgate.policy.reload=false")
            .run()) {
      assertThat(context.getBean(PolicyReloading.class).watching()).isFalse();
      assertThat(
              context
                  .getBean(DecisionEngine.class)
                  .canInvoke("alice", ToolId.parse("spring-ai/refund"), ResourceId.NONE))
          .isTrue();
    }
  }
}
