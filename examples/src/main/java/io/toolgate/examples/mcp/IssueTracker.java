package io.toolgate.examples.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fake issue tracker: projects with numbered issues, in memory. Thread-safe. */
final class IssueTracker {
  /** One issue. */
  record Issue(int number, String title, boolean open) {}

  private final Map<String, List<Issue>> projects = new ConcurrentHashMap<>();

  /** The project's issues, in creation order. */
  List<Issue> list(String project) {
    List<Issue> issues = projects.getOrDefault(project, List.of());
    synchronized (issues) {
      return List.copyOf(issues);
    }
  }

  /** Opens an issue and returns it. */
  Issue create(String project, String title) {
    List<Issue> issues = projects.computeIfAbsent(project, p -> new ArrayList<>());
    synchronized (issues) {
      Issue issue = new Issue(issues.size() + 1, title, true);
      issues.add(issue);
      return issue;
    }
  }

  /**
   * Closes an issue.
   *
   * @throws IllegalArgumentException if there is no such issue
   */
  Issue close(String project, int number) {
    List<Issue> issues = projects.getOrDefault(project, List.of());
    synchronized (issues) {
      if (number < 1 || number > issues.size()) {
        throw new IllegalArgumentException("no issue #" + number + " in " + project);
      }
      Issue closed = new Issue(number, issues.get(number - 1).title(), false);
      issues.set(number - 1, closed);
      return closed;
    }
  }
}
