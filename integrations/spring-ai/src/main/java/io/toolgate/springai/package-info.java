/**
 * Toolgate in front of Spring AI tools. {@link io.toolgate.springai.ToolCallbackGuard} wraps a
 * {@code ToolCallback} into a {@link io.toolgate.springai.GuardedToolCallback}, whose every call is
 * decided before it runs, and a {@code ToolCallbackProvider} (the MCP client's too) into a {@link
 * io.toolgate.springai.GuardedToolCallbackProvider}, which offers each caller only the tools it
 * could call. The caller is found by a {@link io.toolgate.springai.ChainResolver}; a refusal
 * follows the {@link io.toolgate.springai.DenialMode}.
 */
package io.toolgate.springai;
