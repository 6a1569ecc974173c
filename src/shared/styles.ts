/**
 * The site's whole stylesheet, inlined in every page: one request per page, no render-blocking
 * fetch, and its SHA-256 (computed at build time) is the CSP's only `style-src` allowance.
 * Colours meet WCAG AA in both schemes; no web fonts, no JavaScript.
 */
export const STYLES = `
:root{color-scheme:light dark;--bg:#fdfcfa;--fg:#1f2328;--muted:#57606a;--accent:#0b57d0;--rule:#d8dee4;--code-bg:#f3f4f6;--tag-bg:#eef2f7;
--k:#cf222e;--s:#0a3069;--c:#57606a;--n:#0550ae;--f:#8250df;--t:#953800;--ins:#116329;--del:#b3261e}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e6edf3;--muted:#9da7b3;--accent:#7cb4ff;--rule:#30363d;--code-bg:#1b2028;--tag-bg:#1f2630;
--k:#ff7b72;--s:#a5d6ff;--c:#9da7b3;--n:#79c0ff;--f:#d2a8ff;--t:#ffa657;--ins:#3fb950;--del:#ff7b72}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.125rem/1.7 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
.wrap{max-width:68ch;margin:0 auto;padding:0 1.25rem}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:2px}
.skip{position:absolute;inset-inline-start:-999px;top:.5rem;background:var(--bg);padding:.5rem 1rem;z-index:1}
.skip:focus{inset-inline-start:.5rem}
header.site{border-bottom:1px solid var(--rule);margin-bottom:2rem}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.25rem 1rem;padding-block:1rem}
.brand{font-weight:700;font-size:1.15rem;color:var(--fg);text-decoration:none}
nav.site ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0;font-size:.95rem}
nav.languages [aria-current]{color:var(--fg);font-weight:600;text-decoration:none}
form.search{display:flex;gap:.4rem;margin:0}form.search input{font:inherit;font-size:.95rem;padding:.2rem .5rem;border:1px solid var(--rule);border-radius:.3rem;background:var(--bg);color:var(--fg);min-width:0;width:11rem}form.search button{font:inherit;font-size:.95rem;padding:.2rem .6rem;border:1px solid var(--rule);border-radius:.3rem;background:var(--tag-bg);color:var(--fg);cursor:pointer}
.hits mark{background:var(--tag-bg);color:inherit;font-weight:700}
h1,h2,h3,h4{line-height:1.25;margin:2rem 0 .75rem;text-wrap:balance}
h1{font-size:clamp(1.75rem,1.2rem + 2.4vw,2.4rem);margin-top:0}
h2{font-size:1.5rem}h3{font-size:1.2rem}
p,ul,ol,pre,blockquote,table{margin:0 0 1.25rem}
.meta{color:var(--muted);font-size:.95rem;margin:0 0 .5rem}
.meta>*+*::before{content:"·";margin:0 .5em}
.tags{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0 1.25rem}
.tags a{display:inline-block;background:var(--tag-bg);color:var(--fg);border-radius:999px;padding:.1rem .7rem;font-size:.85rem;text-decoration:none}
.tags a:hover{text-decoration:underline}
.posts{list-style:none;padding:0}
.posts>li{padding:1.25rem 0;border-bottom:1px solid var(--rule)}
.posts>li:last-child{border-bottom:0}
.posts h2{margin:0 0 .35rem;font-size:1.3rem}
.posts h2 a{color:var(--fg);text-decoration:none}
.posts h2 a:hover{color:var(--accent);text-decoration:underline}
.posts p{margin:.35rem 0}
.lede{font-size:1.2rem;color:var(--muted)}
.badge{display:inline-block;background:var(--fg);color:var(--bg);border-radius:.3rem;padding:0 .45rem;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.problems code{display:block;white-space:pre-wrap;padding:.5rem .75rem}
.toc{border:1px solid var(--rule);border-radius:.5rem;padding:.75rem 1.25rem;margin:0 0 2rem;font-size:.95rem}
.toc h2{font-size:1rem;margin:0 0 .5rem}
.toc ol{margin:0;padding-inline-start:1.25rem}
.anchor{margin-inline-start:.35em;color:var(--muted);text-decoration:none;font-weight:400}
blockquote{border-inline-start:4px solid var(--rule);margin-inline-start:0;padding-inline-start:1rem;color:var(--muted)}
.alert{--alert:var(--accent);border-inline-start:4px solid var(--alert);margin:0 0 1.25rem;padding-block:.1rem;padding-inline:1rem 0}
.alert>:last-child{margin-bottom:0}.alert-title{color:var(--alert);margin:0 0 .35rem}.alert-icon::before{display:inline-block;width:1.4em;content:"\\2139"}
.alert-tip{--alert:var(--s)}.alert-tip .alert-icon::before{content:"\\2605"}.alert-important{--alert:var(--f)}.alert-important .alert-icon::before{content:"\\2762"}
.alert-warning{--alert:var(--t)}.alert-warning .alert-icon::before{content:"\\26A0"}.alert-caution{--alert:var(--k)}.alert-caution .alert-icon::before{content:"\\203C"}
code{font:.9em/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code-bg);border-radius:.3rem;padding:.1em .3em;unicode-bidi:isolate}
pre{background:var(--code-bg);border-radius:.5rem;padding:1rem;overflow-x:auto;direction:ltr}
pre code{background:none;padding:0}
pre:has(.line) code{display:block;min-width:max-content}.line{display:block;text-decoration:none;color:inherit;background:none}
pre:has(.line){padding-inline:0}.line{padding-inline:1rem}mark.line,.line.hl{box-shadow:inset 4px 0 var(--accent)}ins.line{box-shadow:inset 4px 0 var(--ins)}del.line{box-shadow:inset 4px 0 var(--del)}
.diff-mark{display:inline-block;width:1.5ch;font-weight:700}ins .diff-mark{color:var(--ins)}del .diff-mark{color:var(--del)}
.numbered code{counter-reset:line}.numbered .line::before{counter-increment:line;content:counter(line);display:inline-block;width:3ch;margin-inline-end:1ch;text-align:end;color:var(--c);user-select:none}
figure.code figcaption{text-align:start;margin:0;padding:.35rem 1rem;background:var(--code-bg);border-radius:.5rem .5rem 0 0;border-bottom:1px solid var(--rule);font:600 .85em/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--fg)}figure.code pre{border-radius:0 0 .5rem .5rem;margin:0}
img,video{max-width:100%;height:auto}
figure{margin:0 0 1.25rem}figure img,figure video{display:block;margin:0 auto}.embed iframe{display:block;width:100%;height:auto;aspect-ratio:16/9;border:0}audio{max-width:100%;vertical-align:middle}figcaption{color:var(--muted);font-size:.95rem;text-align:center;margin-top:.5rem}
table{border-collapse:collapse;display:block;overflow-x:auto}
th,td{border:1px solid var(--rule);padding:.4rem .6rem}
hr{border:0;border-top:1px solid var(--rule);margin:2rem 0}
math[display=block]{overflow-x:auto;margin:0 0 1.25rem}mtd.tml-left{text-align:left;padding-left:0}mtd.tml-right{text-align:right;padding-right:0}
.pager{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;margin:2rem 0;padding:0;list-style:none}
.back{margin:2.5rem 0}
footer.site{border-top:1px solid var(--rule);margin-top:3rem;color:var(--muted)}
footer.site p{font-size:.9rem;margin:0}
footer.site .wrap{padding-block:1.5rem}
.hljs-keyword,.hljs-selector-tag,.hljs-built_in,.hljs-meta{color:var(--k)}
.hljs-string,.hljs-regexp,.hljs-attr{color:var(--s)}
.hljs-comment,.hljs-quote{color:var(--c);font-style:italic}
.hljs-number,.hljs-literal,.hljs-variable,.hljs-symbol{color:var(--n)}
.hljs-title,.hljs-section{color:var(--f)}
.hljs-type,.hljs-params,.hljs-property{color:var(--t)}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--accent:#000}header.site nav,.skip,.pager,.back,.toc,.anchor,footer.site{display:none}
body{font-size:11pt}a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}pre{white-space:pre-wrap}h2,h3{break-after:avoid}}
`
  .trim()
  .replace(/\n/g, "");
