import { site } from "/work/main/src/generated/content.ts";
import { siteHead } from "/work/main/src/routes/head.ts";
import { MessagePage, renderDocument } from "/work/main/src/views/pages.tsx";
export function run() {
  return renderDocument(
    <MessagePage
      site={site}
      heading="Page not found"
      message="x"
      recent={[]}
      head={{
        ...siteHead(),
        title: "T",
        description: "D",
        canonical: "https://x/",
        alternates: [],
        ogType: "website",
        noindex: true,
      }}
    />,
  );
}
