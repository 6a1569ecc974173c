/** Least-squares line y = a + b·x, and where it crosses a limit: for growth projections. */
export interface Line {
  a: number;
  b: number;
  r2: number;
}

export function fitLine(points: [number, number][]): Line {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  const b = sxx === 0 ? 0 : sxy / sxx;
  return { a: my - b * mx, b, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/** The x at which the line reaches `limit` (Infinity if it never grows). */
export function crossing(line: Line, limit: number): number {
  return line.b > 0 ? (limit - line.a) / line.b : Number.POSITIVE_INFINITY;
}
