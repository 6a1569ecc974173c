import fc from "fast-check";
import { type DefaultTreeAdapterTypes, parseFragment, serialize } from "parse5";
import { describe, expect, it } from "vitest";
import { formatError, parsePost } from "../src/build/content/index.ts";
import { renderMarkdown } from "../src/build/content/markdown.ts";
import { MAX_HTML_BYTES } from "../src/build/content/post-html.ts";
import { checkHtml, serialiserSpelling, urlScheme } from "../src/build/content/sanitize.ts";
import { utf8Bytes } from "../src/shared/bytes.ts";
import footnotes from "./fixtures/html/footnotes.html?raw";
import temml from "./fixtures/html/temml.html?raw";

/**
 * What HTML a post may contain (src/build/content/sanitize.ts, src/build/content/post-html.ts): every
 * representation ships the post's HTML (the page, /posts/x.json, /feed.json, Atom), so the
 * build checks it once against an allow-list and fails, naming file, element and line, on
 * anything else. Posts are built here from text, never read from content/.
 */

const PATH = "content/posts/x.md";
/** Five lines of front matter: the body starts on line 6 of the file. */
const FRONT = "---\ntitle: A post\ndate: 2025-12-01\n---\n\n";
const BODY_LINE = 6;
const build = (body: string) => parsePost({ path: PATH, text: FRONT + body });
const problems = (body: string) => build(body).errors.map(formatError);
const at = (message: string, line: number) => `${PATH} → body: ${message} (line ${line})`;

describe("a post that would take over the page is a build error naming file, element and line", () => {
  it.each([
    [
      "a meta refresh (redirects every reader)",
      'Intro.\n\n<meta http-equiv="refresh" content="1;url=https://example.org/phish">\n',
      [at("<meta> is not allowed in a post", BODY_LINE + 2)],
    ],
    [
      "a referrer meta (overrides Referrer-Policy)",
      'Text <meta name="referrer" content="unsafe-url"> more.\n',
      [at("<meta> is not allowed in a post", BODY_LINE)],
    ],
    [
      "an unclosed comment (hides the rest of the page)",
      "Visible.\n\n<!-- hide the footer, the pager, everything\n\nStill hidden.\n",
      [at("an unclosed comment (<!-- with no -->) is not allowed in a post", BODY_LINE + 2)],
    ],
    ["a script", "One.\n\nTwo.\n\n<script>alert(1)</script>\n", [at("<script> is not allowed in a post", BODY_LINE + 4)]],
    [
      "an event handler on an image",
      "a\n\nb\n\nc <img src=/favicon.svg alt=icon onerror=alert(1)> d\n",
      [at("onerror attribute on <img> is not allowed in a post", BODY_LINE + 4)],
    ],
    [
      "a style element and a style attribute",
      '<style>body{display:none}</style>\n\n<p style="color:red">x</p>\n',
      [at("<style> is not allowed in a post", BODY_LINE), at("style attribute on <p> is not allowed in a post", BODY_LINE + 2)],
    ],
    [
      "an iframe, a form and an SVG",
      '<iframe src="https://example.org"></iframe>\n\n<form action="/x"><input name=q></form>\n\n<svg><script>x</script></svg>\n',
      [
        at(
          '<iframe> src="https://example.org" is not allowed: only a YouTube, Vimeo or PeerTube link alone on its line becomes a video (docs/writing.md)',
          BODY_LINE,
        ),
        at("<form> is not allowed in a post", BODY_LINE + 2),
        at("<svg> is not allowed in a post", BODY_LINE + 4),
      ],
    ],
    ["a base element", 'Text.\n\n<base href="https://evil.example/">\n', [at("<base> is not allowed in a post", BODY_LINE + 2)]],
  ])("%s", (_name, body, expected) => {
    const result = build(body);
    expect(result.errors.map(formatError)).toEqual(expected);
    expect(result.post).toBeUndefined();
  });

  it("names the line inside a multi-line HTML block, a table cell, a block quote and a list", () => {
    const body = [
      "<div>", // 6
      "  <p>fine</p>",
      '  <a href="#x" onclick="steal()">x</a>', // 8
      "</div>",
      "",
      "| a | b |", // 11
      "|---|---|",
      "| <i onmouseover=x>c</i> | d |", // 13
      "",
      "> quoted <b onclick=y>b</b>", // 15
      "",
      "- item", // 17
      "- item <meta charset=x>", // 18
      "",
    ].join("\n");
    expect(problems(body)).toEqual([
      at("onclick attribute on <a> is not allowed in a post", 8),
      at("onmouseover attribute on <i> is not allowed in a post", 13),
      at("onclick attribute on <b> is not allowed in a post", 15),
      at("<meta> is not allowed in a post", 18),
    ]);
  });

  it("reports each of several identical problems at its own line", () => {
    expect(problems("<meta a>\n\ntext\n\n<meta b>\n")).toEqual([
      at("<meta> is not allowed in a post", BODY_LINE),
      at("<meta> is not allowed in a post", BODY_LINE + 4),
    ]);
  });

  it("and within one paragraph, each identical inline problem at its own line", () => {
    expect(problems("one <i onclick=a>x</i>\ntwo <i onclick=a>y</i>\n")).toEqual([
      at("onclick attribute on <i> is not allowed in a post", BODY_LINE),
      at("onclick attribute on <i> is not allowed in a post", BODY_LINE + 1),
    ]);
  });

  it("an unclosed comment inside another is reported where the outer one starts", () => {
    expect(problems("text\n\n<!-- a\n<!-- b\n")).toEqual([
      at("an unclosed comment (<!-- with no -->) is not allowed in a post", BODY_LINE + 2),
    ]);
  });

  it("counts lines from the top of the file, with a longer front matter and CRLF line endings", () => {
    const text = "---\r\ntitle: A\r\ndate: 2025-12-01\r\ntags: [a, b]\r\ndescription: d\r\n---\r\n\r\nfirst\r\n\r\n<meta x>\r\n";
    expect(parsePost({ path: PATH, text }).errors.map(formatError)).toEqual([at("<meta> is not allowed in a post", 10)]);
  });
});

