#!/usr/bin/env bash
# Proves the engine's tests do not depend on the sample content: in a copy of this clone, an
# author retitles the site, sets an origin, deletes the sample post and writes two posts of
# their own; `npm test` must still pass there.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
copy="$(mktemp -d)/author-blog"
trap 'rm -rf "$(dirname "$copy")"' EXIT
git clone --quiet "$src" "$copy"
# The install is the clean clone's own; the copy differs only in content/.
ln -s "$src/node_modules" "$copy/node_modules"
cd "$copy"

sed -i 's/^title: .*/title: "Ana'"'"'s Field Notes"/; s#^origin: .*#origin: https://notes.ana.dev#' content/site.yaml
rm content/posts/rust-and-the-future-of-back-end-development.md
cat > content/posts/hello-world.md <<'POST'
---
title: Hello, world
date: 2026-01-05
tags: [meta]
---

The first post of a new blog. The [second one](/posts/on-gardens) is about gardens.

## Why write

Because [the tag page](/tags/meta) should have something on it.
POST
cat > content/posts/on-gardens.md <<'POST'
---
title: On gardens
date: 2026-02-10
description: Soil, patience and tomatoes.
tags: [garden, meta]
---

Tomatoes want sun. See [the first post](/posts/hello-world#why-write).
POST

# A folder post with an image beside it (drawn here, so nothing binary is committed).
mkdir -p content/posts/a-day-out
node_modules/.bin/node -e 'require("sharp")({ create: { width: 320, height: 200, channels: 3, background: "#6a9" } }).png().toFile("content/posts/a-day-out/harbour.png")'
cat > content/posts/a-day-out/index.md <<'POST'
---
title: A day out
date: 2026-03-01
tags: [meta]
---

![Boats in a small harbour](./harbour.png)

Back to [the first post](/posts/hello-world).
POST

npm test
