// Footnotes and math in the Markdown renderer, on inputs written here (not on content/).
import { describe, expect, it } from "vitest";
import { buildCollection, formatError, type ParsedPost, type ParseMemo, parsePost } from "../src/build/content/index.ts";
import { renderMarkdown } from "../src/build/content/markdown.ts";
import {
  cspSafeMathML,
  MATHML_ATTRIBUTES,
  MATHML_ELEMENTS,
  MAX_TEX_LENGTH,
  quoteTex,
  renderTex,
} from "../src/build/content/math.ts";
import fixture from "./fixtures/reader-features.md?raw";

const html = (md: string) => {
  const r = renderMarkdown(md);
  expect(r.problems).toEqual([]);
  return r.html;
};
const post = (body: string) => `---\ntitle: A\ndate: 2025-12-01\n---\n\n${body}`;
const errorsOf = (body: string) => parsePost({ path: "content/posts/x.md", text: post(body) }).errors.map(formatError);
const ids = (s: string) => [...s.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);

describe("footnotes", () => {
  it("are numbered by first use, linked both ways, with labelled back-references", () => {
    const out = html("One[^b], two[^a] and one again[^b].\n\n[^a]: Note A.\n[^b]: Note *B*.\n");
    expect(out).toBe(
      [
        '<p>One<sup><a id="fn:1:ref" href="#fn:1" class="footnote-ref" aria-describedby="fn:label">1</a></sup>,',
        ' two<sup><a id="fn:2:ref" href="#fn:2" class="footnote-ref" aria-describedby="fn:label">2</a></sup>',
        ' and one again<sup><a id="fn:1:ref:2" href="#fn:1" class="footnote-ref" aria-describedby="fn:label">1</a></sup>.</p>\n',
        '<section class="footnotes" aria-labelledby="fn:label">\n',
        // No "#" link here: the heading is every reference's accessible description.
        '<h2 id="fn:label">Footnotes</h2>\n',
        "<ol>\n",
        '<li id="fn:1">\n<p>Note <em>B</em>.',
        ' <a href="#fn:1:ref" class="footnote-backref" aria-label="Back to reference 1">↩\uFE0E</a>',
        ' <a href="#fn:1:ref:2" class="footnote-backref" aria-label="Back to reference 1, use 2">↩\uFE0E<sup>2</sup></a></p>\n</li>\n',
        '<li id="fn:2">\n<p>Note A.',
        ' <a href="#fn:2:ref" class="footnote-backref" aria-label="Back to reference 2">↩\uFE0E</a></p>\n</li>\n',
        "</ol>\n</section>\n",
      ].join(""),
    );
  });

  it("put the back-reference in the last paragraph of a long note, or after a final block", () => {
    const long = html("A[^n].\n\n[^n]: First.\n\n    Second.\n");
    expect(long).toContain(
      '<li id="fn:1">\n<p>First.</p>\n<p>Second. <a href="#fn:1:ref" class="footnote-backref" aria-label="Back to reference 1">↩\uFE0E</a></p>\n</li>',
    );
    const list = html("A[^n].\n\n[^n]: Items:\n\n    - one\n    - two\n");
    expect(list).toContain(
      '<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p><a href="#fn:1:ref" class="footnote-backref" aria-label="Back to reference 1">↩\uFE0E</a></p>\n</li>',
    );
  });

  it("never reuse an id: not each other's, not a heading's, not the page's own", () => {
    const out = html(
      "## Footnote 1\n\n## Fn label\n\nA[^1] b[^ref-1] c[^fn:1].\n\n[^1]: One.\n[^ref-1]: Two.\n[^fn:1]: Three.\n",
    );
    const all = ids(out);
    expect(all).toEqual(["footnote-1", "fn-label", "fn:1:ref", "fn:2:ref", "fn:3:ref", "fn:label", "fn:1", "fn:2", "fn:3"]);
    expect(new Set(all).size).toBe(all.length);
    // The page's ids are `site:…`; footnotes keep to `fn:`, headings never contain a colon.
    expect(all.filter((id) => id?.includes(":")).every((id) => id?.startsWith("fn:"))).toBe(true);
  });

  it("start again at 1 in every document", () => {
    html("A[^x] B[^y].\n\n[^x]: X.\n[^y]: Y.\n");
    expect(html("C[^z].\n\n[^z]: Z.\n")).toContain('<sup><a id="fn:1:ref" href="#fn:1"');
  });

  it("leave a reference to an undefined note as text, and add nothing to a post without notes", () => {
    expect(html("See [^missing].\n")).toBe("<p>See [^missing].</p>\n");
    expect(html("Plain.\n")).toBe("<p>Plain.</p>\n");
  });

  it("are headed and labelled in the blog's language, as are the section links, strings overriding", () => {
    const site = (extra = "") => ({
      path: "content/site.yaml",
      text: `title: T\ndescription: D\nauthor: A\nlanguage: pt-BR\norigin: https://blog.fixture.test\n${extra}`,
    });
    const files = [{ path: "content/posts/x.md", text: post("## Desempenho\n\nUm[^a] e um[^a].\n\n[^a]: Nota.\n") }];
    const now = new Date("2026-01-01T00:00:00Z");
    const out = buildCollection(site(), files, { includeDrafts: false, now }).posts[0]?.html ?? "";
    expect(out).toContain('<a class="anchor" href="#desempenho" aria-label="Link para a seção: Desempenho">#</a>');
    expect(out).toContain('<h2 id="fn:label">Notas de rodapé</h2>');
    expect(out).toContain('aria-label="Voltar à referência 1">');
    expect(out).toContain('aria-label="Voltar à referência 1, uso 2">');
    expect(out).not.toMatch(/Footnotes|Back to|Link to/);
    const own = buildCollection(site('strings: { footnotes: "Notas & fontes", linkToSection: "Ir para {heading}" }\n'), files, {
      includeDrafts: false,
      now,
    }).posts[0]?.html;
    expect(own).toContain('<h2 id="fn:label">Notas &amp; fontes</h2>');
    expect(own).toContain('aria-label="Ir para Desempenho">#</a>');
  });
});

