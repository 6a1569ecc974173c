import { raw } from "hono/utils/html";
import type { Messages } from "../../shared/i18n/index.ts";
import type { BuildError, SiteConfig } from "../../shared/types.ts";
import { escapeHtml as e } from "../../shared/views/html.ts";
import { documentOf, type HeadProps } from "./Layout.tsx";

export interface BuildProblemsPageProps {
  site: SiteConfig;
  t: Messages;
  problems: readonly BuildError[];
  nav?: HeadProps["nav"];
}

/**
 * The preview's page when the content did not build: every problem, as the terminal shows it.
 * Joined from strings (test/strings-vs-jsx.test.tsx holds it against the JSX view it replaced).
 */
export function BuildProblemsPage({ site, t, problems, nav }: BuildProblemsPageProps) {
  const head = {
    title: t.text("buildProblemsTitle"),
    description: t.text("buildProblemsDescription"),
    canonical: `${site.origin}/`,
    alternates: [],
    ogType: "website",
    nav,
    noindex: true,
  } satisfies HeadProps;
  let html = `<h1>${e(t.text("buildProblemsTitle"))}</h1><p class="lede">${e(t.text("buildProblems", { n: problems.length }))}</p><ul class="problems">`;
  for (const p of problems) html += `<li><code>${e(p.file)} → ${e(p.field)}: ${e(p.message)}</code></li>`;
  return raw(documentOf({ site, t, ...head }, `${html}</ul>`));
}
