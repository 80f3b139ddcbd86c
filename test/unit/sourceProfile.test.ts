// The typing benchmark's attribution (bench/lib/sourceProfile.ts): a CPU profile's samples read through a source map
// into VS Code's source files, the time with its RPC protocol on the stack (the page handling extension hosts'
// messages) and the longest stretch of it. Built from a hand-made profile and source map, so that a wrong attribution
// shows here and not as a plausible figure in a benchmark's row.
import * as assert from 'node:assert/strict';
import { TraceMap } from '@jridgewell/trace-mapping';
import { summarize } from '../../bench/lib/sourceProfile';

const URL = 'http://127.0.0.1:8080/stable/static/out/vs/code/browser/workbench/workbench.js';
const SOURCES = [
  '../../src/vs/workbench/services/extensions/common/rpcProtocol.ts',
  '../../src/vs/workbench/api/browser/mainThreadDiagnostics.ts',
  '../../src/vs/editor/common/viewLayout/viewLineRenderer.ts',
  '../../src/vs/editor/contrib/codelens/browser/codelensController.ts',
];
/** workbench.js's line 1: columns 0, 100, 200 and 300 come from the four sources above, in order. */
const map = new TraceMap({ version: 3, file: 'workbench.js', names: [], sources: SOURCES, mappings: [[[0, 0, 0, 0], [100, 1, 0, 0], [200, 2, 0, 0], [300, 3, 0, 0]]] });

type Where = 'rpc' | 'diagnostics' | 'renderer' | 'codelens' | '(idle)' | '(program)' | '(garbage collector)';
const COLUMN: Record<string, number> = { rpc: 0, diagnostics: 100, renderer: 200, codelens: 300 };

/** A profile whose nodes are the given call stacks (outermost first); each sample names a stack and lasts its ms. */
function profile(stacks: Record<string, Where[]>, samples: Array<[string, number]>) {
  const nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children: number[] }> = [];
  const root = { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, children: [] as number[] };
  nodes.push(root);
  const leaf = new Map<string, number>();
  for (const [name, stack] of Object.entries(stacks)) {
    let parent = root;
    for (const where of stack) {
      const inScript = where in COLUMN;
      const node = { id: nodes.length + 1, callFrame: { functionName: inScript ? 'f' : where, url: inScript ? URL : '', lineNumber: 0, columnNumber: COLUMN[where] ?? 0 }, children: [] };
      nodes.push(node);
      parent.children.push(node.id);
      parent = node;
    }
    leaf.set(name, parent.id);
  }
  // timeDeltas[i] is the time before sample i; a sample's own time is the next delta (summarize reads it so).
  return { nodes, samples: samples.map(([name]) => leaf.get(name)!), timeDeltas: [0, ...samples.map(([, ms]) => ms * 1000)] };
}

const STACKS: Record<string, Where[]> = {
  idle: ['(idle)'],
  program: ['(program)'],
  gc: ['(garbage collector)'],
  message: ['rpc', 'diagnostics'],
  render: ['renderer'],
  lenses: ['codelens', 'renderer'],
};

describe('bench: whose code a CPU profile of the workbench ran', () => {
  it('counts the time with the RPC protocol on the stack, and the most of it in one busy stretch (idle to idle)', () => {
    const summary = summarize(profile(STACKS, [['idle', 5], ['message', 4], ['program', 2], ['gc', 1], ['message', 3], ['render', 30], ['message', 6], ['idle', 10], ['message', 8], ['idle', 1]]), new Map([[URL, map]]));
    assert.equal(summary.totalMs, 70);
    assert.equal(summary.busyMs, 54);
    assert.equal(summary.hostMessagesMs, 21);
    // 4 + 3 + 6 between two idle samples (the VM's own and the renderer's samples between add nothing); then 8.
    assert.equal(summary.longestHostMessageMs, 13);
    assert.equal(summary.showingResultsMs, 0);
  });

  it('names each sample\'s source file from the source map, the largest self time first, idle left out', () => {
    const summary = summarize(profile(STACKS, [['render', 30], ['lenses', 8], ['message', 12], ['idle', 50]]), new Map([[URL, map]]));
    assert.deepEqual(summary.topFiles, [
      ['vs/editor/common/viewLayout/viewLineRenderer.ts', 38],
      ['vs/workbench/api/browser/mainThreadDiagnostics.ts', 12],
    ]);
    assert.equal(summary.showingResultsMs, 8, 'the renderer\'s time under the CodeLens controller is the extension\'s results being shown');
    assert.equal(summary.hostMessagesMs, 12);
  });

  it('without the source map nothing is taken for a message: the script\'s URL is all it knows', () => {
    const summary = summarize(profile(STACKS, [['message', 12]]), new Map());
    assert.equal(summary.hostMessagesMs, 0);
    assert.deepEqual(summary.topFiles, [[URL, 12]]);
  });
});
