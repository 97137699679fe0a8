package io.toolgate.audit;

import io.toolgate.internal.Digests;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle tree over a list of leaves in the layout of RFC 6962 (section 2.1) and C2SP {@code
 * merkle-tree}: a leaf's hash is SHA-256(0x00 || data), an inner node's SHA-256(0x01 || left ||
 * right), a tree of n &gt; 1 leaves splits at the largest power of two below n, and the empty
 * tree's hash is SHA-256 of nothing. It offers the tree's root at any size, inclusion proofs (one
 * leaf is in a tree of a given size) and consistency proofs (a tree of size m is a prefix of a tree
 * of size n), and checks both as RFC 9162 (sections 2.1.3.2 and 2.1.4.2) verifies them, so that any
 * transparency-log client can check this log's proofs and any of their proofs can be checked here.
 *
 * <p>Hashes are 32-byte arrays; every array given is copied and every array returned is fresh.
 * Immutable and thread-safe.
 */
public final class MerkleTree {
  /** The length of every hash, in bytes. */
  public static final int HASH_BYTES = 32;

  private final byte[][] leaves;

  private MerkleTree(byte[][] leaves) {
    this.leaves = leaves;
  }

  /**
   * A tree over these leaf hashes (each already {@link #leafHash}ed), in order.
   *
   * @throws IllegalArgumentException if some hash is not 32 bytes long
   */
  public static MerkleTree ofLeafHashes(List<byte[]> leafHashes) {
    byte[][] copy = new byte[leafHashes.size()][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = checked(leafHashes.get(i), "leaf hash " + i).clone();
    }
    return new MerkleTree(copy);
  }

  /** The hash of a leaf holding {@code data}: SHA-256(0x00 || data). */
  public static byte[] leafHash(byte[] data) {
    MessageDigest sha = Digests.sha256();
    sha.update((byte) 0);
    sha.update(data);
    return sha.digest();
  }

  /** The hash of an inner node: SHA-256(0x01 || left || right). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = Digests.sha256();
    sha.update((byte) 1);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** How many leaves the tree has. */
  public int size() {
    return leaves.length;
  }

  /** The hash of leaf {@code index}. */
  public byte[] leaf(int index) {
    Objects.checkIndex(index, leaves.length);
    return leaves[index].clone();
  }

  /** The root of the whole tree. */
  public byte[] root() {
    return root(leaves.length);
  }

  /**
   * The root of the tree of the first {@code size} leaves.
   *
   * @throws IllegalArgumentException if size is negative or larger than the tree
   */
  public byte[] root(int size) {
    if (size < 0 || size > leaves.length) {
      throw new IllegalArgumentException("size " + size + " is not in [0, " + leaves.length + "]");
    }
    return size == 0 ? Digests.sha256().digest() : hash(0, size).clone();
  }

  /**
   * The inclusion proof of leaf {@code index} in the tree of the first {@code size} leaves (RFC
   * 6962 section 2.1.1 PATH): the sibling hashes from the leaf up to the root.
   *
   * @throws IllegalArgumentException unless 0 &lt;= index &lt; size &lt;= size()
   */
  public List<byte[]> inclusionProof(int index, int size) {
    if (index < 0 || index >= size || size > leaves.length) {
      throw new IllegalArgumentException(
          "no leaf " + index + " in a tree of " + size + " of " + leaves.length + " leaves");
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, size, proof);
    return proof;
  }

  /**
   * The consistency proof between the trees of the first {@code oldSize} and the first {@code
   * newSize} leaves (RFC 6962 section 2.1.2 PROOF); empty when the sizes are equal or the old tree
   * is empty.
   *
   * @throws IllegalArgumentException unless 0 &lt;= oldSize &lt;= newSize &lt;= size()
   */
  public List<byte[]> consistencyProof(int oldSize, int newSize) {
    if (oldSize < 0 || oldSize > newSize || newSize > leaves.length) {
      throw new IllegalArgumentException(
          "no consistency proof from size "
              + oldSize
              + " to "
              + newSize
              + " in a tree of "
              + leaves.length);
    }
    List<byte[]> proof = new ArrayList<>();
    if (oldSize > 0 && oldSize < newSize) {
      subproof(oldSize, 0, newSize, true, proof);
    }
    return proof;
  }

  /*
   * The recursions below follow RFC 6962 section 2.1 literally, over the leaves [from, from + n):
   * MTH, PATH and SUBPROOF. Each level halves the range, so a proof costs O(log n) hashes of the
   * proof itself plus the subtree roots it names, which are recomputed (O(n) for the whole proof);
   * the verifier and the CLI compute proofs from a file they have just read, so nothing is cached.
   */

