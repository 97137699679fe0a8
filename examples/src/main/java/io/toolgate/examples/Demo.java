package io.toolgate.examples;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.DelegationChain;
import io.toolgate.DelegationScope;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.Request;
import io.toolgate.ResourceId;
import io.toolgate.Tool;
import io.toolgate.ToolAnnotations;
import io.toolgate.ToolId;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * The scripted demo: a user, two agents and a sub-agent, a GitHub-like and a filesystem-like tool
 * server, a replay of tool calls with each decision explained, then a kill switch.
 */
final class Demo {
  private final PrintStream out;

  Demo(PrintStream out) {
    this.out = out;
  }

  /** The demo's policy: built in code, as an application embedding Toolgate would. */
  static Policy policy() {
    return Policy.builder()
        .version("demo-1")
        // The tool catalog: anything else is an unknown tool.
        .tool(Tool.of("github/list_issues", ToolAnnotations.READ_ONLY))
        .tool(Tool.of("github/get_file", ToolAnnotations.READ_ONLY))
        .tool(Tool.of("github/add_label", new ToolAnnotations(false, false, true, false)))
        .tool(Tool.of("github/delete_repo", ToolAnnotations.UNANNOTATED))
        .tool(Tool.of("fs/read_file", ToolAnnotations.READ_ONLY))
        .tool(Tool.of("fs/write_file", new ToolAnnotations(false, true, true, false)))
        .tool(Tool.of("fs/delete_file", ToolAnnotations.UNANNOTATED))
        // Who: a maintainer and the agents that act for her.
        .principal(Principal.user("alice").attribute("team", "platform").build())
        .principal(
            Principal.agent("triage-bot")
                .owner("alice")
                .attribute("team", "support")
                .expires(Instant.parse("2027-06-30T00:00:00Z"))
                .build())
        .principal(Principal.agent("report-bot").owner("alice").build())
        .principal(Principal.agent("summarizer").owner("alice").build())
        // What: alice may use GitHub on acme repositories and her home folder.
        .allow("alice", List.of("github/*"), List.of("repo:acme/**"))
        .allow("alice", List.of("fs/*"), List.of("file:///home/alice/**"))
        .deny("alice", List.of("github/delete_repo"), List.of("repo:acme/prod-*"))
        // triage-bot reads everything and labels support repositories, never secrets.
        .allow("triage-bot", List.of("github/list_*", "github/get_*"), List.of("repo:acme/**"))
        .allow("triage-bot", List.of("github/add_label"), List.of("repo:acme/support-*"))
        .deny("triage-bot", List.of("github/*"), List.of("repo:acme/secrets"))
        // report-bot reads and writes reports in one folder.
        .allow(
            "report-bot",
            List.of("fs/read_file", "fs/write_file"),
            List.of("file:///home/alice/reports/*"))
        .allow("summarizer", "github/get_file", "fs/read_file")
        .maxDelegationDepth(2)
        .build();
  }

  /** One scripted call: who asks, for what, and why it is in the script. */
  record Call(String note, Request request) {}

  static List<Call> script() {
    ToolId listIssues = ToolId.parse("github/list_issues");
    ToolId getFile = ToolId.parse("github/get_file");
    ToolId addLabel = ToolId.parse("github/add_label");
    ToolId deleteRepo = ToolId.parse("github/delete_repo");
    ToolId readFile = ToolId.parse("fs/read_file");
    ToolId writeFile = ToolId.parse("fs/write_file");
    ToolId deleteFile = ToolId.parse("fs/delete_file");
    DelegationChain triage = DelegationChain.onBehalfOf("alice", "triage-bot");
    DelegationChain reports = DelegationChain.onBehalfOf("alice", "report-bot");
    DelegationChain summarize =
        triage.then(
            "summarizer",
            DelegationScope.builder()
                .tools("github/get_file")
                .resources("repo:acme/support-*")
                .maxFurtherHops(0)
                .build());
    return List.of(
        new Call(
            "triage-bot lists issues for alice", Request.of(triage, listIssues, repo("acme/api"))),
        new Call(
            "...labels a support repo", Request.of(triage, addLabel, repo("acme/support-web"))),
        new Call(
            "...labels a product repo (not granted)",
            Request.of(triage, addLabel, repo("acme/api"))),
        new Call(
            "...reads the secrets repo (explicit deny)",
            Request.of(triage, getFile, repo("acme/secrets"))),
        new Call(
            "...deletes a repo (alice could; the bot cannot)",
            Request.of(triage, deleteRepo, repo("acme/api"))),
        new Call(
            "report-bot writes a report",
            Request.of(reports, writeFile, file("/home/alice/reports/q3.md"))),
        new Call(
            "...writes outside its folder",
            Request.of(reports, writeFile, file("/home/alice/.ssh/config"))),
        new Call(
            "...deletes a report (tool never granted)",
            Request.of(reports, deleteFile, file("/home/alice/reports/q3.md"))),
        new Call(
            "summarizer, via triage-bot, reads a support file",
            Request.of(summarize, getFile, repo("acme/support-web"))),
        new Call(
            "...reads the api repo (outside its scope)",
            Request.of(summarize, getFile, repo("acme/api"))),
        new Call(
            "...reads a local file (not delegated)",
            Request.of(summarize, readFile, file("/home/alice/notes.txt"))),
        new Call(
            "alice deletes a prod repo herself (explicit deny)",
            Request.of(DelegationChain.of("alice"), deleteRepo, repo("acme/prod-db"))),
        new Call(
            "an unknown tool", Request.of(triage, ToolId.parse("shell/exec"), ResourceId.NONE)),
        new Call(
            "an unknown principal",
            Request.of(DelegationChain.of("mallory"), listIssues, repo("acme/api"))));
  }

  private static ResourceId repo(String name) {
    return ResourceId.of("repo:" + name);
  }

  private static ResourceId file(String path) {
    return ResourceId.of("file://" + path);
  }

  void run() {
    Policy policy = policy();
    DecisionEngine engine = DecisionEngine.builder(policy).build();
    out.println(
        "Toolgate demo: policy "
            + policy.version()
            + " with "
            + policy.principals().size()
            + " principals and "
            + policy.tools().size()
            + " tools");
    out.println();
    for (Call call : script()) {
      print(call, engine.decide(call.request()));
    }
    out.println();
    out.println("Kill switch: suspending triage-bot (an incident is being investigated)");
    engine.suspend("triage-bot");
    Call again = script().get(0);
    print(
        new Call("triage-bot lists issues again", again.request()), engine.decide(again.request()));
    out.println();
    out.println("Reinstating triage-bot, disabling the github/list_issues tool for everyone");
    engine.reinstate("triage-bot");
    engine.disableTool(ToolId.parse("github/list_issues"));
    print(
        new Call("triage-bot lists issues again", again.request()), engine.decide(again.request()));
    out.println();
    try {
      new McpRoundTrip(out).run();
    } catch (Exception e) {
      out.println("MCP round trip failed: " + e);
    }
  }

  private void print(Call call, Decision d) {
    out.printf("%-5s %-48s %s%n", d.effect(), call.note(), call.request().chain());
    out.printf(
        "      %s on %s -> %s%s%s%n",
        call.request().tool(),
        call.request().resource(),
        d.reason(),
        d.refusingPrincipal()
            .map(p -> " at hop " + d.refusingHop().getAsInt() + " (" + p + ")")
            .orElse(""),
        d.ruleIds().isEmpty() ? "" : " rules " + d.ruleIds());
  }
}
