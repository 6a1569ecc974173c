/** Medians: robust to the odd round a noisy neighbour spoils on a shared machine. */
export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "n/a";

/**
 * A goal's verdict from paired differences (case − peer, one per round): "met" or "not met" only
 * when at least 4 in 5 pairs agree, else that the pairs straddle it. The median of a handful of
 * noisy pairs can sit on either side of a goal by chance; a verdict must not say more than the
 * pairs do.
 */
export function goalVerdict(differences: readonly number[], goal: number): string {
  const over = differences.filter((d) => d > goal).length;
  const n = differences.length;
  if (n > 0 && over <= n / 5) return "met";
  if (n > 0 && over >= (4 * n) / 5) return "not met";
  return `not shown either way: ${over} of ${n} pairs over it`;
}
