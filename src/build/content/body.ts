import type { Heading } from "../../shared/types.ts";
import { CONTROL } from "./fields.ts";
import { deriveDescription, lexMarkdown, renderMarkdown } from "./markdown.ts";
import { safePostHtml } from "./post-html.ts";
import type { RenderSettings } from "./render-settings.ts";

/**
 * A Markdown body to the HTML every representation serves: rendered (math, footnotes,
 * highlighting), then checked against the allow-list. One path for posts and pages, so a page
 * can hold exactly what a post can.
 */
export interface RenderedBody {
  /** The checked, re-serialised HTML. */
  html: string;
  headings: Heading[];
  /** All visible text, for word counts. */
  text: string;
  /** Where the body starts in the normalised source, after the front matter. */
  bodyStart: number;
  /** One line of plain text for a description the author did not write. */
  description: string;
}

/**
 * Renders `body` (the part of `source` after the front matter) and reports each problem through
 * `at` as a `body` error; undefined when there were any, so nothing wrong is ever served.
 */
export function renderBody(
  source: string,
  body: string,
  at: (field: string, message: string) => void,
  media?: Parameters<typeof renderMarkdown>[1],
  render?: RenderSettings,
): RenderedBody | undefined {
  let rendered: ReturnType<typeof renderMarkdown>;
  try {
    rendered = renderMarkdown(body, media, render);
  } catch (e) {
    // A renderer bug must not stop the build from reporting every other problem.
    // Only a body nested thousands of levels deep (`>>>>…`, `*a *a *a …`) exhausts the stack.
    at(
      "body",
      e instanceof RangeError && /call stack/i.test(e.message)
        ? "is nested too deeply to render (thousands of levels of quotes, lists or emphasis): flatten it"
        : `could not be rendered: ${(e as Error).message.split("\n")[0]}`,
    );
    return undefined;
  }
  // Math and footnote problems first: a body that did not render is not checked further.
  const bodyStart = source.length - body.length;
  const bodyLine = source.slice(0, bodyStart).split("\n").length;
  for (const message of rendered.problems) at("body", message);
  for (const p of rendered.located) at("body", `${p.message} (line ${bodyLine + p.line - 1})`);
  if (rendered.problems.length > 0 || rendered.located.length > 0) return undefined;
  const safe = safePostHtml(rendered.html, body, bodyLine, lexMarkdown, !rendered.passesHtml);
  for (const problem of safe.problems) at("body", problem);
  if (safe.html === undefined) return undefined;
  return {
    html: safe.html,
    headings: rendered.headings,
    text: rendered.text,
    bodyStart,
    // Derived text is one line of plain text like an authored description (see fields.ts).
    description: deriveDescription((rendered.lead || rendered.text).replace(CONTROL, " ")),
  };
}
