/**
 * The search index after some posts changed in place: the same documents at the same ids, scored
 * with the same averages (src/shared/search/build.ts `averages`), but for the changed ones'
 * terms. Only the postings of the terms a changed document had or has are touched: each loses
 * the changed ids and gains their new scores. The result is the shards buildSearchIndex makes of
 * the changed documents with those averages, byte for byte, at the cost of one document's terms
 * rather than the blog's.
 */
import { type DocTerms, docScores, shardName } from "../../shared/search/build.ts";
import { splicePostings } from "../../shared/search/codec.ts";
import type { SearchShard } from "../../shared/search/types.ts";

export interface DocChange {
  id: number;
  /** Its terms in the index as it is. */
  before: DocTerms;
  /** Its terms now. */
  after: DocTerms;
}

/**
 * The shards `changes` touch, with the changes applied (undefined: the shard is left empty, so
 * it goes); `averages` are those the index was scored with. `shard` gives a shard of the index as
 * it is. Pure: only the shards a change touches are read.
 */
export function patchShards(
  shard: (name: string) => SearchShard | undefined,
  changes: readonly DocChange[],
  averages: readonly number[],
  keyLength: 0 | 1 | 2,
): Map<string, SearchShard | undefined> {
  /** shard → term → the changed documents' entries, in ascending id: a new score, or none. */
  const edits = new Map<string, Map<string, [number, number | undefined][]>>();
  const edit = (term: string, id: number, score: number | undefined) => {
    const name = shardName(term, keyLength);
    let terms = edits.get(name);
    if (!terms) {
      terms = new Map();
      edits.set(name, terms);
    }
    const list = terms.get(term);
    if (list) list.push([id, score]);
    else terms.set(term, [[id, score]]);
  };
  for (const c of [...changes].sort((a, b) => a.id - b.id)) {
    const scores = docScores(c.after, averages);
    c.after.terms.forEach((term, i) => {
      edit(term, c.id, scores[i]);
    });
    const now = new Set(c.after.terms);
    for (const term of c.before.terms) if (!now.has(term)) edit(term, c.id, undefined);
  }
  const out = new Map<string, SearchShard | undefined>();
  for (const [name, terms] of edits) {
    const old = shard(name);
    const postings = new Map<string, string>(old ? old.terms.map((t, i) => [t, old.postings[i] ?? ""]) : []);
    for (const [term, list] of terms) {
      const spliced = splicePostings(postings.get(term) ?? "", list);
      if (spliced === "") postings.delete(term);
      else postings.set(term, spliced);
    }
    // Sorted as buildSearchIndex sorts every term (UTF-16 code units).
    const sorted = [...postings.keys()].sort();
    out.set(name, sorted.length === 0 ? undefined : { terms: sorted, postings: sorted.map((t) => postings.get(t) ?? "") });
  }
  return out;
}
