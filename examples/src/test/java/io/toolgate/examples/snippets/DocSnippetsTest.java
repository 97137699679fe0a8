package io.toolgate.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.document.DocumentFormat;
import io.toolgate.document.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code block of README.md and docs/*.md is real: each {@code java} block appears verbatim
 * (modulo indentation) between {@code // snippet:NAME begin} and {@code // snippet:NAME end}
 * markers of a test source that compiles and asserts it, and its leading import lines are exactly
 * that file's imports, so a reader who pastes the block has everything it needs. Each
 * {@code yaml} or {@code json} block is a whole policy that loads, unless its fence says
 * {@code fragment}. Marked regions that no document shows any more fail too.
 */
class DocSnippetsTest {
  static final Path ROOT = Path.of("..");
  static final Path TEST_SOURCES = Path.of("src/test/java");

  /** A fenced block: the document, the line of its opening fence, the info string, the text. */
  record Block(Path file, int line, String info, String text) {
    String where() {
      return ROOT.relativize(file) + ":" + line;
    }
  }

  /** A marked region of a test source, unindented, with that file's import lines. */
  record Region(Path file, String name, String text, List<String> imports) {}

  @Test
  void javaBlocks_eachMatchesACompiledAndAssertedRegion_withTheFilesImports() {
    assertThat(javaProblems(blocks(), regions())).isEmpty();
  }

  @Test
  void javaProblems_blockDifferingOrMissingImportsOrUnshownRegion_areEachReported() {
    Path md = ROOT.resolve("README.md");
    Region region = new Region(Path.of("A.java"), "a", "int x = 1;\n", List.of("import a.B;"));
    Region unshown = new Region(Path.of("A.java"), "b", "int y = 2;\n", List.of("import a.B;"));

    assertThat(javaProblems(List.of(new Block(md, 3, "java", "import a.B;\n\n    int x = 1;\n")),
        List.of(region))).isEmpty();
    assertThat(javaProblems(List.of(new Block(md, 3, "java", "import a.B;\n\nint x = 2;\n")), List.of(region)))
        .anyMatch(p -> p.startsWith("README.md:3: no test source marks this java block"));
    assertThat(javaProblems(List.of(new Block(md, 3, "java", "int x = 1;\n")), List.of(region)))
        .containsExactly("README.md:3: the block's imports [] are not exactly those of A.java [import a.B;]");
    assertThat(javaProblems(List.of(new Block(md, 3, "java", "import a.B;\nint x = 1;\n")), List.of(region, unshown)))
        .containsExactly("A.java: snippet 'b' is shown by no document");
  }

  /** What is wrong between the documents' java blocks and the marked regions; empty when nothing. */
  static List<String> javaProblems(List<Block> blocks, List<Region> regions) {
    List<String> problems = new ArrayList<>();
    List<Region> shown = new ArrayList<>();
    for (Block b : blocks) {
      if (!b.info().equals("java")) {
        continue;
      }
      List<String> lines = b.text().lines().toList();
      int i = 0;
      while (i < lines.size() && (lines.get(i).startsWith("import ") || lines.get(i).isBlank())) {
        i++;
      }
      List<String> imports = lines.subList(0, i).stream().filter(l -> !l.isBlank()).toList();
      String body = unindent(lines.subList(i, lines.size()));
      List<Region> same = regions.stream().filter(r -> r.text().equals(body)).toList();
      if (same.isEmpty()) {
        problems.add(b.where() + ": no test source marks this java block (// snippet:NAME begin/end),"
            + " or the block and its region differ");
      } else if (same.stream().noneMatch(r -> r.imports().equals(imports))) {
        problems.add(b.where() + ": the block's imports " + imports + " are not exactly those of "
            + same.get(0).file() + " " + same.get(0).imports());
      }
      shown.addAll(same);
    }
    regions.stream().filter(r -> !shown.contains(r))
        .forEach(r -> problems.add(r.file() + ": snippet '" + r.name() + "' is shown by no document"));
    return problems;
  }

  @Test
  void documentBlocks_eachLoadsAsAPolicy_unlessMarkedFragment() {
    PolicyLoader loader = PolicyLoader.defaults();
    List<String> problems = new ArrayList<>();
    int loaded = 0;
    for (Block b : blocks()) {
      String[] info = b.info().split("\\s+");
      boolean yaml = info[0].equals("yaml");
      if (!(yaml || info[0].equals("json")) || List.of(info).contains("fragment")) {
        continue;
      }
      try {
        loader.load(b.where(), b.text().getBytes(StandardCharsets.UTF_8),
            yaml ? DocumentFormat.YAML : DocumentFormat.JSON, null);
        loaded++;
      } catch (RuntimeException e) {
        problems.add(b.where() + ": " + e.getMessage());
      }
    }
    assertThat(problems).isEmpty();
    assertThat(loaded).isPositive();
  }

  @Test
  void blocks_parseFencesAndTheirInfo() {
    assertThat(blocks()).anySatisfy(b -> assertThat(b.info()).isEqualTo("java"))
        .anySatisfy(b -> assertThat(b.info()).isEqualTo("yaml fragment"))
        .allSatisfy(b -> assertThat(b.text()).doesNotContain("```"));
  }

  static List<Block> blocks() {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = read(f).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).startsWith("```")) {
          continue;
        }
        int open = i;
        StringBuilder text = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        blocks.add(new Block(f, open + 1, lines.get(open).substring(3).strip(), text.toString()));
      }
    }
    return blocks;
  }

  static List<Region> regions() {
    List<Path> sources;
    try (Stream<Path> s = Files.walk(TEST_SOURCES)) {
      sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Region> regions = new ArrayList<>();
    for (Path f : sources) {
      List<String> lines = read(f).lines().toList();
      List<String> imports = lines.stream().filter(l -> l.startsWith("import ")).toList();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith("// snippet:") && line.endsWith(" begin")) {
          String name = line.substring("// snippet:".length(), line.length() - " begin".length());
          int start = i + 1;
          while (i < lines.size() && !lines.get(i).strip().equals("// snippet:" + name + " end")) {
            i++;
          }
          assertThat(i).as(f + ": snippet '" + name + "' has no end marker").isLessThan(lines.size());
          regions.add(new Region(f, name, unindent(lines.subList(start, i)), imports));
        }
      }
    }
    return regions;
  }

  /** The lines without their common leading spaces and without blank lines at either end. */
  static String unindent(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    List<String> kept = lines.subList(from, to);
    int indent = kept.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return kept.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
