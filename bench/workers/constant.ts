/**
 * The baseline: the article's HTML as a constant string, whatever the request. It is the
 * least a Worker can do to send that page, so the real Worker is reported as a ratio of it.
 * `bench:article-html` is aliased at bundle time to a module the bench generates from the
 * real Worker's own output, so both send the same bytes.
 */
import html from "bench:article-html";

export default {
  fetch(): Response {
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  },
};
