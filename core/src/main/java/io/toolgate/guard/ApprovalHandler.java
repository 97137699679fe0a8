package io.toolgate.guard;

import io.toolgate.Approval;
import io.toolgate.Decision;
import io.toolgate.Request;
import java.util.concurrent.CompletionStage;

/**
 * Asks someone to approve a call the policy allows only with approval ({@link
 * io.toolgate.Obligation#APPROVAL}): a person in a chat, a ticket, a second service, the MCP client
 * through elicitation ({@code io.toolgate.mcp.McpGuard}). {@link ToolGuard} asks it before running
 * such a call, waits at most its approval deadline, and runs the call only on {@link
 * Approval.Granted}.
 *
 * <p>Contract: answer with a stage that completes with {@link Approval#granted} or {@link
 * Approval#refused}, naming who answered. Everything else refuses the call: a stage that completes
 * exceptionally or with null, an exception thrown here, a null stage (reason {@link
 * io.toolgate.Reason#APPROVAL_DENIED}), no completion before the deadline ({@link
 * io.toolgate.Reason#APPROVAL_TIMEOUT}; the guard then cancels the stage's future). Implementations
 * must be thread-safe: the guard asks from every calling thread.
 */
@FunctionalInterface
public interface ApprovalHandler {
  /**
   * Asks for approval of one call.
   *
   * @param request the call, as the engine decided it (its resource derived from the arguments)
   * @param decision the allow awaiting approval: which rules allow the call, the policy version
   * @return the answer, possibly not yet known
   */
  CompletionStage<Approval> ask(Request request, Decision decision);
}
