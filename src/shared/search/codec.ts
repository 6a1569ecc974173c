/**
 * Postings as compact strings: JSON.parse reads a string far faster than an array of
 * numbers, and only the postings of the terms a query uses are ever decoded.
 *
 * Each non-negative integer is written least significant 5 bits first, one character per
 * 5 bits, from a 64-character alphabet that needs no escaping in JSON: characters 0–31 end a
 * number, 32–63 say more bits follow. Doc ids are delta-encoded, so most take one character.
 */
const ALPHABET = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz";
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function encodeNumbers(numbers: readonly number[]): string {
  let out = "";
  for (const value of numbers) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cannot encode ${value}`);
    let n = value;
    while (n >= 32) {
      out += ALPHABET[32 + (n % 32)];
      n = Math.floor(n / 32);
    }
    out += ALPHABET[n];
  }
  return out;
}

export function decodeNumbers(s: string): number[] {
  const out: number[] = [];
  let n = 0;
  let scale = 1;
  for (let i = 0; i < s.length; i++) {
    const v = VALUE[s.charCodeAt(i)] ?? -1;
    if (v < 0) throw new RangeError(`not an encoded number at ${i}`);
    if (v >= 32) {
      n += (v - 32) * scale;
      scale *= 32;
    } else {
      out.push(n + v * scale);
      n = 0;
      scale = 1;
    }
  }
  if (scale !== 1) throw new RangeError("truncated encoded number");
  return out;
}
