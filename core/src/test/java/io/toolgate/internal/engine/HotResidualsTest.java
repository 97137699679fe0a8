package io.toolgate.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolgate.Decision;
import io.toolgate.DecisionEngine;
import io.toolgate.Policy;
import io.toolgate.Principal;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hot table: a set keeps the {@link HotResiduals#WAYS} entries that entered it last, the oldest
 * drops out, a hit writes nothing, and an entry compares every part of its key, not just the hash.
 * Several keys are forced into one set of a full-size table by giving them equal hashes: the
 * principal ids of {@link #COLLIDING} are strings of equal {@code hashCode}, and a key's hash is a
 * function of its parts' hashes.
 */
class HotResidualsTest {
  private static final Decision ALLOW = io.toolgate.TestMinter.minter().allow("v").build();
  private static final ToolId TOOL = ToolId.parse("files/read");

  /**
   * Eight principal ids with one {@code hashCode} ("Aa" and "BB" hash alike), so eight keys in one
   * set.
   */
  static final List<String> COLLIDING =
      List.of("AaAaAa", "AaAaBB", "AaBBAa", "AaBBBB", "BBAaAa", "BBAaBB", "BBBBAa", "BBBBBB");

  private static CachedResidual entry(String subject, ToolId tool) {
    int hash = CacheKey.hash(subject, tool, ResourceId.NONE, Session.DEFAULT);
    return new CachedResidual(
        new CacheKey(subject, tool, ResourceId.NONE, Session.DEFAULT, hash),
        Residual.constant(ALLOW),
        null,
        null,
        Dependencies.NO_PRINCIPALS,
        Dependencies.NO_SWITCHES,
        null);
  }

  private static CachedResidual entry(int i) {
    return entry("p", ToolId.parse("srv/tool_" + i));
  }

  /** Entries for the colliding principals, all with one hash. */
  private static List<CachedResidual> colliding() {
    List<CachedResidual> out = new ArrayList<>();
    COLLIDING.forEach(p -> out.add(entry(p, TOOL)));
    assertThat(out).extracting(e -> e.hash).containsOnly(out.get(0).hash);
    return out;
  }

  private static CachedResidual lookup(CachedResidual[] table, CachedResidual e) {
    return HotResiduals.get(table, e.subject, e.tool, e.resource, e.session, e.hash);
  }

  @Test
  void put_moreKeysThanWaysInOneSet_keepsTheNewestAndEvictsTheOldest() {
    CachedResidual[] table = HotResiduals.table(1); // one set of WAYS slots: every key collides
    assertThat(table.length).isEqualTo(HotResiduals.WAYS);
    List<CachedResidual> entries = new ArrayList<>();
    for (int i = 0; i <= HotResiduals.WAYS; i++) {
      entries.add(entry(i));
      HotResiduals.put(table, entries.get(i));
    }
    assertThat(lookup(table, entries.get(0))).as("the oldest was evicted").isNull();
    for (int i = 1; i <= HotResiduals.WAYS; i++) {
      assertThat(lookup(table, entries.get(i))).isSameAs(entries.get(i));
    }
    HotResiduals.put(table, entries.get(0)); // promoted again on its next miss
    assertThat(lookup(table, entries.get(0))).isSameAs(entries.get(0));
    assertThat(lookup(table, entries.get(1))).as("now the oldest").isNull();
  }

  @Test
  void get_unknownKey_missesWithoutWriting() {
    CachedResidual[] table = HotResiduals.table(100_000);
    assertThat(table.length).isEqualTo(HotResiduals.MAX_SLOTS);
    CachedResidual e = entry(1);
    assertThat(lookup(table, e)).isNull();
    HotResiduals.put(table, e);
    assertThat(lookup(table, e)).isSameAs(e);
    assertThat(lookup(table, entry(2))).isNull();
  }

  @Test
  void put_equalHashesInAFullSizeTable_shareOneSet_theFifthEvictsTheFirst() {
    CachedResidual[] table = HotResiduals.table(100_000);
    List<CachedResidual> keys = colliding();
    for (int i = 0; i < HotResiduals.WAYS; i++) {
      HotResiduals.put(table, keys.get(i));
    }
    for (int i = 0; i < HotResiduals.WAYS; i++) {
      assertThat(lookup(table, keys.get(i))).as("%s", COLLIDING.get(i)).isSameAs(keys.get(i));
    }
    // Same hash, same set, other parts: a miss, never another key's entry.
    assertThat(lookup(table, keys.get(HotResiduals.WAYS))).isNull();

    HotResiduals.put(table, keys.get(HotResiduals.WAYS));
    assertThat(lookup(table, keys.get(0))).as("the oldest dropped out").isNull();
    for (int i = 1; i <= HotResiduals.WAYS; i++) {
      assertThat(lookup(table, keys.get(i))).as("%s", COLLIDING.get(i)).isSameAs(keys.get(i));
    }
  }

  @Test
  void get_hitWritesNothing_soAnEntryReadJustNowIsStillTheNextEvicted() {
    CachedResidual[] table = HotResiduals.table(100_000);
    List<CachedResidual> keys = colliding();
    for (int i = 0; i < HotResiduals.WAYS; i++) {
      HotResiduals.put(table, keys.get(i));
    }
    for (int n = 0; n < 3; n++) {
      assertThat(lookup(table, keys.get(0))).isSameAs(keys.get(0));
    }
    HotResiduals.put(table, keys.get(HotResiduals.WAYS));
    assertThat(lookup(table, keys.get(0))).as("reads did not move it forward").isNull();
  }

  @Test
  void put_ofAnEvictedKey_promotesItToTheFront_whereItOutlivesWaysMinusOneNewerKeys() {
    CachedResidual[] table = HotResiduals.table(100_000);
    List<CachedResidual> keys = colliding();
    for (int i = 0; i <= HotResiduals.WAYS; i++) {
      HotResiduals.put(table, keys.get(i)); // keys 1..4 remain, key 0 dropped out
    }
    CachedResidual promoted = keys.get(0);
    HotResiduals.put(table, promoted); // its next miss, as the engine does after Caffeine answers
    assertThat(lookup(table, promoted)).isSameAs(promoted);
    assertThat(lookup(table, keys.get(1))).as("the oldest made room").isNull();

    for (int i = 1; i < HotResiduals.WAYS; i++) {
      HotResiduals.put(table, keys.get(HotResiduals.WAYS + i));
      assertThat(lookup(table, promoted)).as("after %s newer keys", i).isSameAs(promoted);
    }
    HotResiduals.put(table, keys.get(1));
    assertThat(lookup(table, promoted)).as("after WAYS newer keys").isNull();
    for (int i = HotResiduals.WAYS + 1; i < COLLIDING.size(); i++) {
      assertThat(lookup(table, keys.get(i))).isSameAs(keys.get(i));
    }
    assertThat(lookup(table, keys.get(1))).isSameAs(keys.get(1));
  }

  /**
   * Through the engine: eight principals whose keys share one set, alternately allowed and denied,
   * decided in shuffled passes so entries are evicted and promoted again from Caffeine; every
   * answer is the principal's own, cached or not, and a kill switch reaches the right one.
   */
  @Test
  void decide_principalsCollidingInOneSet_eachGetsItsOwnDecision() {
    Policy.Builder b = Policy.builder();
    for (int i = 0; i < COLLIDING.size(); i++) {
      b.principal(Principal.user(COLLIDING.get(i)).build());
      if (i % 2 == 0) {
        b.allow(COLLIDING.get(i), "files/*");
      }
    }
    Policy policy = b.build();
    assertThat(COLLIDING)
        .extracting(p -> CacheKey.hash(p, TOOL, ResourceId.NONE, Session.DEFAULT))
        .as("one hash, so one set")
        .containsOnly(CacheKey.hash(COLLIDING.get(0), TOOL, ResourceId.NONE, Session.DEFAULT));
    DecisionEngine cached = DecisionEngine.builder(policy).cacheSize(1_000).build();
    DecisionEngine uncached = DecisionEngine.builder(policy).cacheSize(0).build();
    List<String> order = new ArrayList<>(COLLIDING);
    Random random = new Random(7);
    for (int pass = 0; pass < 20; pass++) {
      Collections.shuffle(order, random);
      if (pass == 10) {
        cached.suspend(COLLIDING.get(2));
        uncached.suspend(COLLIDING.get(2));
      }
      for (String p : order) {
        int i = COLLIDING.indexOf(p);
        boolean allowed = i % 2 == 0 && !(pass >= 10 && i == 2);
        assertThat(cached.canInvoke(p, TOOL, ResourceId.NONE))
            .as("%s in pass %s", p, pass)
            .isEqualTo(allowed);
        assertThat(cached.decide(p, TOOL, ResourceId.NONE))
            .isEqualTo(uncached.decide(p, TOOL, ResourceId.NONE));
      }
    }
    assertThat(cached.cachedResiduals()).isEqualTo(COLLIDING.size());
  }
}
