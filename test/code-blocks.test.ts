// Code blocks with a title, marked lines, diffs and line numbers (src/build/content/code-blocks.ts),
// on inputs written here: the HTML, the errors with their line, and what a feed carries.
import { describe, expect, it } from "vitest";
import { parseCodeMeta, splitHighlighted } from "../src/build/content/code-blocks.ts";
import { formatError, parsePost } from "../src/build/content/index.ts";
import { lexMarkdown, renderMarkdown } from "../src/build/content/markdown.ts";
import { checkHtml } from "../src/build/content/sanitize.ts";
import { site } from "../src/worker/blog.ts";
import { atomFeed, jsonFeed } from "../src/worker/representations/feeds.ts";

const PATH = "content/posts/x.md";
const FRONT = "---\ntitle: A post\ndate: 2025-12-01\n---\n\n";
/** The file line of the body's first line. */
const BODY_LINE = 6;
const build = (body: string) => parsePost({ path: PATH, text: FRONT + body });
const html = (md: string) => {
  const r = renderMarkdown(md);
  expect(r.problems).toEqual([]);
  expect(r.located).toEqual([]);
  return r.html;
};
const KW = (s: string) => `<span class="hljs-keyword">${s}</span>`;
const FN = (s: string) => `<span class="hljs-title function_">${s}</span>`;

describe("code block options", () => {
  it("leave a block with only a language exactly as before", () => {
    expect(html("```rust\nfn main() {}\n```\n")).toBe(
      `<pre><code class="hljs language-rust">${KW("fn")} ${FN("main")}() {}\n</code></pre>`,
    );
  });

  it("title: a figure named by its caption, the title as plain text", () => {
    expect(html('```rust title="src/<main>.rs"\nfn main() {}\n```\n')).toBe(
      '<figure class="code"><figcaption>src/&lt;main&gt;.rs</figcaption>' +
        `<pre><code class="hljs language-rust"><span class="line">${KW("fn")} ${FN("main")}() {}\n</span></code></pre></figure>\n`,
    );
  });

  it("{2,4-5}: those lines are <mark>ed, and a comment across lines stays coloured on each", () => {
    const out = html("```rust {2,4-5} showLineNumbers\nfn a() {\n    /* one\n    two */\n    let x = 1;\n}\n```\n");
    expect(out).toBe(
      '<pre class="numbered"><code class="hljs language-rust">' +
        `<span class="line">${KW("fn")} ${FN("a")}() {\n</span>` +
        '<mark class="line">    <span class="hljs-comment">/* one</span>\n</mark>' +
        '<span class="line"><span class="hljs-comment">    two */</span>\n</span>' +
        `<mark class="line">    ${KW("let")} <span class="hljs-variable">x</span> = <span class="hljs-number">1</span>;\n</mark>` +
        '<mark class="line">}\n</mark></code></pre>\n',
    );
  });

  it("diff-rust: + and - lines are <ins> and <del>, the markers kept as text, the code highlighted as Rust", () => {
    const out = html("```diff-rust {3}\n fn main() {\n-    old();\n+    new();\n }\n```\n");
    const call = (s: string) => `<span class="hljs-title function_ invoke__">${s}</span>`;
    expect(out).toBe(
      '<pre class="diff"><code class="hljs language-rust">' +
        `<span class="line"><span class="diff-mark"> </span>${KW("fn")} ${FN("main")}() {\n</span>` +
        `<del class="line"><span class="diff-mark">-</span>    ${call("old")}();\n</del>` +
        `<ins class="line hl"><span class="diff-mark">+</span>    ${call("new")}();\n</ins>` +
        '<span class="line"><span class="diff-mark"> </span>}\n</span></code></pre>\n',
    );
  });

  it("the text of a block is the code: no line numbers, the diff's markers in place", () => {
    const r = renderMarkdown('```diff-ts title="a.ts" showLineNumbers\n-let a = 1;\n+let a = 2;\n```\n');
    // (Tags become spaces in the visible text, as for every highlighted block: word counts only.)
    expect(r.text).toBe("a.ts - let a = 1 ; + let a = 2 ;");
  });

  it("every element they write is on the allow-list", () => {
    const out = html('```diff-rust title="x.rs" {1} showLineNumbers\n+fn a() {}\n```\n');
    expect(checkHtml(out).problems).toEqual([]);
  });

  it("parse the info string's options in any order, quoted either way", () => {
    expect(parseCodeMeta("ts showLineNumbers {1} title='a b.ts'", 3)).toEqual({
      language: "ts",
      diff: false,
      title: "a b.ts",
      marked: new Set([1]),
      numbers: true,
    });
    expect(parseCodeMeta('title="x" {2-3}', 3)).toEqual({
      language: "",
      diff: false,
      title: "x",
      marked: new Set([2, 3]),
      numbers: false,
    });
  });

  it("splitHighlighted closes a span at each line's end and opens it again on the next", () => {
    expect(splitHighlighted('a<span class="x">b\nc</span>d\n')).toEqual([
      'a<span class="x">b</span>',
      '<span class="x">c</span>d',
      "",
    ]);
  });
});

