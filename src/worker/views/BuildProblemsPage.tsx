import type { BuildError, SiteConfig } from "../../shared/types.ts";
import { type HeadProps, Layout } from "./Layout.tsx";

/** The preview's page when the content did not build: every problem, as the terminal shows it. */
export function BuildProblemsPage({
  site,
  problems,
  nav,
}: {
  site: SiteConfig;
  problems: readonly BuildError[];
  nav?: HeadProps["nav"];
}) {
  const n = problems.length;
  return (
    <Layout
      site={site}
      title="The content did not build"
      description="The preview shows the build's problems until they are fixed."
      canonical={`${site.origin}/`}
      alternates={[]}
      ogType="website"
      nav={nav}
      noindex
    >
      <h1>The content did not build</h1>
      <p class="lede">
        {n} problem{n === 1 ? "" : "s"} to fix. This page reloads into the blog on the next save that fixes{" "}
        {n === 1 ? "it" : "them"}.
      </p>
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
