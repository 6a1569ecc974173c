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

/**
 * A term's postings (src/shared/search/build.ts `encodePostings`: [id delta, score] pairs) with
 * some documents' entries set (`score`) or removed (`undefined`), `edits` in ascending id:
 * what encoding the edited list gives, made by copying the untouched runs of `s` as they are.
 * Only an entry next to an edit is encoded again (its id delta changes when its predecessor
 * does), so one changed document costs a scan of the string, not a decoding of it.
 */
export function splicePostings(s: string, edits: readonly (readonly [id: number, score: number | undefined])[]): string {
  let out = "";
  const emit = (delta: number, score: number) => {
    out += encodeNumbers([delta, score]);
  };
  let i = 0;
  let copyFrom = 0;
  /** The original list's previous id, and the last id written. */
  let id = 0;
  let written = 0;
  let e = 0;
  const read = () => {
    let n = 0;
    let scale = 1;
    for (;;) {
      const v = VALUE[s.charCodeAt(i++)] ?? -1;
      if (v < 0) throw new RangeError(`not an encoded number at ${i - 1}`);
      if (v < 32) return n + v * scale;
      n += (v - 32) * scale;
      scale *= 32;
    }
  };
  while (i < s.length) {
    const start = i;
    const entry = id + read();
    const score = read();
    // New entries before this one.
    while (e < edits.length && (edits[e]?.[0] as number) < entry) {
      const [at, value] = edits[e++] as readonly [number, number | undefined];
      if (value === undefined) continue;
      out += s.slice(copyFrom, start);
      copyFrom = start;
      emit(at - written, value);
      written = at;
    }
    if (e < edits.length && edits[e]?.[0] === entry) {
      const value = (edits[e++] as readonly [number, number | undefined])[1];
      out += s.slice(copyFrom, start);
      if (value !== undefined) {
        emit(entry - written, value);
        written = entry;
      }
      copyFrom = i;
    } else if (written !== id) {
      // Its predecessor changed: its delta is written anew.
      out += s.slice(copyFrom, start);
      emit(entry - written, score);
      written = entry;
      copyFrom = i;
    } else {
      written = entry;
    }
    id = entry;
  }
  out += s.slice(copyFrom);
  for (; e < edits.length; e++) {
    const [at, value] = edits[e] as readonly [number, number | undefined];
    if (value === undefined) continue;
    emit(at - written, value);
    written = at;
  }
  return out;
}
