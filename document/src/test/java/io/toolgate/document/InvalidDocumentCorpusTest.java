package io.toolgate.document;

import io.toolgate.document.testing.InvalidDocumentCorpus;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every document under {@code documents/invalid} is refused, and its problems are exactly the lines
 * of its {@code .expect} file, as {@code LINE:COLUMN: message}, in document order.
 */
class InvalidDocumentCorpusTest {
  static final InvalidDocumentCorpus CORPUS =
      new InvalidDocumentCorpus(
          InvalidDocumentCorpusTest.class, PolicyLoader.builder().sections(List.of()).build());

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
