// Debian's Chromium driven by playwright-core (no browser download), plus a guard that records
// everything a clean page must never do: console errors, failed requests, third-party requests.
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { BASE } from "./site.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface Session {
  browser: Browser;
  close(): Promise<void>;
}

/** A fresh Chromium (playwright gives each launch its own throwaway profile directory). */
export async function launch(): Promise<Session> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  return { browser, close: () => browser.close() };
}

export interface Guarded {
  page: Page;
  /** Everything that went wrong so far, one line each; empty means clean. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** A new page whose console errors, failed requests and third-party requests are recorded. */
export async function guardedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Guarded> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  const origin = new URL(BASE).origin;
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    requests.push(r.url());
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.origin !== origin) problems.push(`third-party request: ${r.url()}`);
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems, requests };
}

/** Script elements other than JSON-LD data blocks (which never execute). */
export function executableScripts(page: Page): Promise<string[]> {
  return page.$$eval("script", (scripts) =>
    scripts
      .filter((s) => (s.getAttribute("type") ?? "").trim().toLowerCase() !== "application/ld+json")
      .map((s) => s.outerHTML.slice(0, 120)),
  );
}
