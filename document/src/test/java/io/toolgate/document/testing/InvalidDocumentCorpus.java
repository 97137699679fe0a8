package io.toolgate.document.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolgate.ErrorCode;
import io.toolgate.document.DocumentException;
import io.toolgate.document.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The invalid-document corpus check, shared by the modules that read documents: every {@code .yaml}
 * or {@code .json} file under a module's test resource {@code /documents/invalid} must be refused
 * with exactly the located problems its {@code .expect} file lists (at least one), as an {@code
 * INVALID_DOCUMENT} whose problems and message name the file.
 */
public final class InvalidDocumentCorpus {
  private final Class<?> anchor;
  private final PolicyLoader loader;

  /**
   * A corpus read from {@code anchor}'s test resources by {@code loader}.
   *
   * @param anchor a test class of the module whose corpus this is
   */
  public InvalidDocumentCorpus(Class<?> anchor, PolicyLoader loader) {
    this.anchor = anchor;
    this.loader = loader;
  }

  /** One dynamic test per corpus document. */
  public Stream<DynamicTest> tests() throws IOException {
    return documents()
        .map(doc -> DynamicTest.dynamicTest(doc.getFileName().toString(), () -> check(doc)));
  }

  private void check(Path doc) throws IOException {
    List<String> expected =
        Files.readAllLines(expectFile(doc)).stream().filter(l -> !l.isBlank()).toList();
    assertThat(expected).as("an .expect file lists at least one problem").isNotEmpty();
    assertThat(actual(doc)).containsExactlyElementsOf(expected);
    assertThatThrownBy(() -> loader.load(doc))
        .isInstanceOfSatisfying(
            DocumentException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
              assertThat(e.problems())
                  .allSatisfy(p -> assertThat(p.location().source()).isEqualTo(doc.toString()));
              assertThat(e.getMessage()).startsWith(doc + ":");
            });
  }

  /**
   * Prints the current problems of every corpus document, to review before writing {@code .expect}
   * files; with {@code --write}, writes them into {@code src/test/resources/documents/invalid} of
   * the working directory's module.
   */
  public void print(String... args) throws IOException {
    try (Stream<Path> docs = documents()) {
      docs.forEach(
          d -> {
            System.out.println("== " + d.getFileName());
            actual(d).forEach(System.out::println);
            if (args.length > 0 && args[0].equals("--write")) {
              try {
                Files.write(
                    Path.of("src/test/resources/documents/invalid")
                        .resolve(expectFile(d).getFileName()),
                    actual(d));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    }
  }

  private Stream<Path> documents() throws IOException {
    Path corpus;
    try {
      corpus = Path.of(anchor.getResource("/documents/invalid").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return Files.list(corpus)
        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json"))
        .sorted();
  }

  private List<String> actual(Path doc) {
    return loader.validate(doc).stream()
        .map(p -> p.location().line() + ":" + p.location().column() + ": " + p.message())
        .toList();
  }

  private static Path expectFile(Path doc) {
    return Path.of(doc.toString().replaceAll("\\.(yaml|json)$", ".expect"));
  }
}
