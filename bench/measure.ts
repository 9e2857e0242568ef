// Timing: run an operation repeatedly, record each call's latency, report ops/s and p50/p99.
// Every op is timed alone (setup such as taking a hold before a confirm is outside the timer).

export interface Result {
  name: string;
  ops: number;
  opsPerSec: number;
  p50: number; // ms
  p99: number; // ms
  /** Set when the channel did not answer ok (e.g. NOT_SUPPORTED): no figure then. */
  error?: string;
}

export interface MeasureOptions {
  /** Untimed calls first (JIT, statement caches, page cache). */
  warmup?: number;
  maxOps?: number;
  maxSeconds?: number;
}

export class OpError extends Error {}

/**
 * `op` returns the time spent in the measured part (ms), so an iteration can do untimed setup.
 * It throws OpError to stop with a message instead of a figure.
 */
export async function measure(name: string, op: (i: number) => Promise<number> | number, opts: MeasureOptions = {}): Promise<Result> {
  const { warmup = 20, maxOps = 2000, maxSeconds = 5 } = opts;
  try {
    for (let i = 0; i < warmup; i++) await op(i);
    const samples: number[] = [];
    const deadline = performance.now() + maxSeconds * 1000;
    for (let i = warmup; samples.length < maxOps && performance.now() < deadline; i++) samples.push(await op(i));
    samples.sort((a, b) => a - b);
    const total = samples.reduce((a, b) => a + b, 0);
    const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
    return { name, ops: samples.length, opsPerSec: (samples.length / total) * 1000, p50: pct(50), p99: pct(99) };
  } catch (e) {
    if (e instanceof OpError) return { name, ops: 0, opsPerSec: 0, p50: 0, p99: 0, error: e.message };
    throw e;
  }
}

/** Times one synchronous or asynchronous call, in ms. */
export async function timed(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export function table(results: Result[], limits: { full: number; normal: number }): string {
  const rows = [['operation', 'ops/s', 'p50 ms', 'p99 ms', 'vs raw FULL', 'vs raw NORMAL', 'n']];
  for (const r of results) {
    if (r.error) rows.push([r.name, r.error, '', '', '', '', '']);
    else
      rows.push([
        r.name,
        fmt(r.opsPerSec),
        fmt(r.p50, 3),
        fmt(r.p99, 3),
        `${fmt((r.opsPerSec / limits.full) * 100, 1)} %`,
        `${fmt((r.opsPerSec / limits.normal) * 100, 1)} %`,
        String(r.ops),
      ]);
  }
  return markdownTable(rows);
}

/** A number with thousands separators and `d` decimals. */
export function fmt(n: number, d = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** A Markdown table (first row the header; first column left-aligned, the others right-aligned). */
export function markdownTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
