// A list of calls, newest first, narrowed by a filter: what the History view and `history list` show. It reads the
// index only (calls.ts), parses the lines it shows, and checks that each listed call's file is still whole (its size
// is the one its line says) before showing it: a file cut short or damaged since is read again, or skipped.
import type { HistoryEntry, HistoryListOptions } from '../../shared/history';
import type { CallsOnDisk } from './calls';
import { matchesFilter } from './entry';

export async function listCalls(calls: CallsOnDisk, options: HistoryListOptions = {}): Promise<HistoryEntry[]> {
  await calls.reconcile();
  const limit = options.limit ?? Infinity;
  const needle = options.filter?.text?.trim().toLowerCase().replace(/\s+/g, ' ');
  // The lines of the index the word is in: every other index line cannot match (a line read from a call file can).
  const maybe = needle ? calls.slotsContaining(needle) : undefined;
  const out: HistoryEntry[] = [];
  for (const slot of calls.newestFirst()) {
    if (out.length >= limit) {
      break;
    }
    if (maybe && slot.inIndex && !maybe.has(slot)) {
      continue;
    }
    const line = slot.line() ?? (await calls.lineOf(slot));
    if (line && matchesFilter(line.entry, line.search, options.filter) && (await calls.stillWhole(line))) {
      out.push(line.entry);
    }
  }
  return out;
}
