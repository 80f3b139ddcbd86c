// The streaming benchmark's attribution of the panel's script (bench/lib/panelProfile.ts): a CPU profile's runs of
// samples with the panel's script on the stack, each named by the panel's functions through its source map. Built
// from a hand-made profile and map, so that a wrong split or attribution shows here, not as a plausible log line.
import * as assert from 'node:assert/strict';
import { TraceMap } from '@jridgewell/trace-mapping';
import { panelRuns } from '../../bench/lib/panelProfile';

const PANEL = 'claude-inspector/webview.js';
const WORKBENCH = 'http://127.0.0.1:8080/stable/static/out/vs/code/browser/workbench/workbench.js';
const SOURCES = ['../src/webview/dom/schedule.ts', '../src/webview/markdown/render.ts', '../src/webview/main.ts'];
/** webview.js's line 1: columns 0, 100 and 200 come from the three sources above, lines 20, 103 and 15. */
const map = new TraceMap({ version: 3, file: 'webview.js', names: ['runFrame', 'renderMarkdown'], sources: SOURCES, mappings: [[[0, 0, 19, 0, 0], [100, 1, 102, 0, 1], [200, 2, 14, 0]]] });

type Where = 'frame' | 'render' | 'handler' | 'workbench' | 'native' | '(idle)' | '(program)';
const COLUMN: Record<string, number> = { frame: 0, render: 100, handler: 200 };

/** A profile whose nodes are the given call stacks (outermost first); each sample names a stack and lasts its ms. */
function profile(stacks: Record<string, Where[]>, samples: Array<[string, number]>) {
  const nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children: number[] }> = [];
  const root = { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, children: [] as number[] };
  nodes.push(root);
  const leaf = new Map<string, number>();
  for (const [name, stack] of Object.entries(stacks)) {
    let parent = root;
    for (const where of stack) {
      const url = where in COLUMN ? PANEL : where === 'workbench' ? WORKBENCH : '';
      const node = { id: nodes.length + 1, callFrame: { functionName: url ? 'f' : where, url, lineNumber: 0, columnNumber: COLUMN[where] ?? 0 }, children: [] };
      nodes.push(node);
      parent.children.push(node.id);
      parent = node;
    }
    leaf.set(name, parent.id);
  }
  return { nodes, samples: samples.map(([name]) => leaf.get(name)!), timeDeltas: [0, ...samples.map(([, ms]) => ms * 1000)] };
}

const STACKS: Record<string, Where[]> = {
  idle: ['(idle)'],
  program: ['(program)'],
  workbench: ['workbench'],
  flush: ['frame'],
  flushRender: ['frame', 'render'],
  flushRenderNative: ['frame', 'render', 'native'],
  message: ['workbench', 'handler', 'render'],
};

describe('bench: the panel\'s longest runs of script in a CPU profile', () => {
  it('splits runs where the panel\'s script leaves the stack, the longest first, named by the source map', () => {
    const runs = panelRuns(profile(STACKS, [
      ['idle', 5],
      ['flush', 2], ['flushRender', 6], ['flushRenderNative', 4],
      ['program', 3],
      ['message', 7],
      ['workbench', 1],
      ['flush', 1],
      ['idle', 2],
    ]), map);
    assert.deepEqual(runs.map((run) => run.panelMs), [12, 7, 1]);
    // The first run: the frame callback (outermost) around markdown rendering (innermost), the DOM's time with it.
    assert.deepEqual(runs[0].entries, [['webview/dom/schedule.ts:20 runFrame', 12]]);
    assert.deepEqual(runs[0].inner, [['webview/markdown/render.ts:103 renderMarkdown', 10], ['webview/dom/schedule.ts:20 runFrame', 2]]);
    assert.equal(runs[0].atMs, 5);
    // Called from the workbench's code: the outermost of the panel's own frames names it.
    assert.deepEqual(runs[1].entries, [['webview/main.ts:15', 7]]);
  });

  it('without the source map, the panel\'s functions are named by the bundle\'s position; nothing else is taken for the panel', () => {
    const runs = panelRuns(profile(STACKS, [['workbench', 9], ['program', 4], ['flushRender', 3], ['idle', 1]]), undefined);
    assert.equal(runs.length, 1);
    assert.equal(runs[0].panelMs, 3);
    assert.deepEqual(runs[0].inner, [['webview.js f@1:100', 3]]);
  });
});
