package io.toolgate.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems found in one document, so that all of them are reported at once. Not
 * thread-safe: one per load.
 */
public final class Problems {
  private final String source;
  private final List<DocumentProblem> found = new ArrayList<>();

  /** A collector for the document named {@code source}. */
  public Problems(String source) {
    this.source = source;
  }

  /** The document's source name. */
  public String source() {
    return source;
  }

  /** Records a problem at a node. */
  public void add(DocNode at, String message) {
    add(at.location(), message);
  }

  /** Records a problem at a location. */
  public void add(Location at, String message) {
    found.add(new DocumentProblem(at, message));
  }

  /** Records a problem with no better place than the start of the document. */
  public void addAtStart(String message) {
    add(new Location(source, 1, 1), message);
  }

  /** Whether nothing was found so far. */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** The problems in document order (line, then column; stable for ties). */
  public List<DocumentProblem> sorted() {
    List<DocumentProblem> copy = new ArrayList<>(found);
    copy.sort(
        Comparator.comparingInt((DocumentProblem p) -> p.location().line())
            .thenComparingInt(p -> p.location().column()));
    return copy;
  }
}
