/**
 * FROZEN REFERENCE, for tests only: the JSX view the Worker rendered before its pages were joined
 * from strings (src/worker/views/, src/shared/views/). test/strings-vs-jsx.test.tsx holds every
 * page against it byte for byte. Change the markup here and there together, never one alone.
 */
import type { Messages } from "../../src/shared/i18n/index.ts";
import { postPath, tagPath } from "../../src/shared/paths.ts";
import type { PostMeta } from "../../src/shared/types.ts";
import { day, formatDate } from "../../src/worker/views/format.ts";

/** Small pure components shared by the pages. */

/** A date as readers see it: the text the build formatted, or (a record made elsewhere) formatted here. */
export function FormattedDate({ iso, text, lang }: { iso: string; text?: string; lang: string }) {
  return <time datetime={day(iso)}>{text ?? formatDate(iso, lang)}</time>;
}

export function TagList({ tags, label }: { tags: readonly string[]; label: string }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tags" aria-label={label}>
      {tags.map((t) => (
        <li>
          <a href={tagPath(t)}>#{t}</a>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Draft" or "Scheduled": only a preview (`npm start`) has such posts, and marks them so an
 * author never mistakes one for a published post.
 */
export function StatusBadge({ post, t }: { post: PostMeta; t: Messages }) {
  if (post.draft) return <strong class="badge">{t.text("draft")}</strong>;
  if (post.scheduled) return <strong class="badge">{t.text("scheduled")}</strong>;
  return null;
}

/** One entry of a post list: what a reader needs to decide to open it. */
export function PostSummary({ post, lang, t }: { post: PostMeta; lang: string; t: Messages }) {
  return (
    <li>
      <article>
        <h2>
          <a href={postPath(post.slug)}>{post.title}</a>
        </h2>
        <p class="meta">
          <StatusBadge post={post} t={t} />
          <FormattedDate iso={post.date} text={post.dateText} lang={lang} />
          <span>{t.text("readingTime", { n: post.readingTimeMinutes })}</span>
        </p>
        <p>{post.description}</p>
        <TagList tags={post.tags} label={t.text("tagsOf", { title: post.title })} />
      </article>
    </li>
  );
}

export function PostList({ posts, lang, t }: { posts: readonly PostMeta[]; lang: string; t: Messages }) {
  return (
    <ul class="posts">
      {posts.map((p) => (
        <PostSummary post={p} lang={lang} t={t} />
      ))}
    </ul>
  );
}

export interface PagerLink {
  href: string;
  label: string;
  rel?: "prev" | "next";
}

export function Pager({ newer, older, label }: { newer?: PagerLink; older?: PagerLink; label: string }) {
  if (!newer && !older) return null;
  return (
    <nav aria-label={label}>
      <ul class="pager">
        <li>
          {newer ? (
            <a href={newer.href} rel={newer.rel}>
              {newer.label}
            </a>
          ) : null}
        </li>
        <li>
          {older ? (
            <a href={older.href} rel={older.rel}>
              {older.label}
            </a>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}