describe("bad code block options", () => {
  it("are a build error naming the block, the mistake and the file line", () => {
    const body = "Text.\n\n```rust {5-3}\na\nb\n```\n\n```rust {1,9}\na\n```\n\n```js wrap\nx\n```\n\n```js title=x.js\nx\n```\n";
    const { post, errors } = build(body);
    expect(post).toBeUndefined();
    expect(errors.map(formatError)).toEqual([
      `${PATH} → body: the code block \`\`\`rust {5-3} has {5-3}: the range 5-3 runs backwards (write 3-5) (line ${BODY_LINE + 2})`,
      `${PATH} → body: the code block \`\`\`rust {1,9} has {1,9}: line 9 is past the end of the block (1 line) (line ${BODY_LINE + 7})`,
      `${PATH} → body: the code block \`\`\`js wrap has an unknown option "wrap"; known: title="…", {3,5-7}, showLineNumbers (line ${BODY_LINE + 11})`,
      `${PATH} → body: the code block \`\`\`js title=x.js has an unknown option title=x.js (quote the title: title="…"); known: title="…", {3,5-7}, showLineNumbers (line ${BODY_LINE + 15})`,
    ]);
  });

  it("{a} and {0} say what a range is", () => {
    expect(parseCodeMeta("js {a}", 2)).toEqual({ error: 'has {a}: "a" is not a line or a range like 5-7' });
    expect(parseCodeMeta("js {0}", 2)).toEqual({ error: "has {0}: lines count from 1" });
    expect(parseCodeMeta('js title="a" title="b"', 2)).toEqual({ error: "has two titles" });
  });
});

describe("in feeds", () => {
  it("a titled diff reads as a title and a diff, in Atom and JSON Feed", () => {
    const { post, errors } = build('```diff-rust title="src/main.rs"\n-old();\n+new();\n```\n');
    expect(errors).toEqual([]);
    if (!post) throw new Error("no post");
    const caption = "<figcaption>src/main.rs</figcaption>";
    const del = '<del class="line"><span class="diff-mark">-</span>';
    const ins = '<ins class="line"><span class="diff-mark">+</span>';
    for (const part of [caption, del, ins]) expect(post.html).toContain(part);
    const atom = atomFeed(site, [post]);
    for (const part of [caption, del, ins])
      expect(atom).toContain(part.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
    const json = JSON.parse(jsonFeed(site, [post])).items[0].content_html as string;
    for (const part of [caption, del, ins]) expect(json).toContain(part);
  });
});

describe("locating with the renderer's lexer", () => {
  it("does not highlight code (its tokens only locate), and rendering after it still does", () => {
    const body = "```rust\nfn main() {}\n```\n";
    const code = lexMarkdown(body).find((t) => t.type === "code") as { text: string } | undefined;
    expect(code?.text).toBe("fn main() {}");
    expect(renderMarkdown(body).html).toContain('<span class="hljs-keyword">fn</span>');
  });
});
