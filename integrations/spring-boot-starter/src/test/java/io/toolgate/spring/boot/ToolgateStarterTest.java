package io.toolgate.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.springai.GuardedToolCallback;
import io.toolgate.springai.GuardedToolCallbackProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A Spring Boot application with the starter, a real ChatClient and real @Tool methods; only the
 * chat model is scripted. The caller is Spring Security's authenticated user acting through the
 * agent 'assistant' ({@code toolgate.tools.agent-id}).
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "toolgate.tools.agent-id=assistant",
      "toolgate.tools.resources.get_order=order:{order}",
      "toolgate.tools.resources.refund=order:{order}",
      "management.endpoints.web.exposure.include=toolgate",
      "management.endpoint.toolgate.access=unrestricted"
    })
@DirtiesContext
class ToolgateStarterTest extends ShopApplicationTest {
  @Autowired ToolCallbackProvider shop;
  @LocalServerPort int port;

  @Test
  void chatClient_allowedCall_runsTheToolAndTheModelReadsItsResult() {
    String answer = ask("alice", "refund", "{\"order\":\"a-1\"}");
    assertThat(tools.runs).containsExactly("refund a-1");
    assertThat(answer).contains("model read: ").contains("order a-1 refunded");
  }

  @Test
  void chatClient_deniedCall_neverRunsTheToolAndTheModelReadsTheReason() {
    String answer = ask("bob", "get_order", "{\"order\":\"alice-1\"}");
    assertThat(tools.runs).isEmpty();
    assertThat(answer)
        .contains("model read: Denied by Toolgate: DENY NOT_PERMITTED")
        .contains(engine.policy().version());
  }

  @Test
  void chatClient_offersEachCallerOnlyTheToolsItCouldCall() {
    ask("alice", "get_order", "{\"order\":\"a-1\"}");
    ask("bob", "get_order", "{\"order\":\"bob-1\"}");
    // delete_all: the assistant may not; refund: bob may not.
    assertThat(model.offered.get(0)).containsExactlyInAnyOrder("get_order", "refund");
    assertThat(model.offered.get(2)).containsExactly("get_order");
    assertThat(tools.runs).containsExactly("get_order a-1", "get_order bob-1");
  }

  @Test
  void toolCallbackProviderBean_isGuarded() {
    assertThat(shop).isInstanceOf(GuardedToolCallbackProvider.class);
    assertThat(shop.getToolCallbacks()).isEmpty(); // nobody signed in: nothing offered
  }

  @Test
  void endpoint_showsTheVersionToViewersAndSuspendsForAdmins() throws Exception {
    assertThat(get(null).statusCode()).isEqualTo(401);
    HttpResponse<String> view = get("viewer:viewer-secret");
    assertThat(view.statusCode()).isEqualTo(200);
    assertThat(view.body()).contains("\"policyVersion\":\"" + engine.policy().version() + "\"");
    assertThat(post("viewer:viewer-secret", "suspend/alice").statusCode()).isEqualTo(403);
    assertThat(engine.killSwitches().suspended()).isEmpty();

    HttpResponse<String> suspended = post("ops:ops-secret", "suspend/alice");
    assertThat(suspended.statusCode()).isEqualTo(200);
    assertThat(suspended.body()).contains("\"suspended\":[\"alice\"]");
    try {
      // alice is offered nothing now, and a call the model makes anyway is denied.
      signIn("alice");
      assertThat(chat.prompt("please").call().content()).isEqualTo("no tool needed");
      assertThat(model.offered).containsExactly(List.of());
      GuardedToolCallback getOrder =
          ((GuardedToolCallbackProvider) shop)
              .all().stream()
                  .filter(t -> t.toolId().name().equals("get_order"))
                  .findFirst()
                  .orElseThrow();
      assertThat(getOrder.call("{\"order\":\"a-1\"}"))
          .startsWith("Denied by Toolgate: DENY PRINCIPAL_INACTIVE");
      assertThat(tools.runs).isEmpty();
    } finally {
      assertThat(post("ops:ops-secret", "reinstate/alice").statusCode()).isEqualTo(200);
    }
    assertThat(engine.killSwitches().suspended()).isEmpty();
    assertThat(post("ops:ops-secret", "explode/alice").statusCode()).isEqualTo(400);
  }

  HttpResponse<String> get(String credentials) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri("")).GET(), credentials);
  }

  HttpResponse<String> post(String credentials, String path)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri("/" + path)).POST(HttpRequest.BodyPublishers.noBody()),
        credentials);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + "/actuator/toolgate" + path);
  }

  static HttpResponse<String> send(HttpRequest.Builder request, String credentials)
      throws IOException, InterruptedException {
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
