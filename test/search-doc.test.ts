// What search reads of a post: the prose, its footnotes after it, and math as its TeX.
import { describe, expect, it } from "vitest";
import { parsePost } from "../src/build/content/collection.ts";
import { searchDoc, searchText } from "../src/build/search/doc.ts";
import { buildSearchIndex, memoryLoaders, searchQuery } from "../src/worker/search/index.ts";

const post = (body: string) => {
  const { post, errors } = parsePost({
    path: "content/posts/notes.md",
    text: `---\ntitle: Notes\ndate: 2025-01-01\n---\n\n${body}\n`,
  });
  if (!post) throw new Error(errors.map((e) => e.message).join("; "));
  return post;
};

const BODY = [
  "Energy is $E = mc^2$, as Einstein wrote.[^1] Then $$\\frac{a}{b} < c$$ holds.",
  "",
  "Second paragraph.[^why]",
  "",
  "[^1]: Annalen der Physik, 1905.",
  "[^why]: Because it was there.",
].join("\n");

describe("a post's search text", () => {
  it("is the prose, then the footnotes' text, without reference numbers, back-links or their heading", () => {
    expect(searchDoc(post(BODY)).text).toBe(
      "Energy is E = mc^2 , as Einstein wrote. Then \\frac{a}{b} < c holds. Second paragraph. Annalen der Physik, 1905. Because it was there.",
    );
  });

  it("leaves out the `#` link after each section heading: the heading's words stay", () => {
    const text = searchText(post("## Desempenho e segurança\n\nO Rust é rápido.").html);
    expect(text).toBe("Desempenho e segurança O Rust é rápido.");
  });

  it("has math as its TeX source, never the glyphs flattened", () => {
    const text = searchText(post("Energy is $E = mc^2$.").html);
    expect(text).toBe("Energy is E = mc^2 .");
    expect(text).not.toContain("m c 2");
  });

  it("opens a snippet with the prose, and finds words in the notes and the TeX", async () => {
    const index = buildSearchIndex([searchDoc({ ...post(BODY), slug: "notes" })]);
    const run = async (q: string) => {
      const r = await searchQuery(index.manifest, q, memoryLoaders(index));
      if (!r.ok) throw new Error(r.message);
      return r.results.hits.map((h) => h.snippet);
    };
    // Matched by the title only: the snippet is the text's opening, which is prose.
    expect((await run('"notes"'))[0]?.text.startsWith("Energy is E = mc^2 , as Einstein wrote.")).toBe(true);
    expect((await run('"annalen"'))[0]?.marks).toHaveLength(1);
    expect((await run('"mc"'))[0]?.text).toContain("E = mc^2");
    expect(JSON.stringify(await run('"physik"'))).not.toContain("↩");
  });
});