describe("URLs: http, https, mailto, relative and #fragments only", () => {
  it.each([
    ["a Markdown link", "[x](javascript:alert(1))", "javascript: URL in href on <a>"],
    ["an autolink", "<javascript:alert(2)>", "javascript: URL in href on <a>"],
    ["a reference link", "[x]\n\n[x]: javascript:alert(3)", "javascript: URL in href on <a>"],
    ["raw HTML, mixed case", '<a href="JaVaScRiPt:alert(4)">x</a>', "javascript: URL in href on <a>"],
    ["raw HTML, entity-encoded", '<a href="java&#115;cript:alert(5)">x</a>', "javascript: URL in href on <a>"],
    [
      "raw HTML, with a leading space and a tab inside",
      '<a href=" java\tscript:alert(6)">x</a>',
      "javascript: URL in href on <a>",
    ],
    ["a data: image", "![x](data:image/svg+xml,<svg/onload=alert(7)>)", "data: URL in src on <img>"],
    ["a vbscript: link", '<a href="vbscript:msgbox">x</a>', "vbscript: URL in href on <a>"],
    ["a quotation's cite", '<blockquote cite="javascript:x">q</blockquote>', "javascript: URL in cite on <blockquote>"],
  ])("rejects %s", (_name, body, message) => {
    expect(problems(`${body}\n`)).toEqual([at(`${message} is not allowed in a post`, BODY_LINE)]);
  });

  it("accepts the safe ones, and keeps them", () => {
    const body =
      "[a](https://example.org/) [b](http://example.org/) [c](mailto:me@example.org) [d](/posts/other) [e](other) [f](#section) [g](?q=1)\n\n![i](/favicon.svg)\n";
    const { post, errors } = build(body);
    expect(errors).toEqual([]);
    for (const href of [
      "https://example.org/",
      "http://example.org/",
      "mailto:me@example.org",
      "/posts/other",
      "other",
      "#section",
      "?q=1",
    ])
      expect(post?.html).toContain(`href="${href}"`);
    expect(post?.html).toContain('<img src="/favicon.svg" alt="i">');
  });

  it("reads schemes as a browser does", () => {
    expect(urlScheme("https://x")).toBe("https");
    expect(urlScheme("\u0001 JAVA\nSCRIPT:x")).toBe("javascript");
    expect(urlScheme("/a:b")).toBeUndefined();
    expect(urlScheme("#x:y")).toBeUndefined();
    expect(urlScheme("x.png")).toBeUndefined();
  });
});

