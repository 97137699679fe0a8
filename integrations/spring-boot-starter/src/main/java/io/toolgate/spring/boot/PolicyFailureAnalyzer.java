package io.toolgate.spring.boot;

import io.toolgate.document.DocumentException;
import io.toolgate.document.DocumentProblem;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused policy document at start-up as its located problems, one per line. */
final class PolicyFailureAnalyzer extends AbstractFailureAnalyzer<DocumentException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DocumentException cause) {
    String problems =
        cause.problems().stream().map(DocumentProblem::toString).collect(Collectors.joining("\n"));
    return new FailureAnalysis(
        "The Toolgate policy document was refused:\n" + problems,
        "Correct the document (each problem is FILE:LINE:COLUMN), or point"
            + " toolgate.policy.location at a valid one.",
        cause);
  }
}
