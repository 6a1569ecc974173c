const encoder = new TextEncoder();

/**
 * UTF-8 length of a string, for size limits. Native encoding is faster than a JavaScript loop
 * in a cold isolate (feeds are measured on their first request); callers check `s.length` first
 * where a string may be far over a limit, as UTF-8 is never shorter than the UTF-16 length.
 */
export function utf8Bytes(s: string): number {
  return encoder.encode(s).byteLength;
}
