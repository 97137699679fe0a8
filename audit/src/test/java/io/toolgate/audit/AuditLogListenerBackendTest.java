package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.helpers.NOPLoggerFactory;

/** The audit listener warns when no SLF4J backend would write its lines. */
class AuditLogListenerBackendTest {
  @Test
  void auditListener_detectsAMissingLoggingBackend() {
    assertThat(AuditLogListener.hasProvider(new NOPLoggerFactory(), NOPLogger.NOP_LOGGER))
        .isFalse();
    assertThat(
            AuditLogListener.hasProvider(
                LoggerFactory.getILoggerFactory(),
                LoggerFactory.getLogger(AuditLogListener.LOGGER_NAME)))
        .isTrue();
  }
}
