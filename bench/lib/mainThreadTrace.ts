// The renderer main thread's tasks from a Chromium trace, by CPU time: on a shared machine a task's wall time grows
// with the load (the thread waits for a core), its thread time (tdur) does not. Used to tell the page's own cost
// per task from the machine's.
import type { Browser, Page } from 'playwright-core';

export interface TaskTimes {
  /** Thread (CPU) time of each top-level task on the page's main thread, in ms. */
  cpuMs: number[];
  /** Wall time of the same tasks, in ms. */
  wallMs: number[];
  /** CPU time by trace event name (every level), in ms, largest first: where the time went. */
  byName: Array<[string, number]>;
  /** The longest tasks by CPU time, each with the CPU time of what ran inside it, by event name. */
  longest: Array<{ cpuMs: number; atMs: number; inside: Array<[string, number]> }>;
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
}

/** The events of a stopped trace. */
export async function traceEvents(browser: Browser): Promise<TraceEvent[]> {
  return (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** The page's main thread (the CrRendererMain thread with the most tasks, as "pid:tid") and its top-level tasks. */
export function mainThreadTasks(events: TraceEvent[]): { main: string; tasks: TraceEvent[] } {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    // One event per task: Chromium writes both names, one inside the other.
    if (e.ph === 'X' && mains.has(key) && e.name === 'ThreadControllerImpl::RunTask') {
      const tasks = byThread.get(key);
      if (tasks) {
        tasks.push(e);
      } else {
        byThread.set(key, [e]);
      }
    }
  }
  const [main, tasks] = [...byThread].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  return { main, tasks };
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'];

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: CATEGORIES });
}

/** Stops the trace and reads the main thread's tasks (the CrRendererMain thread with the most of them). */
export async function stopTrace(browser: Browser): Promise<TaskTimes> {
  const events = await traceEvents(browser);
  const { main, tasks } = mainThreadTasks(events);
  if (tasks.length === 0) {
    throw new Error('the trace holds no task of the page\'s main thread (CrRendererMain): nothing to measure');
  }
  const byName = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.tdur !== undefined) {
      byName.set(e.name, (byName.get(e.name) ?? 0) + e.tdur / 1000);
    }
  }
  const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.tdur !== undefined && e.ts !== undefined);
  const longest = [...tasks]
    .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
    .slice(0, 10)
    .map((task) => {
      const inside = new Map<string, number>();
      const start = task.ts ?? 0;
      const end = start + (task.dur ?? 0);
      for (const e of onMain) {
        if (e !== task && (e.ts ?? 0) >= start && (e.ts ?? 0) < end) {
          inside.set(e.name, (inside.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000);
        }
      }
      return { cpuMs: (task.tdur ?? 0) / 1000, atMs: (start - (tasks[0]?.ts ?? 0)) / 1000, inside: [...inside].sort((a, b) => b[1] - a[1]).slice(0, 12) };
    });
  return {
    longest,
    cpuMs: tasks.map((t) => (t.tdur ?? 0) / 1000),
    wallMs: tasks.map((t) => (t.dur ?? 0) / 1000),
    byName: [...byName].sort((a, b) => b[1] - a[1]),
  };
}
