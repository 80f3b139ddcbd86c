// Two calls compared: which two, their metrics with deltas, and their content block by block.
import type { CallRecord } from '../callRecord';
import { compareContent, type BlockDiff } from './content';
import { compareMetrics, type MetricDeltas } from './metrics';

export * from './content';
export * from './metrics';

export interface CallComparison {
  a: { id: string; startedAt: string };
  b: { id: string; startedAt: string };
  metrics: MetricDeltas;
  content: BlockDiff[];
}

export function compareCalls(a: CallRecord, b: CallRecord): CallComparison {
  return {
    a: { id: a.id, startedAt: a.startedAt },
    b: { id: b.id, startedAt: b.startedAt },
    metrics: compareMetrics(a, b),
    content: compareContent(a, b),
  };
}
