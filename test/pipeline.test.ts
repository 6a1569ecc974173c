import { describe, expect, it } from "vitest";
import { parseDate } from "../src/build/content/fields.ts";
import { buildCollection, decodeSource, formatError, generateContentModule, parsePost } from "../src/build/content/index.ts";
import { countWords, deriveDescription, readingTime, renderMarkdown } from "../src/build/content/markdown.ts";
import { corpusFiles } from "../src/shared/corpus.ts";
import seed from "./fixtures/blog/posts/rust-on-the-back-end.md?raw";
import siteYaml from "./fixtures/blog/site.yaml?raw";

const SEED_PATH = "test/fixtures/blog/posts/rust-on-the-back-end.md";
const site = { path: "content/site.yaml", text: siteYaml };
const NOW = new Date("2026-01-01T00:00:00Z");
const build = (files: { path: string; text: string }[], includeDrafts = false) =>
  buildCollection(site, files, { includeDrafts, now: NOW });
const post = (front: string, body = "Some text.\n") => `---\n${front}\n---\n\n${body}`;
const messages = (files: { path: string; text: string }[]) => build(files).errors.map(formatError);

describe("the seed post", () => {
  it("parses into a complete record", () => {
    const { post: p, errors } = parsePost({ path: SEED_PATH, text: seed });
    expect(errors).toEqual([]);
    expect(p?.slug).toBe("rust-on-the-back-end");
    expect(p?.title).toBe(
      "Rust and the Future of Back-End Development: Why Companies Should Consider the Language for High Performance and Security",
    );
    expect(p?.date).toBe("2025-12-01T00:00:00Z");
    expect(p?.tags).toEqual(["rust", "backend", "performance", "security"]);
    expect(p?.draft).toBe(false);
    expect(p?.wordCount).toBeGreaterThan(500);
    expect(p?.readingTimeMinutes).toBe(readingTime(p?.wordCount ?? 0));
    expect(p?.html.startsWith("<p>Throughout my career as a software engineer")).toBe(true);
    expect(p?.html).toContain("<p>I often compare learning Rust to piloting a modern airplane.");
    expect(p?.markdown).toBe(seed);
  });

  it("publishes the article text verbatim, without the page's navigation line", () => {
    const body = seed.slice(seed.indexOf("\n---\n", 4) + 5).trim();
    expect(body.startsWith("Throughout my career")).toBe(true);
    expect(body.endsWith("will define the future of back-end development.")).toBe(true);
    expect(seed).not.toContain("← Back to posts");
  });
});