describe("math", () => {
  it("renders $…$ inline as MathML", () => {
    expect(html("Area $\\pi r^2$.\n")).toBe(
      '<p>Area <math><semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">\\pi r^2</annotation></semantics></math>.</p>\n',
    );
  });

  it("renders $$…$$ on its own lines as display math, outside any paragraph", () => {
    expect(html("Before.\n\n$$\n\\frac{a}{b}\n$$\n\nAfter.\n")).toBe(
      '<p>Before.</p>\n<math display="block"><semantics><mfrac><mi>a</mi><mi>b</mi></mfrac><annotation encoding="application/x-tex">\\frac{a}{b}</annotation></semantics></math>\n<p>After.</p>\n',
    );
    expect(html("$$x$$\n")).toBe(
      '<math display="block"><semantics><mi>x</mi><annotation encoding="application/x-tex">x</annotation></semantics></math>\n',
    );
  });

  it("renders $$…$$ inside a paragraph as display math too", () => {
    expect(html("So $$y$$ holds.\n")).toBe(
      '<p>So <math display="block"><semantics><mi>y</mi><annotation encoding="application/x-tex">y</annotation></semantics></math> holds.</p>\n',
    );
  });

  it("leaves TeX in code spans and code blocks alone", () => {
    expect(html("Use `$x$` or `$$y$$`.\n")).toBe("<p>Use <code>$x$</code> or <code>$$y$$</code>.</p>\n");
    expect(html("```\n$$\n\\frac{1}{2}\n$$\n```\n")).toBe('<pre><code class="hljs">$$\n\\frac{1}{2}\n$$\n</code></pre>');
    expect(html("    $x$\n")).toBe('<pre><code class="hljs">$x$\n</code></pre>');
  });

  it("leaves prices alone: no space after the opening $, none before the closing $, no digit after it", () => {
    expect(html("It costs $5 and $10.\n")).toBe("<p>It costs $5 and $10.</p>\n");
    expect(html("From $5 to $10 and `$x$`.\n")).toBe("<p>From $5 to $10 and <code>$x$</code>.</p>\n");
    expect(html("$ x$ and $x $ and $x$5\n")).toBe("<p>$ x$ and $x $ and $x$5</p>\n");
  });

  it("reads \\$ as a literal dollar outside math and as TeX's dollar inside", () => {
    expect(html("Escaped \\$x\\$ stays.\n")).toBe("<p>Escaped $x$ stays.</p>\n");
    expect(html("$\\$5$\n")).toBe(
      '<p><math><semantics><mrow><mi>$</mi><mn>5</mn></mrow><annotation encoding="application/x-tex">\\$5</annotation></semantics></math></p>\n',
    );
  });

  it("works in headings, tables and footnotes", () => {
    const r = renderMarkdown("## Why $x$\n\n| a |\n| - |\n| $y$ |\n\nN[^m].\n\n[^m]: $z$\n");
    expect(r.problems).toEqual([]);
    expect(r.html).toContain(
      '<td><math><semantics><mi>y</mi><annotation encoding="application/x-tex">y</annotation></semantics></math></td>',
    );
    expect(r.html).toContain(
      '<p><math><semantics><mi>z</mi><annotation encoding="application/x-tex">z</annotation></semantics></math> <a href=',
    );
    expect(r.headings).toEqual([{ depth: 2, id: "why-x", text: "Why x" }]);
  });

  it("escapes text in formulas and refuses links and raw HTML commands", () => {
    expect(html("$\\operatorname{<b>}$\n")).toContain("<mi>&lt;b&gt;</mi>");
    expect(renderTex("\\href{javascript:alert(1)}{x}", false)).toEqual({
      ok: false,
      reason: "Unsupported function name: \\href at position 1",
    });
    expect(renderTex("\\class{x}{y}", false)).toEqual({
      ok: false,
      reason: 'Function "\\class" is not trusted at position 1',
    });
  });

  it("never emits a style attribute (the page's CSP blocks them)", () => {
    const tex = [
      "\\color{red}{x}",
      "\\hat{x}",
      "\\overbrace{a+b}^{n}",
      "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}",
      "\\begin{aligned}a&=b\\\\c&=d\\end{aligned}",
      "\\begin{cases}1&x>0\\\\0&\\text{else}\\end{cases}",
      "\\mathcal{A}+f'(x)+x^2",
    ];
    for (const display of [false, true]) {
      for (const t of tex) {
        const r = renderTex(t, display);
        expect(r.ok, t).toBe(true);
        if (r.ok) expect(r.html, t).not.toMatch(/\sstyle=/);
      }
    }
    expect(renderTex("\\color{red}{x}", false)).toEqual({
      ok: true,
      html: '<math><semantics><mrow><mi mathcolor="#ff0000">x</mi></mrow><annotation encoding="application/x-tex">\\color{red}{x}</annotation></semantics></math>',
    });
    expect(renderTex("\\hat{x}", false)).toEqual({
      ok: true,
      html: '<math><semantics><mover><mi>x</mi><mstyle scriptlevel="0"><mo stretchy="false">ˆ</mo></mstyle></mover><annotation encoding="application/x-tex">\\hat{x}</annotation></semantics></math>',
    });
  });
});