  private byte[] hash(int from, int n) {
    if (n == 1) {
      return leaves[from];
    }
    int k = split(n);
    return nodeHash(hash(from, k), hash(from + k, n - k));
  }

  private void path(int m, int from, int n, List<byte[]> out) {
    if (n == 1) {
      return;
    }
    int k = split(n);
    if (m < k) {
      path(m, from, k, out);
      out.add(hash(from + k, n - k).clone());
    } else {
      path(m - k, from + k, n - k, out);
      out.add(hash(from, k).clone());
    }
  }

  private void subproof(int m, int from, int n, boolean whole, List<byte[]> out) {
    if (m == n) {
      if (!whole) {
        out.add(hash(from, n).clone());
      }
      return;
    }
    int k = split(n);
    if (m <= k) {
      subproof(m, from, k, whole, out);
      out.add(hash(from + k, n - k).clone());
    } else {
      subproof(m - k, from + k, n - k, false, out);
      out.add(hash(from, k).clone());
    }
  }

  /** The largest power of two smaller than {@code n} (n &gt; 1). */
  static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }

  /**
   * Whether {@code proof} shows that the leaf with hash {@code leafHash} is leaf {@code index} of
   * the tree of {@code size} leaves whose root is {@code root} (RFC 9162 section 2.1.3.2). False
   * for any malformed input, never an exception.
   */
  public static boolean verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || !valid(leafHash) || !valid(root) || !valid(proof)) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /**
   * Whether {@code proof} shows that the tree of {@code oldSize} leaves with root {@code oldRoot}
   * is a prefix of the tree of {@code newSize} leaves with root {@code newRoot} (RFC 9162 section
   * 2.1.4.2). Equal sizes need an empty proof and equal roots; an empty old tree needs an empty
   * proof and the empty tree's root. False for any malformed input, never an exception.
   */
  public static boolean verifyConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    if (oldSize < 0 || oldSize > newSize || !valid(oldRoot) || !valid(newRoot) || !valid(proof)) {
      return false;
    }
    if (oldSize == newSize) {
      return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
    }
    if (oldSize == 0) {
      return proof.isEmpty() && MessageDigest.isEqual(oldRoot, Digests.sha256().digest());
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> c = new ArrayList<>(proof);
    if (Long.bitCount(oldSize) == 1) {
      c.add(0, oldRoot);
    }
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = c.get(0);
    byte[] sr = c.get(0);
    for (byte[] p : c.subList(1, c.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(p, fr);
        sr = nodeHash(p, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
  }

  private static boolean valid(byte[] hash) {
    return hash != null && hash.length == HASH_BYTES;
  }

  private static boolean valid(List<byte[]> proof) {
    return proof != null && proof.stream().allMatch(MerkleTree::valid);
  }

  private static byte[] checked(byte[] hash, String what) {
    if (!valid(hash)) {
      throw new IllegalArgumentException(what + " is not " + HASH_BYTES + " bytes long");
    }
    return hash;
  }

  /**
   * The root of a tree that is only ever appended to, kept in O(log n) space: the roots of the
   * perfect subtrees its size's binary digits name, largest (leftmost) first. What the writer keeps
   * instead of every leaf; its root equals {@link MerkleTree#root()} of the same leaves. Not
   * thread-safe.
   */
  static final class Frontier {
    private final List<byte[]> subtrees = new ArrayList<>();
    private long size;

    /** Appends a leaf hash. */
    void append(byte[] leafHash) {
      byte[] h = checked(leafHash, "leaf hash").clone();
      // Each trailing 1 bit of the old size is a perfect subtree of the new leaf's size: merge.
      for (long s = size; (s & 1) == 1; s >>= 1) {
        h = nodeHash(subtrees.remove(subtrees.size() - 1), h);
      }
      subtrees.add(h);
      size++;
    }

    long size() {
      return size;
    }

    /** The root: the subtrees folded from the smallest (rightmost) up, as RFC 6962 splits. */
    byte[] root() {
      if (size == 0) {
        return Digests.sha256().digest();
      }
      List<byte[]> rev = new ArrayList<>(subtrees);
      Collections.reverse(rev);
      byte[] r = rev.get(0);
      for (byte[] left : rev.subList(1, rev.size())) {
        r = nodeHash(left, r);
      }
      return r;
    }
  }
}