describe("validation reports every problem as `file → field: message`", () => {
  const cases: [string, string, string[]][] = [
    ["missing title", post("date: 2025-12-01"), ["content/posts/a.md → title: is required"]],
    ["empty title", post('title: "  "\ndate: 2025-12-01'), ["content/posts/a.md → title: must not be empty (line 2)"]],
    [
      "title of the wrong type",
      post("title: 42\ndate: 2025-12-01"),
      ["content/posts/a.md → title: must be text, got a number (line 2)"],
    ],
    ["missing date", post("title: A"), ["content/posts/a.md → date: is required"]],
    [
      "unparsable date",
      post("title: A\ndate: yesterday"),
      ['content/posts/a.md → date: "yesterday" is not a date: use YYYY-MM-DD or an ISO 8601 date-time (line 3)'],
    ],
    [
      "impossible date",
      post("title: A\ndate: 2025-02-30"),
      ['content/posts/a.md → date: "2025-02-30" is not a real date (line 3)'],
    ],
    [
      "impossible month",
      post("title: A\ndate: 2025-13-01"),
      ['content/posts/a.md → date: "2025-13-01" is not a real date (line 3)'],
    ],
    [
      "tags not a list",
      post("title: A\ndate: 2025-12-01\ntags: rust"),
      ["content/posts/a.md → tags: must be a list like [rust, backend], got a string (line 4)"],
    ],
    [
      "bad tag",
      post("title: A\ndate: 2025-12-01\ntags: [Rust Lang]"),
      [
        'content/posts/a.md → tags[0]: "Rust Lang" must be letters and digits, in any script, joined by hyphens (web-dev, café, 天気) (line 4)',
      ],
    ],
    [
      "a tag with a slash, a control character, a dot, or nothing but spaces",
      post('title: A\ndate: 2025-12-01\ntags: [a/b, "a\\tb", v1.2, "  "]'),
      [
        'content/posts/a.md → tags[0]: "a/b" must be letters and digits, in any script, joined by hyphens (web-dev, café, 天気) (line 4)',
        'content/posts/a.md → tags[1]: "a\\tb" must be letters and digits, in any script, joined by hyphens (web-dev, café, 天気) (line 4)',
        'content/posts/a.md → tags[2]: "v1.2" must be letters and digits, in any script, joined by hyphens (web-dev, café, 天気) (line 4)',
        'content/posts/a.md → tags[3]: "  " must be letters and digits, in any script, joined by hyphens (web-dev, café, 天気) (line 4)',
      ],
    ],
    [
      "draft not boolean",
      post("title: A\ndate: 2025-12-01\ndraft: yes"),
      ["content/posts/a.md → draft: must be true or false, got a string (line 4)"],
    ],
    [
      "unknown field",
      post("title: A\ndate: 2025-12-01\ntittle: B"),
      [
        "content/posts/a.md → tittle: unknown field (did you mean title?); known: title, date, updated, description, tags, draft, aliases, series (line 4)",
      ],
    ],
    [
      "updated before date",
      post("title: A\ndate: 2025-12-01\nupdated: 2025-11-01"),
      ["content/posts/a.md → updated: must not be before date (line 4)"],
    ],
    [
      "invalid YAML",
      "---\ntitle: [unclosed\ndate: 2025-12-01\n---\nbody\n",
      [
        "content/posts/a.md → front matter: invalid YAML at line 3: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ],
    ],
    [
      "an unclosed quote, at the line it opens on (the parser notices it lines later)",
      '---\ntitle: "Unclosed\ndate: 2025-12-01\ntags: [a]\n---\nbody\n',
      [
        'content/posts/a.md → front matter: invalid YAML at line 2: Missing closing "quote: the quote opened on this line is never closed',
      ],
    ],
    [
      "an unclosed single quote inside a list",
      "---\ntitle: A\ndate: 2025-12-01\ntags: [a, 'b]\ndescription: D\n---\nbody\n",
      [
        "content/posts/a.md → front matter: invalid YAML at line 4: Missing closing 'quote: the quote opened on this line is never closed",
      ],
    ],
    [
      "a field with no colon, between others",
      "---\ntitle: A\ndate 2026-12-03\ntags: [a]\n---\nbody\n",
      [
        "content/posts/a.md → front matter: invalid YAML at line 3: Implicit keys need to be on a single line (missing `:` after `date`?)",
      ],
    ],
    [
      "a field with no colon, last",
      "---\ntitle: A\ndate 2026-12-03\n---\nbody\n",
      [
        "content/posts/a.md → front matter: invalid YAML at line 3: Implicit map keys need to be followed by map values (missing `:` after `date`?)",
      ],
    ],
    [
      "no front matter",
      "# Just markdown\n",
      [
        "content/posts/a.md → file: missing front matter: the file must start with a line `---`, the YAML fields, and a closing `---`",
      ],
    ],
    ["empty file", "", ["content/posts/a.md → file: the file is empty"]],
    [
      "repeated field",
      "---\ntitle: A\ntitle: B\ndate: 2025-12-01\n---\nbody\n",
      ["content/posts/a.md → front matter: invalid YAML at line 3: Map keys must be unique"],
    ],
    [
      "front matter that is a list",
      "---\n- a\n- b\n---\nbody\n",
      ["content/posts/a.md → front matter: invalid YAML: the front matter must be a mapping of `field: value` lines"],
    ],
    [
      "empty body",
      post("title: A\ndate: 2025-12-01", ""),
      ["content/posts/a.md → body: is empty: a post needs some markdown after the front matter"],
    ],
    [
      "a closing fence inside a line does not close the front matter",
      "---\ntitle: Pros and cons ---\ndate: 2025-12-01\nbody\n",
      [
        "content/posts/a.md → file: missing front matter: the file must start with a line `---`, the YAML fields, and a closing `---`",
      ],
    ],
    [
      "updated in the future",
      post("title: A\ndate: 2025-12-01\nupdated: 2099-01-01"),
      ["content/posts/a.md → updated: is in the future (line 4)"],
    ],
    [
      "a tag too long for a URL",
      post(`title: A\ndate: 2025-12-01\ntags: [${"a".repeat(101)}]`),
      [
        "content/posts/a.md → tags[0]: must be at most 100 bytes of UTF-8 (a Latin letter takes 1, a Japanese character 3), got 101 (line 4)",
      ],
    ],
    [
      "a Japanese tag too long for a file name",
      post(`title: A\ndate: 2025-12-01\ntags: [${"天".repeat(34)}]`),
      [
        "content/posts/a.md → tags[0]: must be at most 100 bytes of UTF-8 (a Latin letter takes 1, a Japanese character 3), got 102 (line 4)",
      ],
    ],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    expect(messages([{ path: "content/posts/a.md", text }])).toEqual(expected);
  });

  it("reports all problems of all files at once", () => {
    const errs = messages([
      { path: "content/posts/a.md", text: post("date: nope") },
      { path: "content/posts/b.md", text: post("title: B") },
    ]);
    expect(errs).toEqual([
      "content/posts/a.md → title: is required",
      'content/posts/a.md → date: "nope" is not a date: use YYYY-MM-DD or an ISO 8601 date-time (line 2)',
      "content/posts/b.md → date: is required",
    ]);
  });

  it("rejects a file name that is not a slug", () => {
    expect(messages([{ path: "content/posts/My Post.md", text: post("title: A\ndate: 2025-12-01") }])).toEqual([
      'content/posts/My Post.md → slug: "My Post" (the file name) must be lower-case letters, digits and hyphens',
    ]);
  });

  it("rejects duplicate slugs, also when they differ only in case", () => {
    const ok = post("title: A\ndate: 2025-12-01");
    expect(
      messages([
        { path: "content/posts/hello.md", text: ok },
        { path: "content/posts/Hello.md", text: ok },
      ]),
    ).toEqual([
      'content/posts/Hello.md → slug: "Hello" (the file name) must be lower-case letters, digits and hyphens',
      'content/posts/hello.md → slug: "hello" is already used by content/posts/Hello.md',
    ]);
  });

  it("validates the site settings", () => {
    const result = buildCollection({ path: "content/site.yaml", text: "title: X\norigin: ftp://x/y\n" }, [], {
      includeDrafts: false,
      now: NOW,
    });
    expect(result.errors.map(formatError)).toEqual([
      "content/site.yaml → description: is required",
      "content/site.yaml → author: is required",
      "content/site.yaml → language: is required",
      "content/site.yaml → origin: must be an origin like https://blog.example.com (no path) (line 2)",
    ]);
  });
});