describe("rewriting Temml's markup for the CSP", () => {
  it("turns colours into mathcolor, accents into mstyle, and drops cell padding and cosmetic classes", () => {
    expect(
      cspSafeMathML(
        '<math display="block" class="tml-display" style="display:block math;"><mtable><mtr>' +
          '<mtd class="tml-right" style="padding-left:0em;padding-right:5.9776pt;"><mi class="mathcal" style="color:#b22222;">x</mi></mtd>' +
          '<mtd style="text-align:left;padding:0;"><mo style="math-depth:0;" stretchy="true">⏞</mo></mtd></mtr></mtable></math>',
      ),
    ).toEqual({
      ok: true,
      html:
        '<math display="block"><mtable><mtr><mtd class="tml-right"><mi mathcolor="#b22222">x</mi></mtd>' +
        '<mtd class="tml-left"><mstyle scriptlevel="0"><mo stretchy="true">⏞</mo></mstyle></mtd></mtr></mtable></math>',
    });
  });

  it("refuses elements and attributes outside the MathML allow-list, and odd markup", () => {
    expect(renderTex("\\ref{eq}", false)).toEqual({
      ok: false,
      reason: "produces <a>, which is not in the MathML this site allows",
    });
    expect(cspSafeMathML('<math><mtext><span class="x"></span></mtext></math>')).toEqual({
      ok: false,
      reason: "produces <span>, which is not in the MathML this site allows",
    });
    expect(cspSafeMathML('<math><mtr id="site:main"></mtr></math>')).toEqual({
      ok: false,
      reason: "produces the attribute id on <mtr>, which this site does not allow",
    });
    expect(cspSafeMathML("<math><mi title='x'>y</mi></math>")).toEqual({
      ok: false,
      reason: "produces markup this site does not allow in math (<mi title='x'>)",
    });
    expect(cspSafeMathML("<math><!-- x --><mi>y</mi></math>")).toEqual({
      ok: false,
      reason: "produces markup this site does not allow in math",
    });
  });

  it("keeps only allow-listed elements and attributes in everything it renders", () => {
    const tex = [
      "\\frac{a}{b}",
      "\\sqrt[3]{x}",
      "\\sum_{i=1}^n",
      "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}",
      "{}_1^2 X",
      "\\Huge x",
      "\\rule{1em}{1em}",
    ];
    for (const t of tex) {
      const r = renderTex(t, true);
      expect(r.ok, t).toBe(true);
      if (!r.ok) continue;
      for (const [, element, attrs] of r.html.matchAll(/<([a-z]+)([^>]*)>/g)) {
        expect(MATHML_ELEMENTS.has(element ?? ""), element).toBe(true);
        for (const [, name] of (attrs ?? "").matchAll(/\s([a-z-]+)=/g))
          expect(MATHML_ATTRIBUTES.has(name ?? ""), name).toBe(true);
      }
    }
  });

  it("refuses what would be drawn wrong without an inline style or Temml's stylesheet", () => {
    expect(cspSafeMathML('<math><mrow style="padding:3pt;border:1px solid;"><mi>x</mi></mrow></math>')).toEqual({
      ok: false,
      reason: `needs an inline style ("padding:3pt") that the page's Content-Security-Policy blocks`,
    });
    expect(cspSafeMathML('<math><mrow class="tml-cancel upstrike"></mrow></math>')).toEqual({
      ok: false,
      reason: `needs Temml's stylesheet (class "tml-cancel"), which this site does not load`,
    });
  });
});

