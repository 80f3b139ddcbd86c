// A comparison saved to a file (.claude-compare.json) and read back: its runs with their call records, so that the
// view opens it exactly as it was. Reading checks the shape and says what is wrong, rather than show half a view.
import type { Comparison } from './comparison';

export const COMPARISON_FILE_SUFFIX = '.claude-compare.json';
const FORMAT = 'claude-inspector-comparison';

export function comparisonFileText(comparison: Comparison): string {
  return `${JSON.stringify({ format: FORMAT, version: 1, comparison }, null, 2)}\n`;
}

export type ReadComparison = { ok: true; comparison: Comparison } | { ok: false; problem: string };

export function readComparisonFile(text: string): ReadComparison {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const file = parsed as { format?: unknown; version?: unknown; comparison?: Partial<Comparison> } | null;
  if (typeof file !== 'object' || file === null || file.format !== FORMAT) {
    return { ok: false, problem: `not a saved comparison (no "format": "${FORMAT}")` };
  }
  if (file.version !== 1) {
    return { ok: false, problem: `a comparison of version ${String(file.version)}, which this version cannot read` };
  }
  const c = file.comparison;
  if (typeof c !== 'object' || c === null || !Array.isArray(c.models) || !c.models.every((m) => typeof m === 'string') || !Array.isArray(c.runs)) {
    return { ok: false, problem: '"comparison" needs "models" (model ids) and "runs"' };
  }
  const bad = c.runs.findIndex((r) => typeof r !== 'object' || r === null || typeof r.model !== 'string' || !c.models!.includes(r.model) || typeof r.run !== 'number' || typeof r.status !== 'string');
  if (bad >= 0) {
    return { ok: false, problem: `run ${bad + 1} of "runs" needs "model" (one of "models"), "run" and "status"` };
  }
  // A comparison saved while it ran: what had not finished is shown as cancelled, never as still running.
  const runs = c.runs.map((r) => (r.status === 'waiting' || r.status === 'running' ? { ...r, status: 'cancelled' as const } : r));
  return {
    ok: true,
    comparison: {
      id: typeof c.id === 'string' ? c.id : 'saved',
      startedAt: typeof c.startedAt === 'string' ? c.startedAt : '',
      finishedAt: c.finishedAt,
      source: c.source ?? { kind: 'file' },
      baseUrl: typeof c.baseUrl === 'string' ? c.baseUrl : '',
      request: c.request ?? {},
      models: c.models,
      runsPerModel: typeof c.runsPerModel === 'number' ? c.runsPerModel : Math.max(1, ...runs.map((r) => r.run)),
      concurrency: typeof c.concurrency === 'number' ? c.concurrency : 1,
      runs,
    },
  };
}