describe("a front matter field's problem names the line of the file to fix, as the body's do", () => {
  const KNOWN = "known: title, date, updated, description, tags, draft, aliases, series";
  const lines = (text: string) => messages([{ path: "content/posts/x.md", text }]);

  it("a date, an unknown field and a flag: each on its key's line, the opening --- being line 1", () => {
    expect(lines('---\ntitle: X\ndate: "2026-02-30"\ntag: x\ndraft: yes\n---\n\nText.\n')).toEqual([
      `content/posts/x.md → tag: unknown field (did you mean tags?); ${KNOWN} (line 4)`,
      'content/posts/x.md → date: "2026-02-30" is not a real date (line 3)',
      "content/posts/x.md → draft: must be true or false, got a string (line 5)",
    ]);
  });

  it("updated before date is on updated's line, wherever date is", () => {
    expect(
      lines("---\ntitle: X\nupdated: 2025-01-01\n\n# when it was first published\ndate: 2025-06-01\n---\n\nText.\n"),
    ).toEqual(["content/posts/x.md → updated: must not be before date (line 3)"]);
  });

  it("a missing field has no line: no line of the file is wrong", () => {
    expect(lines("---\ndate: 2025-01-01\ntags: [a]\n---\n\nText.\n")).toEqual(["content/posts/x.md → title: is required"]);
  });

  it("a bad tag is on its own line in a block list, and on the list's in a flow one", () => {
    const tag = '"b c" must be letters and digits, in any script, joined by hyphens (web-dev, café, 天気)';
    expect(lines('---\ntitle: X\ndate: 2025-01-01\ntags:\n  - a\n  - "b c"\n---\n\nText.\n')).toEqual([
      `content/posts/x.md → tags[1]: ${tag} (line 6)`,
    ]);
    expect(lines('---\ntitle: X\ndate: 2025-01-01\ntags: [a, "b c"]\n---\n\nText.\n')).toEqual([
      `content/posts/x.md → tags[1]: ${tag} (line 4)`,
    ]);
  });

  it("counts the lines of a block scalar, and of a file with a BOM and CRLF line endings", () => {
    expect(lines("---\ntitle: X\ndescription: |\n  one\n  two\ndate: 2025-02-30\n---\n\nText.\n")).toEqual([
      "content/posts/x.md → description: must be one line: it contains a line break (line 3)",
      'content/posts/x.md → date: "2025-02-30" is not a real date (line 6)',
    ]);
    expect(lines("\uFEFF---\r\ntitle: X\r\n\r\ndate: 2025-02-30\r\n---\r\n\r\nText.\r\n")).toEqual([
      'content/posts/x.md → date: "2025-02-30" is not a real date (line 4)',
    ]);
  });

  it("an alias another post has is on its item's line", () => {
    expect(
      messages([
        { path: "content/posts/a.md", text: "---\ntitle: A\ndate: 2025-01-01\naliases:\n  - old-a\n  - b\n---\n\nText.\n" },
        { path: "content/posts/b.md", text: "---\ntitle: B\ndate: 2025-01-01\n---\n\nText.\n" },
      ]),
    ).toEqual(['content/posts/a.md → aliases[1]: "b" is the URL of content/posts/b.md (line 6)']);
  });
});