describe("a formula that cannot be shown is a build error naming the file and the formula", () => {
  it("reports TeX that does not parse", () => {
    expect(errorsOf("Half: $\\frac{1}{$.\n")).toEqual([
      `content/posts/x.md → body: cannot render math "\\frac{1}{": Unexpected end of input in a macro argument, expected '}' at end of input`,
    ]);
  });

  it("reports every bad formula once, in display and inline math, and builds no post", () => {
    const r = parsePost({
      path: "content/posts/x.md",
      text: post("$\\nope$ and $\\nope$\n\n$$\n\\boxed{x}\n$$\n\n$\\overline{y}$\n"),
    });
    expect(r.post).toBeUndefined();
    expect(r.errors.map(formatError)).toEqual([
      'content/posts/x.md → body: cannot render math "\\nope": Unsupported function name: \\nope at position 1',
      `content/posts/x.md → body: cannot render math "\\boxed{x}": needs an inline style ("padding:3pt") that the page's Content-Security-Policy blocks`,
      `content/posts/x.md → body: cannot render math "\\overline{y}": produces <menclose>, which is not in the MathML this site allows`,
    ]);
  });

  it("quotes a long or multi-line formula on one line, cut at 80 characters", () => {
    expect(quoteTex("a +\n  b")).toBe("a + b");
    expect(quoteTex("x".repeat(100))).toBe(`${"x".repeat(79)}…`);
    expect(renderTex("x".repeat(MAX_TEX_LENGTH + 1), false)).toEqual({
      ok: false,
      reason: `is longer than ${MAX_TEX_LENGTH} characters`,
    });
  });
});

