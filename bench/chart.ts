/**
 * A small hand-rolled SVG chart (no dependency): one panel per measure, N on a log axis,
 * one polyline per series. Enough to see linear vs flat at a glance in docs/benchmarks.md.
 */
export interface Series {
  label: string;
  color: string;
  points: [number, number][];
}

export interface Panel {
  title: string;
  unit: string;
  series: Series[];
  /** Optional horizontal lines, e.g. a target or a limit. */
  rules?: { y: number; label: string }[];
}

const W = 360;
const H = 220;
const M = { l: 56, r: 12, t: 28, b: 34 };
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const short = (v: number) => (v >= 1000 ? `${+(v / 1000).toFixed(1)}k` : `${+v.toPrecision(3)}`);

function panel(p: Panel, ox: number, oy: number): string {
  const xs = p.series.flatMap((s) => s.points.map(([x]) => x));
  const rules = p.rules ?? [];
  const ys = p.series.flatMap((s) => s.points.map(([, y]) => y)).concat(rules.map((r) => r.y));
  const lx = (x: number) => Math.log10(Math.max(1, x));
  const [x0, x1] = [lx(Math.min(...xs)), lx(Math.max(...xs))];
  const yMax = Math.max(...ys) * 1.1 || 1;
  const px = (x: number) => ox + M.l + ((lx(x) - x0) / (x1 - x0 || 1)) * (W - M.l - M.r);
  const py = (y: number) => oy + H - M.b - (y / yMax) * (H - M.t - M.b);
  const out: string[] = [`<text x="${ox + M.l}" y="${oy + 18}" font-weight="bold">${esc(p.title)} (${esc(p.unit)})</text>`];
  out.push(`<line x1="${px(Math.min(...xs))}" y1="${py(0)}" x2="${ox + W - M.r}" y2="${py(0)}" stroke="#888"/>`);
  for (const f of [0, 0.5, 1]) {
    const y = yMax * f * 0.9;
    out.push(`<text x="${ox + M.l - 6}" y="${py(y) + 4}" text-anchor="end" fill="#555">${short(y)}</text>`);
  }
  for (const x of [...new Set(xs)])
    out.push(`<text x="${px(x)}" y="${oy + H - M.b + 16}" text-anchor="middle" fill="#555">${short(x)}</text>`);
  for (const rule of rules) {
    const y = py(rule.y);
    out.push(`<line x1="${ox + M.l}" y1="${y}" x2="${ox + W - M.r}" y2="${y}" stroke="#c33" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${ox + W - M.r}" y="${y - 4}" text-anchor="end" fill="#c33">${esc(rule.label)}</text>`);
  }
  p.series.forEach((s, i) => {
    const pts = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const [x, y] of s.points)
      out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${s.color}"/>`);
    out.push(`<text x="${ox + M.l + 8}" y="${oy + M.t + 12 + i * 14}" fill="${s.color}">${esc(s.label)}</text>`);
  });
  out.push(`<text x="${ox + (W + M.l) / 2}" y="${oy + H - 4}" text-anchor="middle" fill="#555">posts (log scale)</text>`);
  return out.join("\n");
}

export function chart(title: string, panels: Panel[], columns = 2): string {
  const rows = Math.ceil(panels.length / columns);
  const width = W * columns;
  const height = H * rows + 30;
  const body = panels.map((p, i) => panel(p, (i % columns) * W, 30 + Math.floor(i / columns) * H)).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="20" font-size="14" font-weight="bold">${esc(title)}</text>
${body}
</svg>
`;
}
