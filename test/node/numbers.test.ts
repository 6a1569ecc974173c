import assert from "node:assert/strict";
import { test } from "node:test";
import { spell, spellingOf, spellingSamples } from "../../src/shared/i18n/numbers.ts";
import { SPELLINGS } from "../numbers.fixture.ts";

// The build (Node's ICU) finds how a language writes numbers and puts it in the site's settings;
// the Worker writes counts with it, as the build wrote the page's other numbers.
// test/numbers.test.ts holds the same spellings against workerd's ICU.
test("the build finds how each language writes whole numbers, and writes them as its Intl does", () => {
  for (const [lang, expected] of Object.entries(SPELLINGS)) {
    assert.deepEqual(spellingOf(lang), expected, lang);
    const format = new Intl.NumberFormat(lang);
    for (const n of [...spellingSamples(), 12345678, 100000, 99999])
      assert.equal(spell(n, expected), format.format(n), `${lang} ${n}`);
  }
});
