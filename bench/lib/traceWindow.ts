// The panel's main thread between two marks of a Chromium trace (console.timeStamp in the page, see
// catchUpProbe.ts), by CPU time: on a shared machine wall time grows with the load, a task's thread time does not.
import type { Browser } from 'playwright-core';
import { mainThreadTasks, traceEvents } from './mainThreadTrace';

export interface TraceWindow {
  /** CPU time of each main-thread task of the whole trace, in ms. */
  taskCpuMs: number[];
  /** The main-thread tasks that started between the marks: their CPU, their count, and the frames begun. */
  windowCpuMs: number;
  windowTasks: number;
  windowFrames: number;
  /** From the first mark to the second, in the trace's clock. */
  windowWallMs: number;
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
    windowCpuMs: inside.reduce((total, t) => total + (t.tdur ?? 0) / 1000, 0),
    windowTasks: inside.length,
    windowFrames: frames.length,
    windowWallMs: (end - start) / 1000,
  };
}
