/**
 * FROZEN REFERENCE, for tests only: the JSX view the Worker rendered before its pages were joined
 * from strings (src/worker/views/, src/shared/views/). test/strings-vs-jsx.test.tsx holds every
 * page against it byte for byte. Change the markup here and there together, never one alone.
 */
import type { BuildProblemsPageProps } from "../../src/worker/views/BuildProblemsPage.ts";
import { Layout } from "./Layout.tsx";

/** The preview's page when the content did not build: every problem, as the terminal shows it. */
export function BuildProblemsPage({ site, t, problems, nav }: BuildProblemsPageProps) {
  const n = problems.length;
  return (
    <Layout
      site={site}
      t={t}
      title={t.text("buildProblemsTitle")}
      description={t.text("buildProblemsDescription")}
      canonical={`${site.origin}/`}
      alternates={[]}
      ogType="website"
      nav={nav}
      noindex
    >
      <h1>{t.text("buildProblemsTitle")}</h1>
      <p class="lede">{t.text("buildProblems", { n })}</p>
      <ul class="problems">
        {problems.map((p) => (
          <li>
            <code>
              {p.file} → {p.field}: {p.message}
            </code>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
