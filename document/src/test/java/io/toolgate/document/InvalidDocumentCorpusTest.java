package io.toolgate.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every document under {@code documents/invalid} is refused, and its problems are exactly the lines
 * of its {@code .expect} file, as {@code LINE:COLUMN: message}, in document order.
 */
class InvalidDocumentCorpusTest {
  static final PolicyLoader LOADER = PolicyLoader.builder().sections(List.of()).build();

  static Path corpus() {
    try {
      return Path.of(InvalidDocumentCorpusTest.class.getResource("/documents/invalid").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> documents() throws IOException {
    return Files.list(corpus())
        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
        .sorted();
  }

  static List<String> actual(Path doc) {
    return LOADER.validate(doc).stream()
        .map(p -> p.location().line() + ":" + p.location().column() + ": " + p.message())
        .toList();
  }

  @TestFactory
  Stream<DynamicTest> load_invalidDocument_reportsExactlyTheExpectedLocatedProblems()
      throws IOException {
    return documents()
        .map(
            doc ->
                DynamicTest.dynamicTest(
                    doc.getFileName().toString(),
                    () -> {
                      Path expect =
                          Path.of(doc.toString().replaceAll("\\.(yaml|json)$", ".expect"));
                      List<String> expected =
                          Files.readAllLines(expect).stream().filter(l -> !l.isBlank()).toList();
                      assertThat(actual(doc)).containsExactlyElementsOf(expected);
                      assertThatThrownBy(() -> LOADER.load(doc))
                          .isInstanceOfSatisfying(
                              DocumentException.class,
                              e -> {
                                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
                                assertThat(e.problems())
                                    .allSatisfy(
                                        p ->
                                            assertThat(p.location().source())
                                                .isEqualTo(doc.toString()));
                                assertThat(e.getMessage()).startsWith(doc + ":");
                              });
                    }));
  }

  /**
   * Prints the current problems of every corpus document, to review before writing .expect files.
   */
  public static void main(String[] args) throws IOException {
    try (Stream<Path> docs = documents()) {
      docs.forEach(
          d -> {
            System.out.println("== " + d.getFileName());
            actual(d).forEach(System.out::println);
            if (args.length > 0 && args[0].equals("--write")) {
              try {
                Files.write(
                    Path.of(
                        "src/test/resources/documents/invalid",
                        d.getFileName().toString().replaceAll("\\.(yaml|json)$", ".expect")),
                    actual(d));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    }
  }
}
