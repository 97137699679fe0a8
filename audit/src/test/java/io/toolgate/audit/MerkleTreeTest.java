package io.toolgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the Merkle tree: the Certificate Transparency reference vectors (RFC 6962; the
 * same as transparency-dev/merkle's testonly constants): 8 leaves, the root of every prefix, two
 * inclusion proofs and three consistency proofs.
 */
class MerkleTreeTest {
  static final HexFormat HEX = HexFormat.of();
  static final List<String> LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");
  static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  static MerkleTree reference() {
    return MerkleTree.ofLeafHashes(
        LEAVES.stream().map(h -> MerkleTree.leafHash(HEX.parseHex(h))).toList());
  }

  static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }

  static List<byte[]> unhex(String... hashes) {
    return java.util.Arrays.stream(hashes).map(HEX::parseHex).toList();
  }

  @Test
  void root_referenceLeaves_matchesEveryPublishedRoot() {
    MerkleTree t = reference();
    for (int n = 0; n <= 8; n++) {
      assertThat(HEX.formatHex(t.root(n))).as("size %d", n).isEqualTo(ROOTS.get(n));
    }
  }

  @Test
  void frontier_referenceLeaves_matchesEveryPublishedRoot() {
    MerkleTree.Frontier f = new MerkleTree.Frontier();
    assertThat(HEX.formatHex(f.root())).isEqualTo(ROOTS.get(0));
    for (int n = 1; n <= 8; n++) {
      f.append(MerkleTree.leafHash(HEX.parseHex(LEAVES.get(n - 1))));
      assertThat(HEX.formatHex(f.root())).as("size %d", n).isEqualTo(ROOTS.get(n));
    }
  }

  @Test
  void inclusionProof_referenceLeaves_matchesPublishedPaths() {
    MerkleTree t = reference();
    assertThat(hex(t.inclusionProof(0, 8)))
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(hex(t.inclusionProof(5, 8)))
        .containsExactly(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(t.inclusionProof(0, 1)).isEmpty();
    for (int i : new int[] {0, 5}) {
      assertThat(
              MerkleTree.verifyInclusion(
                  i, 8, t.leaf(i), t.inclusionProof(i, 8), HEX.parseHex(ROOTS.get(8))))
          .isTrue();
    }
  }

  @Test
  void consistencyProof_referenceLeaves_matchesPublishedProofs() {
    MerkleTree t = reference();
    assertThat(hex(t.consistencyProof(1, 1))).isEmpty();
    assertThat(hex(t.consistencyProof(2, 5)))
        .containsExactly(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    assertThat(hex(t.consistencyProof(2, 8)))
        .containsExactly(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(hex(t.consistencyProof(6, 8)))
        .containsExactly(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    for (int[] p : new int[][] {{2, 5}, {2, 8}, {6, 8}}) {
      assertThat(
              MerkleTree.verifyConsistency(
                  p[0],
                  p[1],
                  HEX.parseHex(ROOTS.get(p[0])),
                  HEX.parseHex(ROOTS.get(p[1])),
                  t.consistencyProof(p[0], p[1])))
          .as("%d -> %d", p[0], p[1])
          .isTrue();
    }
  }

  @Test
  void verifyConsistency_degenerateCases_followRfc9162() {
    byte[] r4 = HEX.parseHex(ROOTS.get(4));
    byte[] r5 = HEX.parseHex(ROOTS.get(5));
    byte[] empty = HEX.parseHex(ROOTS.get(0));
    assertThat(MerkleTree.verifyConsistency(4, 4, r4, r4, List.of())).isTrue();
    assertThat(MerkleTree.verifyConsistency(4, 4, r4, r5, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(4, 4, r4, r4, List.of(r4))).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 5, empty, r5, List.of())).isTrue();
    assertThat(MerkleTree.verifyConsistency(0, 5, r4, r5, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(4, 5, r4, r5, List.of())).isFalse();
    assertThat(MerkleTree.verifyConsistency(5, 4, r5, r4, List.of(r4))).isFalse();
  }

  @Test
  void verify_malformedInput_isFalseNotAnException() {
    MerkleTree t = reference();
    byte[] root = t.root();
    List<byte[]> proof = t.inclusionProof(5, 8);
    assertThat(MerkleTree.verifyInclusion(5, 8, new byte[31], proof, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(5, 8, t.leaf(5), proof, new byte[31])).isFalse();
    assertThat(MerkleTree.verifyInclusion(8, 8, t.leaf(5), proof, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(-1, 8, t.leaf(5), proof, root)).isFalse();
    List<byte[]> shortHash = new ArrayList<>(proof);
    shortHash.set(0, new byte[31]);
    assertThat(MerkleTree.verifyInclusion(5, 8, t.leaf(5), shortHash, root)).isFalse();
  }

  @Test
  void proofs_outOfRange_areRefused() {
    MerkleTree t = reference();
    assertThatThrownBy(() -> t.inclusionProof(8, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.inclusionProof(0, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.consistencyProof(5, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.root(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.ofLeafHashes(List.of(new byte[3])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void split_isTheLargestPowerOfTwoBelow() {
    assertThat(IntStream.of(2, 3, 4, 5, 8, 9, 1000).map(MerkleTree::split))
        .containsExactly(1, 2, 2, 4, 4, 8, 512);
  }
}
