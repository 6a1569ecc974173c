/** The generated module the constant Worker's alias points at (see constant.ts). */
declare module "bench:article-html" {
  const html: string;
  export default html;
}

/** The real Worker's corpus key, so the read peer reads the same file (see run.ts, bundleReadPeer). */
declare module "bench:corpus-key" {
  const key: string;
  export default key;
}
