// A file a post links can never run script on the blog's origin, whatever its extension: the
// asset server types .shtml as HTML and .xsd and .rng as XML, and each of these files holds a
// script (lib/blog.ts PROBE) that would rename the tab, call the origin, write its storage and
// message the origin's other pages. Chromium opens each one three ways: as served (a download),
// with the download taken away (the sandbox CSP alone must hold), and with the CSP taken away
// too (the probe must run: proof that the test can see it).
import { strict as assert } from "node:assert";
import { after, before, describe, test } from "node:test";
import type { BrowserContext, Page, Route } from "playwright-core";
import { ATTACHMENTS, VIEWABLE_NAMES } from "./lib/blog.ts";
import { launch, type Session } from "./lib/browser.ts";
import { ATTACHMENTS_PATH, get, url } from "./lib/site.ts";

const CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
/** The type the asset server gives each extension (none for one it does not know). */
const TYPES: Record<string, string | null> = {
  "q.shtml": "text/html; charset=utf-8",
  "q.xsd": "application/xml",
  "q.rng": "application/xml",
  "q.svg": "image/svg+xml",
  "q.zzz": null,
};

let session: Session;
const links = new Map<string, string>();

before(async () => {
  session = await launch();
  const page = await get(ATTACHMENTS_PATH);
  assert.equal(page.status, 200);
  for (const [, href, name] of page.text.matchAll(/<a href="(\/media\/[0-9a-f]{12}\/([^"]+))">/g))
    links.set(name as string, href as string);
  assert.deepEqual([...links.keys()].sort(), [...Object.keys(ATTACHMENTS), ...VIEWABLE_NAMES].sort());
});
after(() => session?.close());

interface Opened {
  context: BrowserContext;
  /** The post's page, open beside the file: what the file's script would message. */
  opener: Page;
  /** Every request to the origin's /__ran__/ (the probe's call). */
  ran: string[];
  /** Messages the post's page received on the probe's channel. */
  messages: () => Promise<string[]>;
}

/** The post's page in a fresh context, listening for the probe; `rewrite` changes the file's response headers. */
async function openerPage(rewrite?: (headers: Record<string, string>) => void): Promise<Opened> {
  const context = await session.browser.newContext({ acceptDownloads: true });
  const ran: string[] = [];
  context.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/__ran__")) ran.push(r.url());
  });
  if (rewrite) {
    await context.route("**/media/**", async (route: Route) => {
      const response = await route.fetch();
      const headers = response.headers();
      rewrite(headers);
      await route.fulfill({ response, headers });
    });
  }
  const opener = await context.newPage();
  await opener.goto(url(ATTACHMENTS_PATH), { waitUntil: "load" });
  await opener.evaluate(() => {
    const w = window as unknown as { received: string[] };
    w.received = [];
    new BroadcastChannel("probe").onmessage = (e) => w.received.push(String(e.data));
  });
  const messages = () => opener.evaluate(() => (window as unknown as { received: string[] }).received);
  return { context, opener, ran, messages };
}

/** Opens `name` in a new tab of the context, as following the post's link does; the tab, and the file name if it was downloaded. */
async function follow(o: Opened, name: string): Promise<{ tab: Page; download?: string }> {
  const tab = await o.context.newPage();
  const download = tab.waitForEvent("download", { timeout: 10_000 }).then(
    (d) => d.suggestedFilename(),
    () => undefined,
  );
  // A download ends the navigation with an error ("Download is starting"); a document loads.
  const shown = await tab.goto(url(links.get(name) as string), { waitUntil: "load" }).then(
    () => true,
    () => false,
  );
  return { tab, download: shown ? undefined : await download };
}

/** Long enough for a script that was going to run to have run, message and fetched. */
const settle = (page: Page) => page.waitForTimeout(500);

/** The origin's storage, as a page of the blog reads it. */
const storedByProbe = (o: Opened) => o.opener.evaluate(() => localStorage.getItem("ran"));

