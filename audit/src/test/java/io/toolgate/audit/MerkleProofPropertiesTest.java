package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Inclusion and consistency proofs verify for every (index, size) and (old, new) pair of trees up
 * to 70 leaves, checked against an independent root computation, and fail for an altered proof,
 * leaf, index, size or root.
 */
@StatisticsReport(onFailureOnly = true)
class MerkleProofPropertiesTest {
  static final int MAX = 70;
  static final MerkleTree TREE = tree(MAX);

  static MerkleTree tree(int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i * 7919).array()));
    }
    return MerkleTree.ofLeafHashes(leaves);
  }

  /** An independent root: pair neighbours level by level, carrying an odd last node up. */
  static byte[] naiveRoot(int size) {
    List<byte[]> level = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      level.add(TREE.leaf(i));
    }
    while (level.size() > 1) {
      List<byte[]> up = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        up.add(MerkleTree.nodeHash(level.get(i), level.get(i + 1)));
      }
      if (level.size() % 2 == 1) {
        up.add(level.get(level.size() - 1));
      }
      level = up;
    }
    return level.get(0);
  }

  @Provide
  Arbitrary<int[]> indexAndSize() {
    return Arbitraries.integers()
        .between(1, MAX)
        .flatMap(size -> Arbitraries.integers().between(0, size - 1).map(i -> new int[] {i, size}));
  }

  @Provide
  Arbitrary<int[]> oldAndNew() {
    return Arbitraries.integers()
        .between(1, MAX)
        .flatMap(n -> Arbitraries.integers().between(1, n).map(m -> new int[] {m, n}));
  }

  @Provide
  Arbitrary<Integer> alteration() {
    return Arbitraries.integers().between(0, 4);
  }

  @Property
  void root_anySize_equalsTheLevelByLevelRoot(@ForAll("indexAndSize") int[] p) {
    // RFC 6962's split at the largest power of two gives the same tree as pairing neighbours and
    // carrying an odd one up: two independent constructions agree.
    assertThat(TREE.root(p[1])).isEqualTo(naiveRoot(p[1]));
  }

  @Property
  void inclusionProof_everyIndexAndSize_verifies(@ForAll("indexAndSize") int[] p) {
    int i = p[0];
    int n = p[1];
    Statistics.label("shape")
        .collect(
            n == 1 ? "single leaf" : Integer.bitCount(n) == 1 ? "perfect tree" : "ragged tree");
    Statistics.label("leaf").collect(i == n - 1 ? "last" : i == 0 ? "first" : "middle");
    assertThat(
            MerkleTree.verifyInclusion(i, n, TREE.leaf(i), TREE.inclusionProof(i, n), TREE.root(n)))
        .isTrue();
    Statistics.label("shape")
        .coverage(
            c -> {
              c.check("perfect tree").count(x -> x > 0);
              c.check("ragged tree").count(x -> x > 0);
            });
    Statistics.label("leaf").coverage(c -> c.check("last").count(x -> x > 0));
  }

  @Property
  void inclusionProof_altered_fails(
      @ForAll("indexAndSize") int[] p, @ForAll("alteration") int how) {
    int i = p[0];
    int n = p[1];
    List<byte[]> proof = new ArrayList<>(TREE.inclusionProof(i, n));
    byte[] leaf = TREE.leaf(i);
    byte[] root = TREE.root(n);
    long index = i;
    long size = n;
    String kind;
    switch (how) {
      case 0 -> {
        kind = "leaf";
        leaf[0] ^= 1;
      }
      case 1 -> {
        kind = "root";
        root[31] ^= 0x80;
      }
      case 2 -> {
        kind = "index";
        index = (i + 1) % n == i ? i + 1 : (i + 1) % n;
      }
      case 3 -> {
        kind = proof.isEmpty() ? "proof extended" : "proof hash";
        if (proof.isEmpty()) {
          proof.add(TREE.leaf(0));
        } else {
          byte[] h = proof.get(proof.size() / 2).clone();
          h[7] ^= 4;
          proof.set(proof.size() / 2, h);
        }
      }
      default -> {
        kind = proof.isEmpty() ? "proof extended" : "proof shortened";
        if (proof.isEmpty()) {
          proof.add(TREE.leaf(0));
        } else {
          proof.remove(proof.size() - 1);
        }
      }
    }
    Statistics.label("alteration").collect(kind);
    assertThat(MerkleTree.verifyInclusion(index, size, leaf, proof, root)).isFalse();
    Statistics.label("alteration")
        .coverage(
            c -> {
              for (String k : List.of("leaf", "root", "index", "proof hash", "proof shortened")) {
                c.check(k).count(x -> x > 0);
              }
            });
  }

  @Property
  void consistencyProof_everyPair_verifies(@ForAll("oldAndNew") int[] p) {
    int m = p[0];
    int n = p[1];
    Statistics.label("pair").collect(m == n ? "same size" : "grown");
    assertThat(
            MerkleTree.verifyConsistency(
                m, n, TREE.root(m), TREE.root(n), TREE.consistencyProof(m, n)))
        .isTrue();
    Statistics.label("pair").coverage(c -> c.check("grown").percentage(x -> x > 50));
  }

  @Property
  void consistencyProof_altered_fails(@ForAll("oldAndNew") int[] p, @ForAll("alteration") int how) {
    int m = p[0];
    int n = p[1];
    List<byte[]> proof = new ArrayList<>(TREE.consistencyProof(m, n));
    byte[] oldRoot = TREE.root(m);
    byte[] newRoot = TREE.root(n);
    String kind;
    switch (how) {
      case 0 -> {
        kind = "old root";
        oldRoot[0] ^= 1;
      }
      case 1 -> {
        kind = "new root";
        newRoot[31] ^= 1;
      }
      case 2 -> {
        kind = "rewritten prefix";
        oldRoot = MerkleTree.nodeHash(oldRoot, oldRoot);
      }
      case 3 -> {
        kind = proof.isEmpty() ? "proof extended" : "proof hash";
        if (proof.isEmpty()) {
          proof.add(TREE.leaf(0));
        } else {
          byte[] h = proof.get(0).clone();
          h[3] ^= 0x10;
          proof.set(0, h);
        }
      }
      default -> {
        kind = proof.isEmpty() ? "proof extended" : "proof shortened";
        if (proof.isEmpty()) {
          proof.add(TREE.leaf(0));
        } else {
          proof.remove(proof.size() - 1);
        }
      }
    }
    Statistics.label("alteration").collect(kind);
    assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof)).isFalse();
    Statistics.label("alteration")
        .coverage(
            c -> {
              for (String k : List.of("old root", "new root", "proof hash", "proof shortened")) {
                c.check(k).count(x -> x > 0);
              }
            });
  }
}