describe("the reader-features fixture", () => {
  const { post: p, errors } = parsePost({ path: "tes./fixtures/reader-features.md", text: fixture });

  it("builds without errors and uses every feature", () => {
    expect(errors).toEqual([]);
    const out = p?.html ?? "";
    expect(out.match(/<math display="block">/g)?.length).toBe(3);
    expect(out.match(/<math>/g)?.length).toBe(7);
    expect(out).toContain("it costs $5 and $10 on Sundays.");
    expect(out).toContain("An escaped $x$ stays text, and so does <code>$code$</code> in a code span.");
    expect(out).toContain("<table>");
    expect(out).toContain("<details>\n<summary>Why MathML?</summary>");
    expect(out).toContain('<pre><code class="hljs language-ts">');
    expect(out).toContain('<section class="footnotes" aria-labelledby="fn:label">');
    expect(out).not.toMatch(/\sstyle=/);
    expect(p?.markdown).toBe(fixture);
  });
});

describe("footnote marks are navigation, not text", () => {
  it("are left out of the derived description, the word count and the searchable text", () => {
    const r = renderMarkdown("Squares grow fast[^1].\n\n[^1]: A footnote, numbered automatically.\n");
    expect(r.lead).toBe("Squares grow fast.");
    expect(r.text).toBe("Squares grow fast. A footnote, numbered automatically.");
    expect(r.text).not.toContain("↩");
    expect(r.text).not.toContain("Footnotes");
  });
});

describe("alerts", () => {
  const aside = (kind: string, title: string, inner: string) =>
    `<aside class="alert alert-${kind}" role="note" aria-label="${title}">\n` +
    `<p class="alert-title"><span class="alert-icon" aria-hidden="true"></span><strong>${title}</strong></p>\n${inner}</aside>\n`;

  it("render GitHub's five markers as labelled notes, with the title first", () => {
    const kinds = { NOTE: "Note", TIP: "Tip", IMPORTANT: "Important", WARNING: "Warning", CAUTION: "Caution" };
    for (const [marker, title] of Object.entries(kinds)) {
      expect(html(`> [!${marker}]\n> Read *this*.\n>\n> Then that.\n`)).toBe(
        aside(marker.toLowerCase(), title, "<p>Read <em>this</em>.</p>\n<p>Then that.</p>\n"),
      );
    }
  });

  it("take the marker in any case, and hold lists and code", () => {
    expect(html("> [!tip]  \n> - one\n>\n> ```js\n> x\n> ```\n")).toBe(
      aside("tip", "Tip", '<ul>\n<li>one</li>\n</ul>\n<pre><code class="hljs language-js">x\n</code></pre>'),
    );
  });

  it("hold paragraphs even inside a list item", () => {
    expect(html("- > [!NOTE]\n  > In a list.\n")).toBe(`<ul>\n<li>${aside("note", "Note", "<p>In a list.</p>\n")}</li>\n</ul>\n`);
  });

  it("leave other block quotes as they are: an unknown marker, text after it, none at all", () => {
    expect(html("> [!DANGER]\n> x\n")).toBe("<blockquote>\n<p>[!DANGER]\nx</p>\n</blockquote>\n");
    expect(html("> [!NOTE] inline\n")).toBe("<blockquote>\n<p>[!NOTE] inline</p>\n</blockquote>\n");
    expect(html("> Just a quote.\n")).toBe("<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n");
  });

  it("pass the allow-list unchanged, and a description starts at the note's words, not its title", () => {
    const parsed = parsePost({ path: "content/posts/x.md", text: post("> [!WARNING]\n> Mind the gap.\n") });
    expect(parsed.errors).toEqual([]);
    expect(parsed.post?.html).toBe(aside("warning", "Warning", "<p>Mind the gap.</p>\n"));
    expect(parsed.post?.description).toBe("Mind the gap.");
  });

  it("are titled in the blog's language, with site.yaml's strings over the catalogue, in posts and pages", () => {
    const site = (extra: string) => ({
      path: "content/site.yaml",
      text: `title: T\ndescription: D\nauthor: A\nlanguage: pt-BR\norigin: https://blog.fixture.test\n${extra}`,
    });
    const files = [{ path: "content/posts/x.md", text: post("> [!TIP]\n> Leia.\n\n> [!CAUTION]\n> Cuidado.\n") }];
    const pages = [{ path: "content/pages/sobre.md", text: "---\ntitle: Sobre\n---\n\n> [!NOTE]\n> Olá.\n" }];
    const now = new Date("2026-01-01T00:00:00Z");
    const pt = buildCollection(site(""), files, { includeDrafts: false, now }, pages);
    expect(pt.errors).toEqual([]);
    expect(pt.posts[0]?.html).toBe(aside("tip", "Dica", "<p>Leia.</p>\n") + aside("caution", "Cuidado", "<p>Cuidado.</p>\n"));
    expect(pt.pages[0]?.html).toBe(aside("note", "Nota", "<p>Olá.</p>\n"));
    const own = buildCollection(site('strings: { alertTip: "Dica de ouro" }\n'), files, { includeDrafts: false, now }, pages);
    expect(own.posts[0]?.html).toBe(
      aside("tip", "Dica de ouro", "<p>Leia.</p>\n") + aside("caution", "Cuidado", "<p>Cuidado.</p>\n"),
    );
  });

  it("are not reused from a build in another language: the parse memo's key holds the titles", () => {
    const seen = new Map<string, ParsedPost>();
    const memo: ParseMemo = {
      get: (file, context) => seen.get(file.path + context),
      set: (file, context, p) => void seen.set(file.path + context, p),
    };
    const files = [{ path: "content/posts/x.md", text: post("> [!NOTE]\n> x\n") }];
    const at = (language: string) => ({
      path: "content/site.yaml",
      text: `title: T\ndescription: D\nauthor: A\nlanguage: ${language}\norigin: https://blog.fixture.test\n`,
    });
    const now = new Date("2026-01-01T00:00:00Z");
    expect(buildCollection(at("en"), files, { includeDrafts: false, now, memo }).posts[0]?.html).toContain(
      "<strong>Note</strong>",
    );
    expect(buildCollection(at("de"), files, { includeDrafts: false, now, memo }).posts[0]?.html).toContain(
      "<strong>Hinweis</strong>",
    );
    expect(seen.size).toBe(2);
  });

  it("are the only <aside> a post may write: any other role is refused", () => {
    expect(errorsOf('<aside role="complementary">x</aside>\n')).toEqual([
      'content/posts/x.md → body: role="complementary" on <aside> is not allowed in a post (line 6)',
    ]);
  });
});

