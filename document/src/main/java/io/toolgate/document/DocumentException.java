package io.toolgate.document;

import io.toolgate.ErrorCode;
import io.toolgate.ToolgateException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy document was refused: it does not parse, breaks a limit, fails validation, or its
 * signature does not verify. Carries every problem found, each located; nothing of a refused
 * document is ever used.
 */
public final class DocumentException extends ToolgateException {
  private static final long serialVersionUID = 1L;

  private final transient List<DocumentProblem> problems;

  /** Creates the exception from a non-empty list of problems. */
  public DocumentException(ErrorCode code, List<DocumentProblem> problems) {
    super(code, format(problems));
    this.problems = List.copyOf(problems);
  }

  private static String format(List<DocumentProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refused document has at least one problem");
    }
    return problems.stream().map(DocumentProblem::toString).collect(Collectors.joining("\n"));
  }

  /** Every problem, in document order. */
  public List<DocumentProblem> problems() {
    return problems;
  }
}
