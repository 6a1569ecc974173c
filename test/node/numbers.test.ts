import assert from "node:assert/strict";
import { test } from "node:test";
import { digitsOf, PLAIN_BELOW, withDigits } from "../../src/shared/i18n/numbers.ts";
import { DIGITS } from "../numbers.fixture.ts";

// The build (Node's ICU) finds the digits it puts in the site's settings; the Worker writes counts
// with them, as the build wrote the page's other numbers. test/numbers.test.ts holds them against
// workerd's ICU.
test("the build finds each language's digits, and they write every number below 1,000 as its Intl does", () => {
  for (const [lang, digits] of Object.entries(DIGITS)) {
    assert.equal(digitsOf(lang), digits, lang);
    if (digits === undefined) continue;
    const format = new Intl.NumberFormat(lang);
    for (let n = 0; n < PLAIN_BELOW; n++) assert.equal(withDigits(n, digits), format.format(n), `${lang} ${n}`);
  }
});
