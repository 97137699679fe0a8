package io.toolgate.rbac;

import io.toolgate.document.PolicyLoader;
import io.toolgate.document.testing.InvalidDocumentCorpus;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every document under {@code documents/invalid} of this module is refused, and its problems are
 * exactly the lines of its {@code .expect} file, as {@code LINE:COLUMN: message}, in document
 * order; as core's corpus, with the rbac section present.
 */
class RbacInvalidDocumentCorpusTest {
  static final InvalidDocumentCorpus CORPUS =
      new InvalidDocumentCorpus(
          RbacInvalidDocumentCorpusTest.class,
          PolicyLoader.builder().sections(List.of(new RbacSection())).build());

  @TestFactory
  Stream<DynamicTest> load_invalidDocument_reportsExactlyTheExpectedLocatedProblems()
      throws IOException {
    return CORPUS.tests();
  }

  /** Prints the current problems of every corpus document ({@code --write}: into .expect files). */
  public static void main(String[] args) throws IOException {
    CORPUS.print(args);
  }
}
