/**
 * The one shape of a representation ready to send: made by representation.ts, kept by
 * store.ts. Its own module, below both, so the store need not import the code that fills it.
 */

/** A representation made once per isolate: bytes, validators and headers, ready to send. */
export interface Prepared {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** Epoch ms, whole seconds. */
  lastModified?: number;
  /**
   * Headers of a 200 served from this isolate's cache, as one `Headers` object: workerd copies
   * it natively into each Response, several times faster than converting name/value pairs.
   */
  ok: Headers;
  /** Headers of a 304: the 200's minus Content-Type/Length (RFC 9110 §15.4.5). */
  notModified: Headers;
  /** Seconds a cache may keep it, fresh and then stale (max-age + stale-while-revalidate). */
  keepFor: number;
  /** Headers with the keeping time cut short, for the last `left` seconds before content changes. */
  capped?: { left: number; ok: Headers; notModified: Headers };
}