describe("files a post links, in Chromium", () => {
  for (const name of Object.keys(ATTACHMENTS)) {
    test(`${name}: served sandboxed, as a download, and its script never runs`, async () => {
      const href = links.get(name) as string;
      const res = await fetch(url(href));
      await res.arrayBuffer();
      assert.deepEqual(
        {
          status: res.status,
          type: res.headers.get("content-type"),
          csp: res.headers.get("content-security-policy"),
          nosniff: res.headers.get("x-content-type-options"),
          disposition: res.headers.get("content-disposition"),
        },
        { status: 200, type: TYPES[name], csp: CSP, nosniff: "nosniff", disposition: "attachment" },
      );

      const o = await openerPage();
      const { tab, download } = await follow(o, name);
      assert.equal(download, name, "the file is downloaded, not shown");
      await settle(o.opener);
      assert.deepEqual(o.ran, [], "the file's script called the origin");
      assert.deepEqual(await o.messages(), []);
      assert.equal(await storedByProbe(o), null);
      assert.notEqual(await tab.title().catch(() => ""), "ran");
      await o.context.close();
    });

    test(`${name}: shown in the tab, the sandbox alone keeps its script from running`, async () => {
      const o = await openerPage((h) => {
        delete h["content-disposition"];
      });
      const { tab, download } = await follow(o, name);
      await settle(tab);
      assert.deepEqual(o.ran, [], "the file's script called the origin");
      assert.deepEqual(await o.messages(), []);
      assert.equal(await storedByProbe(o), null);
      if (download === undefined) {
        // Rendered: as a document of its type, with no origin (sandbox), its title its own.
        assert.equal(await tab.evaluate(() => self.origin), "null");
        assert.notEqual(await tab.title(), "ran");
      } else {
        // No type and no sniffing: Chromium saves it, which runs nothing either.
        assert.equal(TYPES[name], null, `${name} was downloaded though it has a type`);
      }
      await o.context.close();
    });
  }

  for (const name of ["q.shtml", "q.xsd", "q.rng", "q.svg"]) {
    test(`${name}: with neither header, the probe runs (the checks above can see a script run)`, async () => {
      const o = await openerPage((h) => {
        delete h["content-disposition"];
        delete h["content-security-policy"];
      });
      const { tab } = await follow(o, name);
      await tab.waitForFunction(() => document.title === "ran", null, { timeout: 5000 });
      await settle(o.opener);
      assert.equal(o.ran.length, 1, o.ran.join(", "));
      assert.deepEqual(await o.messages(), ["ran"]);
      assert.equal(await storedByProbe(o), new URL(links.get(name) as string, "http://x").pathname);
      await o.context.close();
    });
  }
});

test("an image a post shows still opens in the tab, sandboxed, without a download", async () => {
  const page = await get("/posts/a-walk");
  const src = /<img [^>]*src="(\/media\/[0-9a-f]+\/[^"]+\.jpg)"/.exec(page.text)?.[1];
  assert.ok(src, "the walk has a JPEG");
  const res = await fetch(url(src));
  await res.arrayBuffer();
  assert.equal(res.headers.get("content-disposition"), null);
  assert.equal(res.headers.get("content-security-policy"), CSP);
  const context = await session.browser.newContext({ acceptDownloads: true });
  const tab = await context.newPage();
  await tab.goto(url(src), { waitUntil: "load" });
  assert.ok((await tab.evaluate(() => (document.images[0] as HTMLImageElement).naturalWidth)) > 0, "the photo shows");
  await context.close();
});

/** The file's headers that decide what Chromium does with it. */
async function served(href: string) {
  const res = await fetch(url(href));
  await res.arrayBuffer();
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    csp: res.headers.get("content-security-policy"),
    nosniff: res.headers.get("x-content-type-options"),
    disposition: res.headers.get("content-disposition"),
  };
}

test("a PDF opens in Chromium's viewer, sandboxed like every file", async () => {
  const href = links.get("slides.pdf") as string;
  assert.deepEqual(await served(href), { status: 200, type: "application/pdf", csp: CSP, nosniff: "nosniff", disposition: null });
  const context = await session.browser.newContext({ acceptDownloads: true });
  const tab = await context.newPage();
  let downloaded = false;
  tab.on("download", () => {
    downloaded = true;
  });
  await tab.goto(url(href), { waitUntil: "load" });
  // The viewer is an extension frame inside the tab; its toolbar counts the document's pages.
  const pages = async () => {
    for (const frame of tab.frames().filter((f) => f.url().startsWith("chrome-extension://"))) {
      const n = await frame
        .evaluate(() => {
          const toolbar = document.querySelector("pdf-viewer")?.shadowRoot?.querySelector("viewer-toolbar") as
            | (Element & { docLength?: number })
            | null
            | undefined;
          return toolbar?.docLength ?? 0;
        })
        .catch(() => 0);
      if (n > 0) return n;
    }
    return 0;
  };
  const deadline = Date.now() + 10_000;
  while ((await pages()) === 0 && Date.now() < deadline) await tab.waitForTimeout(200);
  assert.equal(await pages(), 1, "Chromium's PDF viewer shows the one page");
  assert.equal(downloaded, false);
  await context.close();
});

test("audio is a download: its player would not load in a sandboxed tab", async () => {
  const href = links.get("tone.wav") as string;
  assert.deepEqual(await served(href), {
    status: 200,
    type: "audio/wav",
    csp: CSP,
    nosniff: "nosniff",
    disposition: "attachment",
  });
  const context = await session.browser.newContext({ acceptDownloads: true });
  const tab = await context.newPage();
  const download = tab.waitForEvent("download");
  await tab.goto(url(href)).catch(() => undefined);
  assert.equal((await download).suggestedFilename(), "tone.wav");
  await context.close();
});
