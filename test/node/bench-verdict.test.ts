/**
 * The benchmarks' verdicts on a goal say no more than their pairs do (bench/stats.ts goalVerdict).
 *
 *   node --test test/node/bench-verdict.test.ts
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { goalVerdict } from "../../bench/stats.ts";

test("met or not met only when 4 pairs in 5 agree, else the pairs straddle the goal", () => {
  assert.equal(goalVerdict([1, 2, 3, 4, 9], 5), "met");
  assert.equal(goalVerdict([6, 7, 8, 9, 1], 5), "not met");
  // The run recorded on December 6: a median of +8.9 over +5, with two pairs of five under it.
  assert.equal(goalVerdict([-3.2, 11.6, 2.0, 8.9, 11.0], 5), "not shown either way: 3 of 5 pairs over it");
  assert.equal(goalVerdict([], 5), "not shown either way: 0 of 0 pairs over it");
});
