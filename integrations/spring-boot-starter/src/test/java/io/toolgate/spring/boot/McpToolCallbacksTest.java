package io.toolgate.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.springai.GuardedToolCallback;
import io.toolgate.springai.GuardedToolCallbackProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.mcp.McpToolNamePrefixGenerator;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spring AI's MCP tool callbacks ({@link SyncMcpToolCallbackProvider} over a real MCP Java SDK
 * client) to a real MCP server on 127.0.0.1, in an application with the starter: the provider bean
 * is wrapped, so the model is offered only what the caller could call, and a refused call never
 * reaches the server.
 */
@SpringBootTest(
    classes = McpToolCallbacksTest.McpApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "toolgate.tools.agent-id=assistant",
      "toolgate.tools.resources.read_note=note:{id}"
    })
@DirtiesContext
class McpToolCallbacksTest {
  /** alice may do anything; her assistant may read public notes only, and never wipe. */
  static final String POLICY =
      """
      version: 1
      principals:
        - id: alice
          type: user
          allow:
            - tools: ["spring-ai/*"]
              resources: ["**"]
        - id: assistant
          type: agent
          allow:
            - tools: ["spring-ai/read_note"]
              resources: ["note:public-*"]
      """;

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;

  @BeforeAll
  static void policy() {
    Policies.write(dir.resolve("policy.yaml"), POLICY);
  }

  @DynamicPropertySource
  static void location(DynamicPropertyRegistry registry) {
    registry.add("toolgate.policy.location", () -> dir.resolve("policy.yaml").toString());
    registry.add("notes.base-dir", () -> dir.resolve("tomcat").toString());
  }

  /**
   * The MCP server: the SDK's Streamable HTTP servlet in an embedded Tomcat on 127.0.0.1 (a free
   * port), with two tools whose bodies record that they ran. Nothing guards it: the guard is in the
   * client application.
   */
  static final class NotesServer implements AutoCloseable {
    final List<String> runs = new CopyOnWriteArrayList<>();
    private final Tomcat tomcat = new Tomcat();
    private final McpSyncServer server;

    NotesServer(String baseDir) throws Exception {
      HttpServletStreamableServerTransportProvider transport =
          HttpServletStreamableServerTransportProvider.builder()
              .jsonMapper(McpJsonDefaults.getMapper())
              .mcpEndpoint("/mcp")
              .httpHeaderValidator(
                  DefaultServerTransportSecurityValidator.builder()
                      .allowedHost("127.0.0.1:*")
                      .build())
              .build();
      server =
          McpServer.sync(transport)
              .serverInfo("notes", "1.0.0")
              .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
              .tools(tool("read_note", "Reads a note."), tool("wipe_notes", "Deletes every note."))
              .build();
      tomcat.setBaseDir(baseDir);
      tomcat.setHostname("127.0.0.1");
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      tomcat.setPort(0);
      Context context = tomcat.addContext("", null);
      Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
      servlet.setAsyncSupported(true);
      context.addServletMappingDecoded("/mcp", "mcp");
      tomcat.start();
    }

    String url() {
      return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    /** A tool taking one string argument {@code id}, whose body records that it ran. */
    private SyncToolSpecification tool(String name, String description) {
      McpSchema.Tool tool =
          McpSchema.Tool.builder(
                  name,
                  Map.of(
                      "type", "object",
                      "properties", Map.of("id", Map.of("type", "string")),
                      "required", List.of("id")))
              .description(description)
              .build();
      return SyncToolSpecification.builder()
          .tool(tool)
          .callHandler(
              (exchange, request) -> {
                runs.add(name + " " + request.arguments().get("id"));
                return McpSchema.CallToolResult.builder()
                    .addTextContent("note " + request.arguments().get("id"))
                    .isError(false)
                    .build();
              })
          .build();
    }

    @Override
    public void close() throws LifecycleException {
      try {
        server.closeGracefully();
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }

  /** An application whose tools come from an MCP server through Spring AI's MCP support. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class McpApplication {
    @Bean(destroyMethod = "close")
    NotesServer notesServer(@Value("${notes.base-dir}") String baseDir) throws Exception {
      return new NotesServer(baseDir);
    }

    /** The client closes before the server: it depends on it. */
    @Bean(destroyMethod = "close")
    McpSyncClient notesClient(NotesServer server) {
      McpSyncClient client =
          McpClient.sync(
                  HttpClientStreamableHttpTransport.builder(server.url())
                      .endpoint("/mcp")
                      .jsonMapper(McpJsonDefaults.getMapper())
                      .build())
              .requestTimeout(TIMEOUT)
              .initializationTimeout(TIMEOUT)
              .build();
      client.initialize();
      return client;
    }

    @Bean
    ToolCallbackProvider notes(McpSyncClient client) {
      return SyncMcpToolCallbackProvider.builder()
          .mcpClients(client)
          .toolNamePrefixGenerator(McpToolNamePrefixGenerator.noPrefix())
          .build();
    }

    @Bean
    ScriptedChatModel chatModel() {
      return new ScriptedChatModel();
    }

    @Bean
    ChatClient chatClient(ScriptedChatModel model, ToolCallbackProvider notes) {
      return TestApplication.chatOver(model, notes);
    }
  }

  @Autowired ChatClient chat;
  @Autowired ScriptedChatModel model;
  @Autowired ToolCallbackProvider notes;
  @Autowired NotesServer server;

  @AfterEach
  void reset() {
    SecurityContextHolder.clearContext();
    model.reset();
    server.runs.clear();
  }

  String ask(String tool, String arguments) {
    ShopApplicationTest.signIn("alice");
    model.willCall(tool, arguments);
    return chat.prompt("please").call().content();
  }

  @Test
  void mcpProvider_allowedCall_reachesTheServerTool() {
    String answer = ask("read_note", "{\"id\":\"public-1\"}");
    assertThat(server.runs).containsExactly("read_note public-1");
    assertThat(answer).contains("model read: ").contains("note public-1");
  }

  @Test
  void mcpProvider_deniedCall_neverReachesTheServer_andTheModelReadsTheReason() {
    String answer = ask("read_note", "{\"id\":\"secret-1\"}");
    assertThat(server.runs).isEmpty();
    assertThat(answer).contains("model read: Denied by Toolgate: DENY NOT_PERMITTED");
  }

  @Test
  void mcpProvider_hiddenToolIsNotOffered_andCalledAnywayIsDenied() {
    ask("read_note", "{\"id\":\"public-2\"}");
    assertThat(model.offered.get(0)).containsExactly("read_note");

    assertThat(notes).isInstanceOf(GuardedToolCallbackProvider.class);
    GuardedToolCallback wipe =
        ((GuardedToolCallbackProvider) notes)
            .all().stream()
                .filter(t -> t.toolId().name().equals("wipe_notes"))
                .findFirst()
                .orElseThrow();
    ShopApplicationTest.signIn("alice");
    assertThat(wipe.call("{\"id\":\"all\"}")).startsWith("Denied by Toolgate: DENY");
    assertThat(server.runs).containsExactly("read_note public-2");
  }
}
