// How the secrets found in a text become masks: finds that overlap are merged into one, with one replacement.
import { KEY_MASK, KEY_PREFIX, MASK } from './redact';

export interface Match {
  start: number;
  end: number;
  replacement: string;
  /** Higher wins when two matches cover the same text. */
  priority: number;
}

/** Overlapping matches become one; the replacement of a match that covers exactly the group wins, else a mask. */
export function mergeOverlapping(matches: Match[], text: string): Match[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end || b.priority - a.priority);
  const groups: Match[] = [];
  let members: Match[] = [];
  const close = () => {
    if (members.length === 0) {
      return;
    }
    const start = members[0].start;
    const end = Math.max(...members.map((m) => m.end));
    const exact = members.filter((m) => m.start === start && m.end === end).sort((a, b) => b.priority - a.priority)[0];
    const widened = text.slice(start, start + KEY_PREFIX.length).toLowerCase() === KEY_PREFIX ? KEY_MASK : MASK;
    groups.push({ start, end, priority: 0, replacement: exact?.replacement ?? widened });
    members = [];
  };
  let end = -1;
  for (const m of matches) {
    if (m.start >= end) {
      close();
    }
    members.push(m);
    end = Math.max(end, m.end);
  }
  close();
  return groups;
}