describe("decoding source bytes", () => {
  it("rejects a file that is not UTF-8", () => {
    expect(decodeSource("content/posts/a.md", new Uint8Array([0x2d, 0xff, 0xfe, 0x00])).error).toEqual({
      file: "content/posts/a.md",
      field: "file",
      message: "is not valid UTF-8 text",
    });
  });
  it("rejects a post over 1 MB", () => {
    expect(formatError(decodeSource("content/posts/a.md", new Uint8Array(5 * 1024 * 1024)).error!)).toBe(
      "content/posts/a.md → file: is 5.0 MB; a post may be at most 1 MB",
    );
  });
  it("accepts UTF-8 text", () => {
    expect(decodeSource("a.md", new TextEncoder().encode("héllo")).text).toBe("héllo");
  });
});

describe("collection", () => {
  const file = (slug: string, front: string) => ({ path: `content/posts/${slug}.md`, text: post(front) });

  it("sorts newest first, ties by slug", () => {
    const { posts, errors } = build([
      file("old", "title: Old\ndate: 2024-01-01"),
      file("b-new", "title: B\ndate: 2025-06-01"),
      file("a-new", "title: A\ndate: 2025-06-01"),
    ]);
    expect(errors).toEqual([]);
    expect(posts.map((p) => p.slug)).toEqual(["a-new", "b-new", "old"]);
  });

  it("leaves drafts out of production builds but builds future posts in, for the Worker to publish at their date", () => {
    const files = [
      file("live", "title: L\ndate: 2025-01-01"),
      file("draft", "title: D\ndate: 2025-01-01\ndraft: true"),
      file("later", "title: F\ndate: 2027-01-01"),
    ];
    const prod = build(files);
    expect(prod.posts.map((p) => p.slug)).toEqual(["later", "live"]);
    expect(prod.skipped).toEqual({ drafts: ["draft"], draftPages: [] });
    expect(prod.scheduled).toEqual(["later"]);
    expect(build(files, true).posts.map((p) => p.slug)).toEqual(["later", "draft", "live"]);
  });

  it("accepts CRLF line endings and a BOM", () => {
    const { posts, errors } = build([
      { path: "content/posts/w.md", text: "\uFEFF---\r\ntitle: Win\r\ndate: 2025-01-01\r\n---\r\n\r\nHello **there**.\r\n" },
    ]);
    expect(errors).toEqual([]);
    expect(posts[0]?.title).toBe("Win");
    expect(posts[0]?.html).toBe("<p>Hello <strong>there</strong>.</p>\n");
    expect(posts[0]?.markdown).toBe("---\ntitle: Win\ndate: 2025-01-01\n---\n\nHello **there**.\n");
  });

  it("keeps a block scalar's indented --- line inside the front matter", () => {
    const { posts, errors } = build([
      {
        path: "content/posts/b.md",
        // Folded (`>`): a description is one line, so a literal (`|`) block would be an error.
        text: "---\ntitle: B\ndate: 2025-01-01\ndescription: >\n  before\n  ---\n  after\n---\n\nBody.\n",
      },
    ]);
    expect(errors).toEqual([]);
    expect(posts[0]?.description).toBe("before --- after");
    expect(posts[0]?.html).toBe("<p>Body.</p>\n");
  });

  it("survives character references out of Unicode's range", () => {
    const { posts, errors } = build([
      { path: "content/posts/c.md", text: post("title: C\ndate: 2025-01-01", "<p>&#99999999; &#x41;</p>\n") },
    ]);
    expect(errors).toEqual([]);
    expect(posts[0]?.description).toBe("&#99999999; A");
  });

  it("derives descriptions from paragraphs, not headings or code", () => {
    const { posts } = build([
      {
        path: "content/posts/h.md",
        text: post("title: H\ndate: 2025-01-01", "## Main\n\n```js\nlet x;\n```\n\nUpdated in September.\n"),
      },
    ]);
    expect(posts[0]?.description).toBe("Updated in September.");
  });

  it("never cuts a derived description inside a character", () => {
    const description = deriveDescription(`${"x".repeat(158)}😀😀😀`);
    expect(description).toBe(`${"x".repeat(158)}😀…`);
    expect(description.isWellFormed()).toBe(true);
  });

  it("derives a description from the text when none is given", () => {
    const long = "word ".repeat(100);
    const { posts } = build([{ path: "content/posts/d.md", text: post("title: D\ndate: 2025-01-01", long) }]);
    expect(posts[0]?.description).toBe(deriveDescription(long.trim()));
    expect(posts[0]?.description.endsWith("…")).toBe(true);
    expect(posts[0]?.description.length).toBeLessThanOrEqual(160);
  });

  it("writes a module that holds no body: each post's is an asset file", () => {
    const { posts, site: s } = build([file("one", "title: One\ndate: 2025-01-01")]);
    const corpus = corpusFiles(posts, {}, Date.now());
    const code = generateContentModule(s!, corpus.manifest);
    expect(code).toContain("export const corpus: CorpusManifest = {");
    expect(code).not.toContain('"html"');
    expect(code).not.toContain('"markdown"');
    const written = corpus.files.find((f) => f.path === "/_content/posts/one.json");
    expect((JSON.parse(written?.body ?? "{}") as { post: { html: string } }).post.html).toBe("<p>Some text.</p>\n");
  });
});

