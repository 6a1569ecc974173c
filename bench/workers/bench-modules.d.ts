/** The generated module the constant Worker's alias points at (see constant.ts). */
declare module "bench:article-html" {
  const html: string;
  export default html;
}