describe("what authors and the renderer need stays, byte for byte in meaning", () => {
  it("GFM, common authoring, highlighting and heading anchors pass", () => {
    const body = [
      "## A section",
      "",
      "| a | b |",
      "|:--|--:|",
      "| 1 | 2 |",
      "",
      "- [x] done",
      "- [ ] todo",
      "",
      "<details><summary>More</summary>",
      "",
      "Hidden *text*.",
      "",
      "</details>",
      "",
      '<figure><img src="/favicon.svg" alt="A" width="10" height="10"><figcaption>A <abbr title="figure">fig</abbr></figcaption></figure>',
      "",
      "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <mark>m</mark>, <del>d</del> <ins>i</ins>, ~~s~~.",
      "",
      "```ts",
      "const x: number = 1; // <b>not markup</b>",
      "```",
      "",
      '<ol start="3"><li value="3">three</li></ol>',
      "",
      "<!-- a note to self, closed -->",
      "",
    ].join("\n");
    const { post, errors } = build(body);
    expect(errors).toEqual([]);
    const html = post?.html ?? "";
    expect(html).toContain(
      '<h2 id="a-section">A section <a class="anchor" href="#a-section" aria-label="Link to section: A section">#</a></h2>',
    );
    expect(html).toContain('<input checked="" disabled="" type="checkbox">');
    expect(html).toContain('<th align="left">a</th>');
    expect(html).toContain("<details><summary>More</summary>");
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain("&lt;b&gt;not markup&lt;/b&gt;");
    expect(html).toContain("<!-- a note to self, closed -->");
  });

  it("marked-footnote's markup passes (test/fixtures/html/footnotes.html)", () => {
    expect(footnotes).toContain("data-footnote-ref");
    const checked = checkHtml(footnotes);
    expect(checked.problems).toEqual([]);
    expect(checked.html).toContain('<section class="footnotes" data-footnotes="">');
    expect(checked.html).toContain(
      '<a id="footnote-ref-1" href="#footnote-1" data-footnote-ref="" aria-describedby="footnote-label">1</a>',
    );
  });

  it("Temml's MathML passes, its tree unchanged (test/fixtures/html/temml.html)", () => {
    expect(temml.match(/<math/g)?.length).toBe(9);
    const checked = checkHtml(temml);
    expect(checked.problems).toEqual([]);
    // Same tree: serialising the fixture's own parse gives the same text.
    expect(checked.html).toBe(checkHtml(checked.html).html);
    expect(checked.html).toContain('<math display="block" class="tml-display" style="display:block math;">');
    expect(checked.html).toContain('<annotation encoding="application/x-tex">');
  });

  it("MathML cannot smuggle links, scripts, styles or HTML integration points", () => {
    expect(checkHtml('<math><mrow href="javascript:x"><mi>x</mi></mrow></math>').problems.map((p) => p.message)).toEqual([
      "href attribute on <mrow> is not allowed in a post",
    ]);
    expect(checkHtml('<math><mi xlink:href="javascript:x">x</mi></math>').problems.map((p) => p.message)).toEqual([
      "xlink:href attribute on <mi> is not allowed in a post",
    ]);
    expect(
      checkHtml('<math><annotation-xml encoding="text/html"><p>x</p></annotation-xml></math>').problems.map((p) => p.message),
    ).toEqual(["<annotation-xml> is not allowed in a post"]);
    expect(checkHtml('<math><mi style="position:fixed;inset:0">x</mi></math>').problems.map((p) => p.message)).toEqual([
      'style "position:fixed;inset:0" on <mi> is not allowed in a post',
    ]);
    expect(checkHtml('<math><mi style="background:url(https://t.example/)">x</mi></math>').problems).toHaveLength(1);
    expect(checkHtml("<math><maction actiontype=toggle><mi>x</mi></maction></math>").problems.map((p) => p.message)).toEqual([
      "<maction> is not allowed in a post",
    ]);
  });

  it("other types of <input> than GFM's checkbox are not allowed", () => {
    expect(checkHtml('<input type="text">').problems.map((p) => p.message)).toEqual([
      'type="text" on <input> is not allowed in a post',
    ]);
  });
});