describe("markdown rendering", () => {
  it("gives headings GitHub-style ids and lists h2/h3 for the table of contents", () => {
    const r = renderMarkdown("# Top\n\n## First part\n\n### Detail\n\n## First part\n");
    expect(r.headings).toEqual([
      { depth: 2, id: "first-part", text: "First part" },
      { depth: 3, id: "detail", text: "Detail" },
      { depth: 2, id: "first-part-1", text: "First part" },
    ]);
    expect(r.html).toContain(
      '<h2 id="first-part">First part <a class="anchor" href="#first-part" aria-label="Link to section: First part">#</a></h2>',
    );
    expect(renderMarkdown('## Fish & "chips" <b>now</b>\n').html).toBe(
      '<h2 id="fish--chips-now">Fish &amp; &quot;chips&quot; <b>now</b> <a class="anchor" href="#fish--chips-now" aria-label="Link to section: Fish &amp; &quot;chips&quot; now">#</a></h2>\n',
    );
  });

  it("highlights fenced code into classes, never inline styles", () => {
    const r = renderMarkdown('```rust\nfn main() { let s = "hi"; }\n```\n');
    expect(r.html).toContain('<pre><code class="hljs language-rust"><span class="hljs-keyword">fn</span>');
    expect(r.html).not.toContain("style=");
  });

  it("counts words and reading time", () => {
    expect(countWords("It's a well-known fact — 42 times.")).toBe(6);
    expect(readingTime(0)).toBe(1);
    expect(readingTime(460)).toBe(2);
  });

  it("parses ISO dates to RFC 3339 UTC", () => {
    expect(parseDate("2025-12-01")).toEqual({ ok: true, iso: "2025-12-01T00:00:00Z" });
    expect(parseDate("2025-12-01T10:30:00+02:00")).toEqual({ ok: true, iso: "2025-12-01T08:30:00Z" });
    expect(parseDate("2024-02-29").ok).toBe(true);
    expect(parseDate("2025-02-29").ok).toBe(false);
  });
});
