package io.toolgate.springai;

import io.toolgate.AccessDeniedException;

/** What a guarded tool does with a call it refuses; in neither case does the tool's body run. */
public enum DenialMode {
  /**
   * The call returns {@code Denied by Toolgate: <decision>} as the tool's result, so the model sees
   * the reason and can tell the user; the conversation goes on. The default.
   */
  RESULT,
  /**
   * The call throws {@link AccessDeniedException} carrying the decision. Spring AI's tool calling
   * manager does not turn it into a tool result, so it ends the chat call with the exception.
   */
  THROW
}