describe("figures", () => {
  const figure = (caption: string, alt = "A field") =>
    `<figure><img src="./f.png" alt="${alt}"><figcaption>${caption}</figcaption></figure>\n`;

  it("an image alone with a title: the title is the caption, and not also a tooltip", () => {
    expect(html('![A field](./f.png "The field & its <sky>")\n')).toBe(figure("The field &amp; its &lt;sky&gt;"));
  });

  it("an image with an emphasised line right below it: that line is the caption, with its markup", () => {
    expect(html("![A field](./f.png)\n*The **field** at noon*\n")).toBe(figure("The <strong>field</strong> at noon"));
    expect(html("![A field](./f.png)  \n_After a hard break_\n")).toBe(figure("After a hard break"));
  });

  it("anything else stays a paragraph: no caption, text beside the image, more after the emphasis", () => {
    expect(html("![A field](./f.png)\n")).toBe('<p><img src="./f.png" alt="A field"></p>\n');
    expect(html('See ![A field](./f.png "t")\n')).toBe('<p>See <img src="./f.png" alt="A field" title="t"></p>\n');
    expect(html("![A field](./f.png)\n*Not* a caption\n")).toBe(
      '<p><img src="./f.png" alt="A field">\n<em>Not</em> a caption</p>\n',
    );
    expect(html("![A field](./f.png)\n\n*A paragraph of its own*\n")).toBe(
      '<p><img src="./f.png" alt="A field"></p>\n<p><em>A paragraph of its own</em></p>\n',
    );
  });

  it("pass the allow-list unchanged", () => {
    const parsed = parsePost({ path: "content/posts/x.md", text: post('![The blog\'s icon](/favicon.svg "Noon")\n') });
    expect(parsed.errors).toEqual([]);
    expect(parsed.post?.html).toBe(
      '<figure><img src="/favicon.svg" alt="The blog\'s icon"><figcaption>Noon</figcaption></figure>\n',
    );
  });
});
