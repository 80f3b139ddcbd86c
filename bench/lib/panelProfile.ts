// Where the panel's script spends its longest runs in the shared renderer: a CPU profile of the workbench page (in
// code-server the webview's iframe runs in the same process, so its script is sampled too) read through the panel
// bundle's own source map. A long-frame entry says only that the panel's frame callback or message handler took
// 55 ms; this says which of its functions did. A run is the samples in a row with the panel's script on the stack:
// one frame callback, one message handler, one slice of background work (two back to back, rarely, as one).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { type CpuProfile, profileTree, sourceMaps, startCpuProfile, summarize } from './sourceProfile';

export interface PanelRun {
  /** The run's length, in ms. */
  panelMs: number;
  /** ms from the profile's start. */
  atMs: number;
  /** The panel's outermost function on the stack (what the browser called: a frame callback, a message handler). */
  entries: Array<[string, number]>;
  /** The panel's innermost function on the stack (its own code, with the DOM and builtins it called), by time. */
  inner: Array<[string, number]>;
}

/** Whether a profile node's script is the panel's (inline in its page, named by its sourceURL). */
export const isPanelScript = (url: string): boolean => /claude-inspector\/(webview|compare)\.js$/.test(url);

/** The panel's longest runs of script, the longest first, each with its time by the panel's functions. */
export function panelRuns(profile: CpuProfile, map: TraceMap | undefined, count = 5): PanelRun[] {
  const { nodes, parents } = profileTree(profile);
  const labels = new Map<number, string>();
  const label = (id: number): string => {
    let name = labels.get(id);
    if (name === undefined) {
      const { lineNumber, columnNumber, functionName } = nodes.get(id)!.callFrame;
      const original = map ? originalPositionFor(map, { line: lineNumber + 1, column: columnNumber }) : undefined;
      name = original?.source
        ? `${original.source.replace(/^.*\/src\//, '').replace(/^.*\/node_modules\//, '')}:${original.line}${original.name ? ` ${original.name}` : ''}`
        : `webview.js ${functionName || '(anonymous)'}@${lineNumber + 1}:${columnNumber}`;
      labels.set(id, name);
    }
    return name;
  };
  /** The innermost and outermost panel frames on a node's stack (memoized). */
  const ends = new Map<number, { inner?: number; outer?: number }>();
  const panelEnds = (id: number): { inner?: number; outer?: number } => {
    let found = ends.get(id);
    if (found === undefined) {
      const parent = parents.get(id);
      const above = parent === undefined ? {} : panelEnds(parent);
      const mine = isPanelScript(nodes.get(id)!.callFrame.url);
      found = mine ? { inner: id, outer: above.outer ?? id } : above;
      ends.set(id, found);
    }
    return found;
  };
  const runs: Array<{ panelMs: number; atMs: number; entries: Map<string, number>; inner: Map<string, number> }> = [];
  let current: (typeof runs)[number] | undefined;
  let clock = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const at = clock;
    clock += ms;
    const { inner, outer } = panelEnds(id);
    if (inner === undefined || outer === undefined) {
      current = undefined;
      return;
    }
    if (!current) {
      current = { panelMs: 0, atMs: at, entries: new Map(), inner: new Map() };
      runs.push(current);
    }
    current.panelMs += ms;
    const add = (into: Map<string, number>, key: string) => into.set(key, (into.get(key) ?? 0) + ms);
    add(current.entries, label(outer));
    add(current.inner, label(inner));
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return runs
    .sort((a, b) => b.panelMs - a.panelMs)
    .slice(0, count)
    .map((s) => ({ panelMs: s.panelMs, atMs: s.atMs, entries: sorted(s.entries), inner: sorted(s.inner) }));
}

/** A run in one line for a benchmark's log. */
export function describeRun(run: PanelRun, top = 8): string {
  const list = (items: Array<[string, number]>) => items.slice(0, top).map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ');
  return `${run.panelMs.toFixed(1)} ms at ${(run.atMs / 1000).toFixed(1)} s; called as: ${list(run.entries)}; in: ${list(run.inner)}`;
}

/**
 * The source map of the packaged panel script, when dist/ holds the production build (packaging builds it, its maps
 * written apart): to be read before anything rebuilds dist/.
 */
export function packagedPanelMap(): TraceMap | undefined {
  const file = path.join(__dirname, '..', '..', '..', 'dist', 'webview.js');
  const bundle = fs.readFileSync(file, 'utf8');
  if (/sourceMappingURL=/.test(bundle) || !fs.existsSync(`${file}.map`)) {
    console.log('  (dist/ holds no production build with its map apart: the panel\'s functions are shown by their minified names)');
    return undefined;
  }
  return new TraceMap(fs.readFileSync(`${file}.map`, 'utf8'));
}

/** Profiles the page; the returned function stops and logs where the page's time went and the panel's longest runs. */
export async function startPanelProfile(page: Page, map: TraceMap | undefined): Promise<() => Promise<void>> {
  const stop = await startCpuProfile(page);
  return async () => {
    const profile = await stop();
    const workbench = summarize(profile, await sourceMaps(profile));
    console.log(`  CPU profile (sampling slows the page): busy ${Math.round(workbench.busyMs)} of ${Math.round(workbench.totalMs)} ms; by source: ${workbench.topFiles.slice(0, 14).map(([name, ms]) => `${name.slice(0, 80)} ${Math.round(ms)}`).join(', ')}`);
    const runs = panelRuns(profile, map);
    console.log(`  the panel's ${runs.length} longest runs of script:`);
    for (const run of runs) {
      console.log(`    ${describeRun(run)}`);
    }
  };
}
