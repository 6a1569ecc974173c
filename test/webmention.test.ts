import { describe, expect, it } from "vitest";
import { discoverEndpoint, linksTo, readWebmention } from "../src/worker/federation/webmention.ts";

/**
 * Webmention's decisions (src/worker/federation/webmention.ts), in workerd for HTMLRewriter.
 * The discovery cases are webmention.rocks' (the spec's test suite), by number.
 */

const PAGE = "https://webmention.rocks/test/1";
const discover = async (link: string | null, html = "<p>No endpoint here.</p>", page = PAGE) =>
  (await discoverEndpoint(page, new Headers(link ? { link } : {}), html))?.href;

describe("endpoint discovery", () => {
  it("reads the Link header first, relative or absolute, with rel quoted, unquoted or among others", async () => {
    expect(await discover("<https://webmention.rocks/test/1/webmention?head=true>; rel=webmention")).toBe(
      "https://webmention.rocks/test/1/webmention?head=true",
    ); // 1
    expect(await discover("</test/2/webmention?head=true>; rel=webmention")).toBe(
      "https://webmention.rocks/test/2/webmention?head=true",
    ); // 2
    expect(await discover('<https://x.example/wm>; rel="webmention"')).toBe("https://x.example/wm"); // 7
    expect(await discover('<https://x.example/wm>; rel="webmention somethingelse"')).toBe("https://x.example/wm"); // 10
    expect(await discover('<https://x.example/other>; rel="other", <https://x.example/wm>; rel="webmention"')).toBe(
      "https://x.example/wm",
    ); // 19
    // The header wins over the document.
    expect(await discover("<https://x.example/head>; rel=webmention", '<link rel="webmention" href="/body">')).toBe(
      "https://x.example/head",
    );
  });

  it("then the document's first <link> or <a> with rel=webmention, in document order", async () => {
    expect(await discover(null, '<link rel="webmention" href="/test/3/webmention">')).toBe(
      "https://webmention.rocks/test/3/webmention",
    ); // 3
    expect(await discover(null, '<a rel="webmention" href="/test/5/webmention">x</a>')).toBe(
      "https://webmention.rocks/test/5/webmention",
    ); // 5
    expect(await discover(null, '<a rel="webmention" href="/a">a</a><link rel="webmention" href="/link">')).toBe(
      "https://webmention.rocks/a",
    ); // 6
    // An empty href is the page itself (15); a query string is kept, entities decoded (17).
    expect(await discover(null, '<link rel="webmention" href="">')).toBe(PAGE);
    expect(await discover(null, '<link rel="webmention" href="/wm?query=yes&amp;x=1">')).toBe(
      "https://webmention.rocks/wm?query=yes&x=1",
    );
    // Relative to the final URL after redirects (23), and to a <base>.
    expect(await discover(null, '<link rel="webmention" href="wm">', "https://webmention.rocks/test/23/page/final")).toBe(
      "https://webmention.rocks/test/23/page/wm",
    );
    expect(await discover(null, '<base href="https://cdn.example/"><link rel="webmention" href="wm">')).toBe(
      "https://cdn.example/wm",
    );
  });

  it("ignores what a browser would not see or that is not rel=webmention", async () => {
    // 13: in an HTML comment; 21: rel="not-webmention"; 12: a later one only.
    expect(await discover(null, '<!-- <link rel="webmention" href="/wrong"> --><link rel="webmention" href="/right">')).toBe(
      "https://webmention.rocks/right",
    );
    expect(await discover(null, '<link rel="not-webmention" href="/wrong"><a rel="webmention" href="/right">x</a>')).toBe(
      "https://webmention.rocks/right",
    );
    expect(await discover('<https://x.example/n>; rel="not-webmention"')).toBeUndefined();
    expect(await discover(null)).toBeUndefined();
  });
});

describe("receiving", () => {
  const postAt = (url: string) => (url === "https://blog.example/posts/hello" ? "hello" : undefined);
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };

  it("accepts a source and a target that is a post here", () => {
    const got = readWebmention(
      form({ source: "https://ana.example/reply", target: "https://blog.example/posts/hello#comments" }),
      postAt,
    );
    expect("refused" in got ? got : { source: got.source.href, target: got.target.href, post: got.post }).toEqual({
      source: "https://ana.example/reply",
      target: "https://blog.example/posts/hello#comments",
      post: "hello",
    });
  });

  it("refuses, with a reason, what it cannot verify", () => {
    const refused = (fields: Record<string, string>) => readWebmention(form(fields), postAt);
    expect(refused({ target: "https://blog.example/posts/hello" })).toEqual({ refused: "source must be an http(s) URL" });
    expect(refused({ source: "javascript:alert(1)", target: "https://blog.example/posts/hello" })).toEqual({
      refused: "source must be an http(s) URL",
    });
    expect(refused({ source: "https://ana.example/x" })).toEqual({ refused: "target must be an http(s) URL" });
    expect(refused({ source: "https://blog.example/posts/hello", target: "https://blog.example/posts/hello#x" })).toEqual({
      refused: "source and target are the same page",
    });
    expect(refused({ source: "https://ana.example/x", target: "https://blog.example/posts/nope" })).toEqual({
      refused: "target is not a post on this blog",
    });
  });
});

describe("verifying a source", () => {
  const target = "https://blog.example/posts/hello";
  it("finds a link to the target, however it is written", async () => {
    expect(await linksTo("https://ana.example/r", `<p>Re: <a href="${target}">hello</a></p>`, target)).toBe(true);
    expect(await linksTo("https://blog.example/other", '<a href="/posts/hello#c">x</a>', target)).toBe(true);
    expect(await linksTo("https://ana.example/r", `<img src="${target}">`, target)).toBe(true);
  });

  it("does not count a mention in a comment, in text, or of another page", async () => {
    expect(await linksTo("https://ana.example/r", `<!-- <a href="${target}"> --><p>${target}</p>`, target)).toBe(false);
    expect(await linksTo("https://ana.example/r", '<a href="https://blog.example/posts/hello-world">x</a>', target)).toBe(false);
  });
});
