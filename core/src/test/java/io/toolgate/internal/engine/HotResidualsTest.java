package io.toolgate.internal.engine;

import io.toolgate.Decision;
import io.toolgate.ResourceId;
import io.toolgate.Session;
import io.toolgate.ToolId;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hot table: a set keeps its {@link HotResiduals#WAYS} newest entries, the oldest drops out. */
class HotResidualsTest {
  private static final Decision ALLOW = io.toolgate.TestMinter.minter().allow("v").build();

  private static CachedResidual entry(int i) {
    ToolId tool = ToolId.parse("srv/tool_" + i);
    int hash = CacheKey.hash("p", tool, ResourceId.NONE, Session.DEFAULT);
    return new CachedResidual(new CacheKey("p", tool, ResourceId.NONE, Session.DEFAULT, hash),
        Residual.constant(ALLOW), null, null, Dependencies.NO_PRINCIPALS, Dependencies.NO_SWITCHES);
  }

  private static CachedResidual lookup(HotResiduals table, CachedResidual e) {
    return table.get(e.subject, e.tool, e.resource, e.session, e.hash);
  }

  @Test
  void put_moreKeysThanWaysInOneSet_keepsTheNewestAndEvictsTheOldest() {
    HotResiduals table = new HotResiduals(1); // one set of WAYS slots: every key collides
    assertThat(table.capacity()).isEqualTo(HotResiduals.WAYS);
    List<CachedResidual> entries = new ArrayList<>();
    for (int i = 0; i <= HotResiduals.WAYS; i++) {
      entries.add(entry(i));
      table.put(entries.get(i));
    }
    assertThat(lookup(table, entries.get(0))).as("the oldest was evicted").isNull();
    for (int i = 1; i <= HotResiduals.WAYS; i++) {
      assertThat(lookup(table, entries.get(i))).isSameAs(entries.get(i));
    }
    table.put(entries.get(0)); // promoted again on its next miss
    assertThat(lookup(table, entries.get(0))).isSameAs(entries.get(0));
    assertThat(lookup(table, entries.get(1))).as("now the oldest").isNull();
  }

  @Test
  void get_unknownKey_missesWithoutWriting() {
    HotResiduals table = new HotResiduals(100_000);
    assertThat(table.capacity()).isEqualTo(HotResiduals.MAX_SLOTS);
    CachedResidual e = entry(1);
    assertThat(lookup(table, e)).isNull();
    table.put(e);
    assertThat(lookup(table, e)).isSameAs(e);
    assertThat(lookup(table, entry(2))).isNull();
  }
}
