package io.toolgate.spring.boot;

import io.toolgate.DecisionEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop application on a policy file of its own (Policies.SHOP in a temporary directory), with a
 * chat as a signed-in user.
 */
abstract class ShopApplicationTest {
  @TempDir static Path dir;

  @BeforeAll
  static void policy() {
    Policies.write(dir.resolve("policy.yaml"), Policies.SHOP);
  }

  @DynamicPropertySource
  static void location(DynamicPropertyRegistry registry) {
    registry.add("toolgate.policy.location", () -> dir.resolve("policy.yaml").toString());
  }

  @Autowired ChatClient chat;
  @Autowired ScriptedChatModel model;
  @Autowired TestApplication.ShopTools tools;
  @Autowired DecisionEngine engine;

  @AfterEach
  void reset() {
    SecurityContextHolder.clearContext();
    model.reset();
    tools.runs.clear();
  }

  static void signIn(String user) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
  }

  /** Signs {@code user} in and chats once, the model asking for {@code tool}; the answer. */
  String ask(String user, String tool, String arguments) {
    signIn(user);
    model.willCall(tool, arguments);
    return chat.prompt("please").call().content();
  }
}
