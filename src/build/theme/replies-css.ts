/**
 * The replies section's look (src/worker/views/replies.ts), added to the stylesheet only when
 * federation is on (site.yaml `fediverse`): every other blog's pages keep their bytes.
 */
export const REPLIES_CSS =
  ".replies ol{list-style:none;padding-inline-start:0}.reply{margin-block:1.25em}.reply header{font-size:.9em;color:var(--muted)}.reply header img{border-radius:50%;vertical-align:middle;margin-inline-end:.5em}.reactions,.reply-how{color:var(--muted)}";
