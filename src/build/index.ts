/**
 * The thin, file-system half of the content pipeline: reads content/, runs the pure pipeline
 * (src/build/content), and writes src/generated/. Exits non-zero listing every problem as
 * `file → field: message`, so nothing broken is ever bundled or deployed.
 *
 *   node src/build/index.ts [--content DIR] [--out DIR] [--assets DIR] [--cache DIR] [--preview] [--quiet] [--no-cards]
 *
 * Besides the module, it writes the assets directory (wrangler.toml `[assets]`, dist/assets by
 * default, `<out>/assets` when --out is given, so a test's build never replaces the blog's): the
 * files folder posts use, under content-hashed names (src/build/media/), and a social card per post
 * (src/build/cards/). Image processing and cards are cached under --cache.
 *
 * --no-cards leaves the social cards out (pages then name no og:image): for measuring the rest
 * of the build alone (`npm run bench:build`), never for a deploy.
 *
 * --preview (or BLOG_PREVIEW=1, which `npm start` sets) builds the local preview: drafts and
 * future-dated posts are included and marked, responses revalidate, and a broken post does not
 * stop the dev server: the problems are printed once and the preview shows them as a page
 * until the next good save. Without it, a problem fails the build (exit 1).
 *
 * This file only starts the threads a cold build will want (src/build/early.ts), then loads the
 * build itself (src/build/build.ts), so both load at once.
 */
import { buildArgs } from "./args.ts";
import { startEarly } from "./early.ts";

const { values, contentDir, cacheDir } = buildArgs();
startEarly(contentDir, cacheDir, values.cards);
await import("./build.ts");
