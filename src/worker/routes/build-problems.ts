import { CONTENT_TYPES } from "../../shared/formats.ts";
import { messagesOf } from "../../shared/i18n/index.ts";
import type { BuildError, SiteConfig } from "../../shared/types.ts";
import { errorFormat } from "../http/negotiate.ts";
import { errorPolicy } from "../http/policy.ts";
import { REASON_PHRASES } from "../http/reason-phrases.ts";
import { BuildProblemsPage } from "../views/BuildProblemsPage.ts";
import type { HeadProps } from "../views/Layout.tsx";
import { renderDocument } from "../views/pages.tsx";

/**
 * The preview's answer to every request while the content does not build (`npm start` only; a
 * production build with problems fails instead). 503: the blog is unavailable until the author
 * saves a fix, and nothing may keep this answer.
 */
export function buildProblemsResponse(
  request: Request,
  site: SiteConfig,
  problems: readonly BuildError[],
  nav?: HeadProps["nav"],
): Response {
  // An explicit URL (`/posts/x.json`, `.md`) names its format, as it does for every other error.
  const { format: chosen, negotiated } = errorFormat(request);
  const format = chosen ?? "html";
  const headers = errorPolicy(503, format === "html", Number.POSITIVE_INFINITY, "build");
  if (negotiated) headers.push(["vary", "Accept"]);
  const t = messagesOf(site);
  const lines = problems.map((p) => `${p.file} → ${p.field}: ${p.message}`);
  let body: string;
  if (format === "json") {
    headers.push(["content-type", "application/problem+json; charset=utf-8"]);
    body = `${JSON.stringify(
      {
        type: "about:blank",
        // The standard's phrase, like every problem here; the heading in the blog's language is
        // the HTML page's and the Markdown's.
        title: REASON_PHRASES[503],
        status: 503,
        detail: lines.join("\n"),
        errors: problems.map(({ file, field, message }) => ({ file, field, message })),
      },
      null,
      2,
    )}\n`;
  } else if (format === "markdown") {
    headers.push(["content-type", CONTENT_TYPES.markdown]);
    // A fence longer than any run of backticks in the messages, so none can close it.
    const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))));
    const fence = "`".repeat(longest + 1);
    body = `# ${t.text("buildProblemsTitle")}\n\n${fence}text\n${lines.join("\n")}\n${fence}\n`;
  } else {
    headers.push(["content-type", CONTENT_TYPES.html]);
    body = renderDocument(BuildProblemsPage({ site, t, problems, nav }));
  }
  return new Response(body, { status: 503, headers });
}
