/**
 * Related posts, at build time: for each post, up to `limit` others sharing the most tags, newest
 * first among equals. Counted through the tag index (each tag's posts), so a post costs the
 * length of its tags' lists but a long longest one (looked up, not walked), never a comparison with
 * every post; and posts with the same tags share one count, as they share one answer but for
 * themselves. Measured by bench/related.ts.
 */

export const RELATED_LIMIT = 3;

/**
 * `posts` newest first (the collection's order, so a lower index is newer); `candidate(i)` says
 * whether post i may be recommended. Returns, for each post, its related posts' indexes, best first.
 */
export function relatedIndexes(
  posts: readonly { tags: readonly string[] }[],
  candidate: (index: number) => boolean = () => true,
  limit = RELATED_LIMIT,
  /** Lists at least this long are looked up rather than walked when longest (a parameter for the tests). */
  long = 64,
): number[][] {
  const n = posts.length;
  // The tag index: each tag's candidate posts, in ascending index (newest first).
  const byTag = new Map<string, number[]>();
  posts.forEach((post, i) => {
    if (!candidate(i)) return;
    for (const tag of post.tags) {
      const list = byTag.get(tag);
      if (list) list.push(i);
      else byTag.set(tag, [i]);
    }
  });
  // Shared-tag counts per candidate, reset after each count through the list of those touched.
  const shared = new Int32Array(n);
  const touched = new Int32Array(n);

  /**
   * Which posts are on a tag's list, as a bitset, for long lists only: built once per tag that is
   * some set's longest, n/8 bytes each, and there are few long lists (their lengths sum to at
   * most the number of tag uses).
   */
  const members = new Map<readonly number[], Uint8Array>();
  function bitset(list: readonly number[]): Uint8Array {
    let bits = members.get(list);
    if (!bits) {
      bits = new Uint8Array((n >> 3) + 1);
      for (const j of list) bits[j >> 3] = (bits[j >> 3] as number) | (1 << (j & 7));
      members.set(list, bits);
    }
    return bits;
  }
  /** Ranked by (shared desc, index asc): the order of the answer. */
  const rank = (a: number, b: number) => (shared[b] as number) - (shared[a] as number) || a - b;

  /** The best `limit + 1` for a set of tags: one more than asked, as a post drops itself. */
  function best(tags: readonly string[]): number[] {
    const lists = tags.map((t) => byTag.get(t)).filter((list) => list !== undefined);
    lists.sort((a, b) => a.length - b.length);
    // A long list is not counted through when it is the longest: a tag on most posts (a blog's
    // "programming") would make every post cost the whole blog. Its posts are looked up instead.
    const longest = (lists.at(-1)?.length ?? 0) >= Math.max(1, long) ? (lists.pop() as number[]) : [];
    const onLongest = longest.length > 0 ? bitset(longest) : undefined;
    let count = 0;
    for (const list of lists) {
      for (const j of list) {
        const before = shared[j] as number;
        shared[j] = before + 1;
        if (before === 0) touched[count++] = j;
      }
    }
    // Posts counted so far gain one if they are on the longest list too.
    if (onLongest) {
      for (let k = 0; k < count; k++) {
        const j = touched[k] as number;
        if (((onLongest[j >> 3] as number) >> (j & 7)) & 1) shared[j] = (shared[j] as number) + 1;
      }
    }
    // The best of those, kept in a small sorted array.
    const top: number[] = [];
    for (let k = 0; k < count; k++) {
      const j = touched[k] as number;
      let at = top.length;
      while (at > 0 && rank(top[at - 1] as number, j) > 0) at--;
      if (at <= limit) {
        top.splice(at, 0, j);
        if (top.length > limit + 1) top.pop();
      }
    }
    // Posts only on the longest list share exactly one tag: the newest of them, in list order.
    for (let k = 0, found = 0; k < longest.length && found <= limit; k++) {
      const j = longest[k] as number;
      if (shared[j] !== 0) continue;
      shared[j] = 1;
      touched[count++] = j;
      top.push(j);
      found++;
    }
    top.sort(rank);
    top.length = Math.min(top.length, limit + 1);
    for (let k = 0; k < count; k++) shared[touched[k] as number] = 0;
    return top;
  }

  const bySet = new Map<string, number[]>();
  return posts.map((post, i) => {
    // Tags are slugs (no commas): sorted and joined, they name the set.
    const key = [...new Set(post.tags)].sort().join(",");
    let top = bySet.get(key);
    if (!top) {
      top = best(key === "" ? [] : key.split(","));
      bySet.set(key, top);
    }
    return top.filter((j) => j !== i).slice(0, limit);
  });
}
