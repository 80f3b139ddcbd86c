// A CPU profile of the workbench page (the DevTools protocol's sampling profiler) read through the workbench's
// source map, so that a benchmark can tell whose work filled the page's time. Long-frame attribution cannot: every
// long frame names the same minified bundle and a generic timer. The question a typing benchmark asks is whether
// the extension adds work to the page. Two measures, neither exact:
//   - the time with VS Code's RPC protocol (vs/workbench/services/extensions/common/rpcProtocol.ts) on the stack:
//     the page's exchanges with extension hosts (every extension's, VS Code's JSON server too), the messages it takes
//     and those it sends (a keystroke's document change); not what a reply's promise does later, nor the rendering a
//     message leads to in a later frame;
//   - the time with the code that shows CodeLenses and diagnostics on the stack, when it runs: that later rendering,
//     for what the extension provides (and the JSON server's diagnostics).
import type { Page } from 'playwright-core';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds between a sample and the one before it. */
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time in all, in ms (idle included). */
  totalMs: number;
  /** Time not idle. */
  busyMs: number;
  /** Time with the extension-host RPC protocol on the stack: the page's exchanges with extension hosts. */
  hostMessagesMs: number;
  /**
   * The most of it in one busy stretch of the page (from one idle sample to the next: a task, or a frame's tasks
   * run back to back), to hold against a frame budget.
   */
  longestHostMessageMs: number;
  /**
   * Time with code that shows what extensions provide on the stack (CodeLenses, diagnostics as markers and their
   * decorations), message handling or not: the page's later work on the extension's results.
   */
  showingResultsMs: number;
  /** Self time by VS Code source file (or native activity), every one, the largest first. */
  topFiles: Array<[string, number]>;
}

const HOST_MESSAGES = /\/rpcProtocol\.ts$/;
const SHOWING_RESULTS = /^vs\/(editor\/contrib\/codelens\/|editor\/common\/services\/markerDecorations|platform\/markers\/|workbench\/contrib\/markers\/)/;

/** Starts the page's sampling profiler; the returned function stops it and reads the profile. */
export async function startSourceProfile(page: Page): Promise<() => Promise<ProfileSummary>> {
  const stop = await startCpuProfile(page);
  return async () => {
    const profile = await stop();
    return summarize(profile, await sourceMaps(profile));
  };
}

/**
 * Starts the sampling profiler of the page's renderer (its frames in the same process too: a webview's iframe, in
 * code-server); the returned function stops it and gives the raw profile.
 */
export async function startCpuProfile(page: Page): Promise<() => Promise<CpuProfile>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  // 0.2 ms: fine enough to see a 10 ms message handling, cheap enough not to slow the page much.
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach().catch(() => undefined);
    return profile as CpuProfile;
  };
}

/** The source map of every script URL in the profile that has one next to it (fetched from the same server). */
export async function sourceMaps(profile: CpuProfile): Promise<Map<string, TraceMap>> {
  const urls = new Set(profile.nodes.map((n) => n.callFrame.url).filter((url) => /^https?:.*\.js$/.test(url)));
  const maps = new Map<string, TraceMap>();
  for (const url of urls) {
    const response = await fetch(`${url}.map`, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
    if (response?.ok) {
      maps.set(url, new TraceMap(await response.text()));
    }
  }
  if (![...maps.keys()].some((url) => url.endsWith('/workbench.js'))) {
    throw new Error(`No source map for the workbench's script among ${[...urls].join(', ') || 'no script URL'}: its time cannot be attributed`);
  }
  return maps;
}

/** A profile's nodes by id, and each node's parent (the profile lists children only). */
export function profileTree(profile: CpuProfile): { nodes: Map<number, ProfileNode>; parents: Map<number, number> } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const child of n.children ?? []) {
      parents.set(child, n.id);
    }
  }
  return { nodes, parents };
}

export function summarize(profile: CpuProfile, maps: Map<string, TraceMap>): ProfileSummary {
  const { nodes, parents } = profileTree(profile);
  const names = new Map<number, string>();
  const sourceOf = (id: number): string => {
    let name = names.get(id);
    if (name === undefined) {
      const { url, lineNumber, columnNumber, functionName } = nodes.get(id)!.callFrame;
      const map = maps.get(url);
      const source = map ? originalPositionFor(map, { line: lineNumber + 1, column: columnNumber }).source : null;
      name = source ? source.replace(/^.*\/src\/vs\//, 'vs/') : url || functionName;
      names.set(id, name);
    }
    return name;
  };
  /** Whether a frame from a source `pattern` matches is on the stack of the node `id` (memoized per pattern). */
  const onStack = (pattern: RegExp) => {
    const known = new Map<number, boolean>();
    const test = (id: number): boolean => {
      let found = known.get(id);
      if (found === undefined) {
        const parent = parents.get(id);
        found = pattern.test(sourceOf(id)) || (parent !== undefined && test(parent));
        known.set(id, found);
      }
      return found;
    };
    return test;
  };
  const handlingHostMessage = onStack(HOST_MESSAGES);
  const showingResults = onStack(SHOWING_RESULTS);
  const self = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  let hostMessagesMs = 0;
  let showingResultsMs = 0;
  let stretch = 0;
  let longestHostMessageMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = sourceOf(id);
    totalMs += ms;
    self.set(name, (self.get(name) ?? 0) + ms);
    if (name === '(idle)') {
      idleMs += ms;
    }
    if (showingResults(id)) {
      showingResultsMs += ms;
    }
    if (handlingHostMessage(id)) {
      hostMessagesMs += ms;
      stretch += ms;
      longestHostMessageMs = Math.max(longestHostMessageMs, stretch);
    } else if (name === '(idle)') {
      stretch = 0;
    }
  });
  // Every file, so that stretches can be added up exactly (bench/workbenchTyping.ts); printed shorter.
  const topFiles = [...self].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]);
  return { totalMs, busyMs: totalMs - idleMs, hostMessagesMs, longestHostMessageMs, showingResultsMs, topFiles };
}
