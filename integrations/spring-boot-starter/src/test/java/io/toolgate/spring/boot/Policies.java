package io.toolgate.spring.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The test policies, written as an operator would: replaced atomically. */
final class Policies {
  private Policies() {}

  /**
   * alice may use every shop tool, bob may read his own orders, the assistant reads and refunds.
   */
  static final String SHOP =
      """
      version: 1
      principals:
        - id: alice
          type: user
          allow:
            - tools: ["spring-ai/*"]
              resources: ["**"]
        - id: bob
          type: user
          allow:
            - tools: ["spring-ai/get_order"]
              resources: ["order:bob-*"]
        - id: assistant
          type: agent
          allow:
            - tools: ["spring-ai/get_order", "spring-ai/refund"]
              resources: ["**"]
      """;

  /** SHOP, and bob may refund his own orders too. */
  static final String BOB_REFUNDS =
      SHOP.replace(
          "tools: [\"spring-ai/get_order\"]\n",
          "tools: [\"spring-ai/get_order\", \"spring-ai/refund\"]\n");

  /** Line 4, column 11: an unknown principal type. */
  static final String INVALID =
      """
      version: 1
      principals:
        - id: alice
          type: robot
      """;

  static Path write(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".policy", ".tmp");
      Files.writeString(tmp, text);
      return Files.move(
          tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