type Element = DefaultTreeAdapterTypes.Element;
const elements = (node: DefaultTreeAdapterTypes.ParentNode): Element[] =>
  node.childNodes.flatMap((n) => ("tagName" in n ? [n, ...elements(n)] : []));

describe("a post cannot reach outside its element", () => {
  /** The post as the page places it, followed by the page's own footer. */
  const inPage = (html: string) => {
    const page = parseFragment(`<article><div class="content">${html}</div></article><footer id="site-footer">f</footer>`);
    return page.childNodes.map((n) => ("tagName" in n ? n.tagName : n.nodeName));
  };

  it("stray end tags and unclosed elements are balanced by the build", () => {
    const { post, errors } = build("Text </div></article></main> more\n\n<div><p><em>unclosed\n");
    expect(errors).toEqual([]);
    const html = post?.html ?? "";
    expect(html).not.toContain("</article>");
    expect(html).not.toContain("</main>");
    expect(html).toContain("<div><p><em>unclosed\n</em></p></div>");
    expect(inPage(html)).toEqual(["article", "footer"]);
  });

  it("holds for any mix of tags, text and comments that the allow-list accepts (property)", () => {
    const piece = fc.constantFrom(
      "<div>",
      "</div>",
      "<p>",
      "</p>",
      "</article>",
      "</body>",
      "<table>",
      "<tr>",
      "<td>",
      "</table>",
      "<em>",
      "</em>",
      "<a href='#x'>",
      "</a>",
      "<ul><li>",
      "<math><mi>",
      "</math>",
      "<!-- c -->",
      "<!--",
      "-->",
      "<pre>",
      "</pre>",
      "text",
      "&amp;",
      "<",
      ">",
      "\n\n",
      "<script>",
      "<meta x>",
      "<img src=x onerror=y>",
      "<![CDATA[",
      "]]>",
      "<select>",
      "<textarea>",
      "<noscript>",
      "<template>",
      "<svg>",
      "<xmp>",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const checked = checkHtml(pieces.join(""));
        if (checked.problems.length > 0) return;
        // Accepted: it stays inside its element, and contains only allowed elements.
        expect(inPage(checked.html)).toEqual(["article", "footer"]);
        const names = elements(parseFragment(checked.html)).map((e) => e.tagName);
        for (const banned of ["script", "meta", "style", "select", "textarea", "noscript", "template", "svg", "xmp", "img"])
          expect(names).not.toContain(banned);
      }),
      { numRuns: 500 },
    );
  });
});

describe("a post's HTML has a size limit", () => {
  it("counts UTF-8 bytes", () => {
    expect(utf8Bytes("aé€😀")).toBe(new TextEncoder().encode("aé€😀").byteLength);
  });

  it("fails a post that renders to more than 2 MB (a short link repeated with a long URL)", () => {
    const body = `${"[a] ".repeat(1100)}\n\n[a]: https://example.org/${"x".repeat(2000)}\n`;
    expect(body.length).toBeLessThan(10_000);
    expect(problems(body)).toEqual([`${PATH} → body: renders to 2.1 MB of HTML; a post may render to at most 2.0 MB`]);
    expect(MAX_HTML_BYTES).toBe(2 * 1024 * 1024);
  });
});

