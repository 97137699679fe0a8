package io.toolgate.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolgate.Approval;
import io.toolgate.Decision;
import io.toolgate.DelegationChain;
import io.toolgate.Request;
import io.toolgate.guard.ApprovalHandler;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The approval handler of one MCP tool call: asks the calling client with {@code
 * elicitation/create} (a form with an optional comment) and grants the call when the user accepts;
 * a decline or cancel refuses it. A client that declared no elicitation capability cannot be asked,
 * so the call is refused (the stage fails, the guard denies with {@code APPROVAL_DENIED}).
 *
 * <p>The request is sent from a thread of its own, so the guard's deadline holds even though the
 * SDK's exchange blocks: on a timeout the guard stops waiting and that thread ends when the SDK's
 * own request timeout does.
 */
final class ElicitationApprovals implements ApprovalHandler {
  /** The form: an optional comment the user may add. */
  static final Map<String, Object> SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of(
              "comment",
              Map.of(
                  "type",
                  "string",
                  "title",
                  "Comment",
                  "description",
                  "Why you approve or refuse (optional)")));

  private final McpSyncServerExchange exchange;
  private final DelegationChain caller;
  private final InstantSource clock;

  ElicitationApprovals(
      McpSyncServerExchange exchange, DelegationChain caller, InstantSource clock) {
    this.exchange = exchange;
    this.caller = caller;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Approval> ask(Request request, Decision decision) {
    McpSchema.ClientCapabilities capabilities =
        exchange == null ? null : exchange.getClientCapabilities();
    if (capabilities == null || capabilities.elicitation() == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "the MCP client declares no elicitation capability, so no one can approve the call"));
    }
    McpSchema.ElicitRequest elicit =
        McpSchema.ElicitRequest.builder()
            .message(message(request, decision))
            .requestedSchema(SCHEMA)
            .meta(Map.of(McpGuard.META_KEY, meta(request, decision)))
            .build();
    CompletableFuture<Approval> answer = new CompletableFuture<>();
    Thread asking =
        new Thread(
            () -> {
              try {
                answer.complete(approval(exchange.createElicitation(elicit)));
              } catch (RuntimeException e) {
                answer.completeExceptionally(e);
              }
            },
            "toolgate-elicitation");
    asking.setDaemon(true);
    asking.start();
    return answer;
  }

  /** The user's answer as an approval: accept grants, decline and cancel refuse. */
  private Approval approval(McpSchema.ElicitResult result) {
    String approver = approver();
    Object comment = result.content() == null ? null : result.content().get("comment");
    String why = comment instanceof String s ? s : "";
    return switch (result.action()) {
      case ACCEPT -> Approval.granted(approver, clock.instant());
      case DECLINE -> Approval.refused(approver, clock.instant(), why.isEmpty() ? "declined" : why);
      case CANCEL -> Approval.refused(approver, clock.instant(), why.isEmpty() ? "cancelled" : why);
    };
  }

  /** Who answered: the calling chain's origin, through the named client. */
  private String approver() {
    McpSchema.Implementation client = exchange.getClientInfo();
    return caller.origin() + (client == null ? "" : " via MCP client " + client.name());
  }

  private static String message(Request request, Decision decision) {
    return "Approve "
        + request.tool()
        + (request.resource().value().isEmpty() ? "" : " on " + request.resource())
        + " for "
        + String.join(" -> ", request.chain().principals())
        + "? The policy ("
        + String.join(", ", decision.ruleIds())
        + ") allows it only with approval.";
  }

  private static Map<String, Object> meta(Request request, Decision decision) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("tool", request.tool().toString());
    meta.put("resource", request.resource().value());
    meta.put("chain", request.chain().principals());
    meta.put("rules", decision.ruleIds());
    meta.put("policyVersion", decision.policyVersion());
    return meta;
  }
}
