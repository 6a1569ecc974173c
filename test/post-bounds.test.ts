import { exports } from "cloudflare:workers";
import { type DefaultTreeAdapterTypes, parse, parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { formatError, parsePost } from "../src/build/content/index.ts";
import { MAX_MATH_LENGTH_EM, MAX_MATH_SCALE } from "../src/build/content/math-limits.ts";
import { checkHtml, LAYOUT_ID_PREFIX } from "../src/build/content/sanitize.ts";
import { site } from "../src/worker/blog.ts";
import { atomFeed, jsonFeed } from "../src/worker/representations/feeds.ts";
import { POST } from "./helpers.ts";

/**
 * What a post cannot do to the page around it, however valid its HTML: draw math larger than
 * its text (src/build/content/math-limits.ts), or take one of the page's own ids. Both are build
 * errors naming the file, so nothing of the post reaches the page or the feeds.
 */

const PATH = "content/posts/x.md";
const FRONT = "---\ntitle: A post\ndate: 2025-12-01\n---\n\n";
const BODY_LINE = 6;
const build = (body: string) => parsePost({ path: PATH, text: FRONT + body });
const problems = (body: string) => build(body).errors.map(formatError);
const messages = (html: string) => checkHtml(html).problems.map((p) => p.message);
const LIMIT = `math in a post may draw at most ${MAX_MATH_LENGTH_EM}em in any direction`;

describe("math is drawn no larger than its text", () => {
  it("refuses the audit's formula, a page-wide black block, naming it", () => {
    expect(problems("A $\\rule{100000em}{100000em}$ block.\n")).toEqual([
      `${PATH} → body: cannot render math "\\rule{100000em}{100000em}": width="100000em" on <mspace> is 1.0e+5em; ${LIMIT}`,
    ]);
  });

  it.each([
    ["a rule far below the line", "\\rule[-100000em]{1em}{1em}", `height="-100000em" on <mpadded> is 1.0e+5em; ${LIMIT}`],
    ["a kern", "a\\kern{100em}b", `width="100em" on <mspace> is 100em; ${LIMIT}`],
    ["a space in mu", "a\\mkern900mu b", `width="50em" on <mspace> is 50em; ${LIMIT}`],
    ["a fraction's bar", "\\genfrac{}{}{100em}{}{a}{b}", `linethickness="142.8571em" on <mfrac> is 142.86em; ${LIMIT}`],
    ["a rule under \\Huge (sizes nest)", "\\Huge\\rule{5em}{1em}", `width="5em" on <mspace> is 12.44em; ${LIMIT}`],
  ])("refuses %s", (_name, tex, reason) => {
    expect(problems(`$${tex}$\n`)).toEqual([`${PATH} → body: cannot render math "${tex}": ${reason}`]);
  });

  it("keeps what real formulas use: rules, spaces, sizes and colours within the limits", () => {
    const { post, errors } = build("$\\rule{10em}{0.4pt}$ $a\\qquad b$ $\\tiny{\\Huge x}$ $\\color{red}{y}$ $\\mathstrut$\n");
    expect(errors).toEqual([]);
    const html = post?.html ?? "";
    expect(html).toContain('<mspace mathbackground="black" width="10em" height="0.3985pt"></mspace>');
    expect(html).toContain('<mstyle mathsize="0.5000em"><mstyle mathsize="4.9760em"><mi>x</mi></mstyle></mstyle>');
    expect(html).toContain('<mi mathcolor="#ff0000">y</mi>');
  });

  it("holds raw MathML to the same limits, sizes nesting, at its line", () => {
    const at = (message: string, line: number) => `${PATH} → body: ${message} (line ${line})`;
    expect(
      problems(
        [
          'Intro.\n\n<p><math><mspace width="100000em" height="1em" mathbackground="black"></mspace></math></p>',
          '<p><math><mi style="width:100000em;background-color:black">x</mi></math></p>',
          '<p><math><mpadded voffset="-20em"><mi>x</mi></mpadded></math></p>',
          '<p><math><mstyle mathsize="3em"><mstyle mathsize="3em"><mi>x</mi></mstyle></mstyle></math></p>',
          '<p><math><mstyle scriptlevel="-9"><mi>x</mi></mstyle></math></p>',
          '<p><math><mi mathbackground="url(https://t.example/)">x</mi></math></p>',
          '<p><math><mtable columnspacing="1em 1000em"><mtr><mtd><mi>x</mi></mtd></mtr></mtable></math></p>',
          "",
        ].join("\n\n"),
      ),
    ).toEqual([
      at(`width="100000em" on <mspace> is 1.0e+5em; ${LIMIT}`, BODY_LINE + 2),
      at(`style "width:100000em" on <mi> is 1.0e+5em; ${LIMIT}`, BODY_LINE + 4),
      at(`voffset="-20em" on <mpadded> is 20em; ${LIMIT}`, BODY_LINE + 6),
      at(`mathsize="3em" on <mstyle> makes text 9 times its size; at most ${MAX_MATH_SCALE}`, BODY_LINE + 8),
      at('scriptlevel="-9" on <mstyle> would enlarge the text: use 0 or more', BODY_LINE + 10),
      at('mathbackground="url(https://t.example/)" on <mi> is not a plain colour (#rrggbb or a name)', BODY_LINE + 12),
      at(`columnspacing="1em 1000em" on <mtable> is 1000em; ${LIMIT}`, BODY_LINE + 14),
    ]);
  });

  it("measures every unit, and percentages of a bounded whole", () => {
    expect(
      messages('<math><mspace width="160px"></mspace><mspace width="120pt"></mspace><mspace width="100%"></mspace></math>'),
    ).toEqual([]);
    expect(messages('<math><mspace width="161px"></mspace></math>')).toEqual([`width="161px" on <mspace> is 10.06em; ${LIMIT}`]);
    expect(messages('<math><mspace width="3in"></mspace></math>')).toEqual([`width="3in" on <mspace> is 18em; ${LIMIT}`]);
    expect(messages('<math><mspace width="101%"></mspace></math>')).toEqual([`width="101%" on <mspace> is 10.1em; ${LIMIT}`]);
    expect(messages('<math><mspace width="1e9em"></mspace></math>')).toEqual([`width="1e9em" on <mspace> is 1.0e+9em; ${LIMIT}`]);
    expect(messages('<math><mspace width="calc(1em*1e9)"></mspace></math>')).toEqual([
      'width="calc(1em*1e9)" on <mspace> is not a length',
    ]);
    expect(
      messages('<math><mstyle mathsize="300%"><mi>x</mi></mstyle><mstyle mathsize="301%"><mi>x</mi></mstyle></math>'),
    ).toEqual([`mathsize="301%" on <mstyle> makes text 3.01 times its size; at most ${MAX_MATH_SCALE}`]);
  });

  it("what a feed carries is what the page shows: the bounded formula, as written", () => {
    const { post, errors } = build("A rule: $\\rule{2em}{1em}$.\n");
    expect(errors).toEqual([]);
    if (!post) throw new Error("no post");
    const rule = '<mspace mathbackground="black" width="2em" height="1em"></mspace>';
    expect(post.html).toContain(rule);
    const escaped = rule.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    expect(atomFeed(site, [post])).toContain(escaped);
    expect(JSON.parse(jsonFeed(site, [post])).items[0].content_html).toContain(rule);
  });
});

type Node = DefaultTreeAdapterTypes.ParentNode;
type Element = DefaultTreeAdapterTypes.Element;
const elementsOf = (node: Node): Element[] => node.childNodes.flatMap((n) => ("tagName" in n ? [n, ...elementsOf(n)] : []));
const idOf = (e: Element) => e.attrs.find((a) => a.name === "id")?.value;
const isPostContent = (e: Element) => e.attrs.some((a) => a.name === "class" && a.value === "content");

/** The ids of a page: the layout's own, and those inside the post (`<div class="content">`). */
function pageIds(html: string): { layout: string[]; post: string[] } {
  const layout: string[] = [];
  const post: string[] = [];
  const visit = (node: Node, inPost: boolean) => {
    for (const e of node.childNodes) {
      if (!("tagName" in e)) continue;
      const id = idOf(e);
      if (id !== undefined) (inPost ? post : layout).push(id);
      visit(e, inPost || isPostContent(e));
    }
  };
  visit(parse(html), false);
  return { layout, post };
}

describe("a post's ids never collide with the page's", () => {
  it("refuses an id the layout uses, or could (its prefix), in any case, on HTML and MathML", () => {
    const taken = (id: string, tag: string) =>
      `id="${id}" on <${tag}> is not allowed in a post: ids starting with ${LAYOUT_ID_PREFIX} are the page's own`;
    expect(problems('<p id="site:main">Skip here.</p>\n')).toEqual([
      `${PATH} → body: ${taken("site:main", "p")} (line ${BODY_LINE})`,
    ]);
    expect(messages('<span ID="Site:Related">x</span><math><mi id="site:x">y</mi></math>')).toEqual([
      taken("Site:Related", "span"),
      taken("site:x", "mi"),
    ]);
  });

  it("headings and footnotes cannot produce one: their ids hold no colon, or start with fn:", () => {
    const { post, errors } = build("## site:main\n\nText[^site:main].\n\n[^site:main]: A note.\n");
    expect(errors).toEqual([]);
    const ids = elementsOf(parseFragment(post?.html ?? "")).flatMap((e) => idOf(e) ?? []);
    expect(ids).toEqual(["sitemain", "fn:1:ref", "fn:label", "fn:1"]);
  });

  it("every id the layout renders starts with the reserved prefix, and no page has one twice", async () => {
    const seen = new Set<string>();
    for (const path of ["/", POST, "/archive", "/tags", "/search?q=rust", "/no-such-page"]) {
      const res = await exports.default.fetch(new Request(`http://localhost${path}`, { headers: { Accept: "text/html" } }));
      const { layout, post } = pageIds(await res.text());
      for (const id of layout) {
        expect(id.startsWith(LAYOUT_ID_PREFIX), `${path}: layout id "${id}"`).toBe(true);
        seen.add(id);
      }
      const all = [...layout, ...post];
      expect(new Set(all).size, `${path}: ${all.join(" ")}`).toBe(all.length);
    }
    // The skip link's target is among them: the page was really looked at.
    expect(seen.has("site:main")).toBe(true);
  });
});
