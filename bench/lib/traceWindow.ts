// The panel's main thread between two marks of a Chromium trace (console.timeStamp in the page, see
// catchUpProbe.ts), by CPU time: on a shared machine wall time grows with the load, a task's thread time does not.
// Also each task's style and layout CPU: a frame's script budget does not count the style and layout its DOM
// changes cause, so the longest task is shown with what of it was style and layout.
import type { Browser } from 'playwright-core';
import { mainThreadTasks, traceEvents, type TraceEvent } from './mainThreadTrace';

export interface TaskCost {
  /** CPU of the whole task, in ms. */
  cpuMs: number;
  /** CPU of its style recalculation (UpdateLayoutTree) and of its layout (Layout), in ms. */
  styleMs: number;
  layoutMs: number;
  /** What ran in it, by event name (the entry points: FunctionCall, FireAnimationFrame, HandlePostMessage...). */
  kinds: string[];
  /** When it began, in ms of the trace's clock. */
  atMs: number;
  /** For the longest tasks only: the CPU of what ran inside, by event name, largest first (GC, parsing, script...). */
  inside?: Array<[string, number]>;
}

const ENTRY_POINTS = new Set(['FireAnimationFrame', 'HandlePostMessage', 'TimerFire', 'EventDispatch', 'ParseHTML', 'FunctionCall']);

export interface TraceWindow {
  /** CPU time of each main-thread task of the whole trace, in ms. */
  taskCpuMs: number[];
  /** The same tasks with their style and layout CPU. */
  tasks: TaskCost[];
  /** The main-thread tasks that started between the marks: their CPU, their count, and the frames begun. */
  windowCpuMs: number;
  windowTasks: number;
  windowFrames: number;
  /** From the first mark to the second, in the trace's clock. */
  windowWallMs: number;
  /** The first mark, in ms of the trace's clock (TaskCost.atMs - fromMs: when a task ran after it). */
  fromMs: number;
}

/** Each task's style and layout CPU: the UpdateLayoutTree and Layout events inside it, on the same thread. */
function taskCosts(events: TraceEvent[], main: string, tasks: TraceEvent[]): TaskCost[] {
  const sorted = tasks.map((task, index) => ({ task, index })).sort((a, b) => (a.task.ts ?? 0) - (b.task.ts ?? 0));
  const costs: TaskCost[] = tasks.map((t) => ({ cpuMs: (t.tdur ?? 0) / 1000, styleMs: 0, layoutMs: 0, kinds: [], atMs: (t.ts ?? 0) / 1000 }));
  for (const e of events) {
    const entry = ENTRY_POINTS.has(e.name);
    if (e.ph !== 'X' || e.ts === undefined || e.tdur === undefined || `${e.pid}:${e.tid}` !== main || (e.name !== 'UpdateLayoutTree' && e.name !== 'Layout' && !entry)) {
      continue;
    }
    // The last task starting at or before the event holds it (tasks on one thread do not overlap).
    let low = 0;
    let high = sorted.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((sorted[mid].task.ts ?? 0) <= e.ts) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    const holder = found >= 0 ? sorted[found] : undefined;
    if (!holder || e.ts >= (holder.task.ts ?? 0) + (holder.task.dur ?? 0)) {
      continue;
    }
    const cost = costs[holder.index];
    if (entry) {
      if (!cost.kinds.includes(e.name)) {
        cost.kinds.push(e.name);
      }
    } else if (e.name === 'Layout') {
      cost.layoutMs += e.tdur / 1000;
    } else {
      cost.styleMs += e.tdur / 1000;
    }
  }
  // What ran inside the five longest, by name (the main thread's events within each task's span).
  const longest = [...costs.keys()].sort((a, b) => costs[b].cpuMs - costs[a].cpuMs).slice(0, 5);
  for (const index of longest) {
    const task = tasks[index];
    const from = task.ts ?? 0;
    const to = from + (task.dur ?? 0);
    const inside = new Map<string, number>();
    for (const e of events) {
      if (e !== task && e.ph === 'X' && e.tdur !== undefined && e.ts !== undefined && e.ts >= from && e.ts < to && `${e.pid}:${e.tid}` === main) {
        inside.set(e.name, (inside.get(e.name) ?? 0) + e.tdur / 1000);
      }
    }
    costs[index].inside = [...inside].sort((a, b) => b[1] - a[1]);
  }
  return costs;
}

/** Stops the trace begun with mainThreadTrace's startTrace and reads the main thread between `from` and `to`. */
export async function stopTraceWindow(browser: Browser, from: string, to: string): Promise<TraceWindow> {
  const events = await traceEvents(browser);
  const { main, tasks } = mainThreadTasks(events);
  const mark = (message: string): number | undefined =>
    events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === message && e.ts !== undefined).map((e) => e.ts as number).pop();
  const start = mark(from);
  const end = mark(to);
  if (start === undefined || end === undefined) {
    throw new Error(`the trace has no ${start === undefined ? from : to} mark (console.timeStamp in the page)`);
  }
  const inside = tasks.filter((t) => (t.ts ?? 0) >= start && (t.ts ?? 0) < end);
  const frames = events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'WebFrameWidgetImpl::BeginMainFrame' && (e.ts ?? 0) >= start && (e.ts ?? 0) < end);
  return {
    taskCpuMs: tasks.map((t) => (t.tdur ?? 0) / 1000),
    tasks: taskCosts(events, main, tasks),
    windowCpuMs: inside.reduce((total, t) => total + (t.tdur ?? 0) / 1000, 0),
    windowTasks: inside.length,
    windowFrames: frames.length,
    windowWallMs: (end - start) / 1000,
    fromMs: start / 1000,
  };
}
