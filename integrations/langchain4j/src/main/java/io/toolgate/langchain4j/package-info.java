/**
 * Toolgate in front of LangChain4j tools: {@link io.toolgate.langchain4j.GuardedToolExecutor} wraps
 * the {@code ToolExecutor}s an {@code AiServices} agent runs.
 */
package io.toolgate.langchain4j;