describe("HTML the renderer wrote whole is checked the quick way, with the same verdict", () => {
  const UNFINISHED = /unclosed comment|unfinished tag|unclosed <!\[CDATA\[/;

  it("passesHtml says whether any raw HTML went through", () => {
    expect(renderMarkdown("Text with `<b>` in code, 1 < 2 & a [link](/x).\n\n```html\n<div>\n```\n").passesHtml).toBe(false);
    expect(renderMarkdown("Inline <b>bold</b> text.\n").passesHtml).toBe(true);
    expect(renderMarkdown("<div>\nA block\n</div>\n").passesHtml).toBe(true);
    expect(renderMarkdown("<!-- a comment -->\n").passesHtml).toBe(true);
  });

  it("on any fragment without an unfinished tag, comment or CDATA section, the quick check answers as the full one (property)", () => {
    const piece = fc.constantFrom(
      "<div>",
      "</div>",
      "<p>",
      "</p>",
      "<table><tr><td>",
      "</table>",
      "<em>",
      "</em>",
      "<a href='#x'>",
      "<a href='javascript:x'>",
      "</a>",
      "<math><mi>",
      "</math>",
      "<!-- c -->",
      "<!--",
      "text",
      "&amp;",
      "<",
      ">",
      "\n\n",
      "<script>",
      "<img src=x onerror=y>",
      "<![CDATA[",
      "<noscript>",
      "<svg>",
      "<a title='",
      // Quotes as character references, in text, comments, attributes of every kind and raw text.
      "&#39;",
      "&#x27;",
      "&quot;",
      "&QUOT;",
      "<!-- it&#39;s &quot;x&quot; > -->",
      "<a title='it&#39;s'>",
      '<a title="a &quot;b&quot; it&#39;s">',
      "<a title=x&#39;y>",
      "<textarea>&quot;</textarea>",
      "<style>&#39;</style>",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const input = pieces.join("");
        const full = checkHtml(input);
        if (full.problems.some((p) => UNFINISHED.test(p.message))) return;
        expect(checkHtml(input, "div", true)).toEqual(full);
      }),
      { numRuns: 1500 },
    );
  });

  it("renderer-written quotes are read as the serialiser spells them, with the same result", () => {
    // marked writes `&#39;` and `&quot;`, highlight.js `&#x27;`; parse5 writes both quotes as
    // themselves in text, and `&quot;` in an attribute value.
    const input = `<p>It&#39;s &quot;x&quot;</p>\n<p><a href="/x" title="a &quot;b&quot; it&#39;s">y</a></p>\n<pre><code><span class="hljs-string">&#x27;s&#x27;</span></code></pre>\n`;
    const quick = checkHtml(input, "div", true);
    expect(quick).toEqual(checkHtml(input));
    expect(quick.html).toBe(
      `<p>It's "x"</p>\n<p><a href="/x" title="a &quot;b&quot; it's">y</a></p>\n<pre><code><span class="hljs-string">'s'</span></code></pre>\n`,
    );
  });

  it("a rendered post with quotes, code and a table reads back as its own bytes once spelled so: no second parse", () => {
    const markdown = `It's "quoted", and [a 'link'](/x "its \\"title\\"").\n\n![an "alt" it's](/i.png)\n\n\`\`\`js\nconst s = 'a' + "b";\n\`\`\`\n\n| 'a' | "b" |\n| - | - |\n| c | d |\n`;
    const { html, passesHtml } = renderMarkdown(markdown);
    expect(passesHtml).toBe(false);
    expect(html).toContain("&#39;");
    expect(html).toContain("&#x27;");
    const spelled = serialiserSpelling(html);
    const div = parseFragment("<div></div>").childNodes[0] as DefaultTreeAdapterTypes.Element;
    expect(serialize(parseFragment(div, spelled, {}))).toBe(spelled);
    expect(checkHtml(html, "div", true).html).toBe(spelled);
  });

  it("on any Markdown without raw HTML, the quick check of its HTML answers as the full one (property)", () => {
    const piece = fc.constantFrom(
      "It's ",
      '"quoted" ',
      '`it\'s "code"` ',
      '[a \'link\'](/x "its "title"") ',
      '![an "alt" it\'s](/i.png) ',
      "*em 'x'* ",
      "&quot; &#39; &amp; ",
      "< > & ",
      "\n\n",
      "\n\n```js\nconst s = 'a' + \"b\" + `c`;\n```\n\n",
      "\n\n| 'a' | \"b\" |\n| - | - |\n| c | d |\n\n",
      "\n\n> quote's\n\n",
      "\n\n- item \"one\"\n- item 'two'\n\n",
      "[^n] ",
      "\n\n[^n]: a 'note'\n\n",
      '<https://example.org/?q="x"> ',
      "$x'$ ",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const rendered = renderMarkdown(pieces.join(""));
        if (rendered.passesHtml) return;
        expect(checkHtml(rendered.html, "div", true)).toEqual(checkHtml(rendered.html));
      }),
      { numRuns: 300 },
    );
  });

  it("a problem found the quick way is reported the full way, at its line", () => {
    const input = "<p>a</p>\n<p>b</p>\n<p onclick=x>c</p>\n";
    expect(checkHtml(input, "div", true)).toEqual(checkHtml(input));
    expect(checkHtml(input, "div", true).problems[0]?.line).toBe(3);
  });
});
