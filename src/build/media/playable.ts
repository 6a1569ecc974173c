/**
 * Reads a video or audio file at build time with MediaInfo (mediainfo.js, MediaArea's library
 * compiled to WebAssembly): what it holds, its size as displayed, and whether a browser can play
 * it. A renamed file (a .mov called .mp4) or a codec no browser decodes is a build error, not a
 * black rectangle on the page.
 */
import type { MediaInfo } from "mediainfo.js";
import { PLAYABLE_TYPES } from "../content/media.ts";

/** Video codecs browsers decode (as MediaInfo names them); HEVC only in some, but those are most. */
const VIDEO_CODECS = new Set(["AVC", "HEVC", "AV1", "VP8", "VP9"]);

let reader: Promise<MediaInfo<"object">> | undefined;

/** One MediaInfo instance for the build, made on the first video: most builds never need it. */
function mediaInfo(): Promise<MediaInfo<"object">> {
  reader ??= import("mediainfo.js").then(({ default: factory }) => factory({ format: "object" }));
  return reader;
}

/** The end of the last analysis queued: one instance reads one file at a time. */
let queue: Promise<unknown> = Promise.resolve();

function analyse(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const run = queue.then(async () => {
    const result = await (await mediaInfo()).analyzeData(bytes.byteLength, (size, offset) =>
      bytes.subarray(offset, offset + size),
    );
    return (result.media?.track ?? []) as unknown as Record<string, unknown>[];
  });
  queue = run.catch(() => undefined);
  return run;
}

export type PlayableInfo = { kind: "video" | "audio"; type: string; width?: number; height?: number } | { problem: string };

export async function readPlayable(bytes: Uint8Array, ext: string): Promise<PlayableInfo> {
  const expected = PLAYABLE_TYPES[ext];
  if (!expected) return { problem: "is not a video or audio file" };
  let tracks: Record<string, unknown>[];
  try {
    tracks = await analyse(bytes);
  } catch (e) {
    return { problem: `could not be read as ${expected.kind}: ${(e as Error).message}` };
  }
  const general = tracks.find((t) => t["@type"] === "General");
  const format = typeof general?.Format === "string" ? general.Format : undefined;
  if (format !== expected.container) {
    if (!format) return { problem: `could not be read as ${expected.kind}: MediaInfo found no ${expected.label} data in it` };
    // The name it should have, if it holds something the blog plays (an MP4 is a video or an M4A).
    const holdsVideo = tracks.some((t) => t["@type"] === "Video");
    const rename = Object.entries(PLAYABLE_TYPES).find(
      ([, t]) => t.container === format && (t.container !== "MPEG-4" || (t.kind === "video") === holdsVideo),
    )?.[0];
    return {
      problem: `is not what its name says: it holds ${format} data, not ${expected.label}${rename ? ` (rename it to .${rename})` : ""}`,
    };
  }
  if (expected.kind === "audio") {
    if (!tracks.some((t) => t["@type"] === "Audio")) return { problem: "holds no audio" };
    return { kind: "audio", type: expected.type };
  }
  const video = tracks.find((t) => t["@type"] === "Video");
  if (!video) return { problem: "holds no video: for sound alone use MP3, M4A or Ogg" };
  const codec = String(video.Format ?? "");
  if (!VIDEO_CODECS.has(codec))
    return { problem: `holds ${codec || "unknown"} video, which browsers do not play: encode it as H.264 (AVC), VP9 or AV1` };
  const width = Number(video.Width);
  const height = Number(video.Height);
  if (!(width > 0 && height > 0)) return { problem: "could not be read as video: it has no width and height" };
  // A phone's portrait video is stored landscape with a rotation: the player shows it turned.
  const turned = Math.abs(Number(video.Rotation ?? 0)) % 180 === 90;
  return { kind: "video", type: expected.type, width: turned ? height : width, height: turned ? width : height };
}
