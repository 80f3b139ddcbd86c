// Where two requests part, as the prompt cache reads them: how many elements they share from the start, and the JSON
// path of the first difference with a short excerpt of each side. cacheExplain.ts uses it to say why a call missed.
import { canonicalJson, type PrefixElement, sameElement } from './cachePrefix';

export interface PrefixDifference {
  /** The JSON path of the first difference, in this call's request (or the earlier one's, for a removed element). */
  path: string;
  /** changed: both have it, and it differs; added: only this call has it; removed: only the earlier call had it. */
  kind: 'changed' | 'added' | 'removed';
  /** The earlier call's text there (around the first differing character, for long texts). */
  before?: string;
  /** This call's text there. */
  after?: string;
}

const EXCERPT_BEFORE = 40;
const EXCERPT_AFTER = 80;

/** How many elements two requests share from the start. */
export function commonLength(a: PrefixElement[], b: PrefixElement[]): number {
  let i = 0;
  while (i < a.length && i < b.length && sameElement(a[i], b[i])) {
    i++;
  }
  return i;
}

/** A window of a long text around `at`, with … where it was cut. */
function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - EXCERPT_BEFORE);
  const end = Math.min(text.length, at + EXCERPT_AFTER);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

function shown(value: unknown, at = 0): string {
  return typeof value === 'string' ? excerpt(value, at) : excerpt(JSON.stringify(value ?? null), at);
}

/** The first place where two JSON values differ, as a path below `path`. */
function firstDifference(before: unknown, after: unknown, path: string): PrefixDifference {
  if (typeof before === 'string' && typeof after === 'string') {
    let at = 0;
    while (at < before.length && at < after.length && before[at] === after[at]) {
      at++;
    }
    return { path, kind: 'changed', before: excerpt(before, at), after: excerpt(after, at) };
  }
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = !bothArrays && !!before && !!after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before) && !Array.isArray(after);
  if (bothArrays) {
    const [a, b] = [before as unknown[], after as unknown[]];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) {
        return { path: `${path}[${i}]`, kind: 'added', after: shown(b[i]) };
      }
      if (i >= b.length) {
        return { path: `${path}[${i}]`, kind: 'removed', before: shown(a[i]) };
      }
      if (canonicalJson(a[i]) !== canonicalJson(b[i])) {
        return firstDifference(a[i], b[i], `${path}[${i}]`);
      }
    }
  } else if (bothObjects) {
    const [a, b] = [before as Record<string, unknown>, after as Record<string, unknown>];
    // In the order the call sends them, then keys only the earlier call had.
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    for (const key of keys) {
      const sub = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (!(key in a)) {
        return { path: sub, kind: 'added', after: shown(b[key]) };
      }
      if (!(key in b)) {
        return { path: sub, kind: 'removed', before: shown(a[key]) };
      }
      if (canonicalJson(a[key]) !== canonicalJson(b[key])) {
        return firstDifference(a[key], b[key], sub);
      }
    }
  }
  return { path, kind: 'changed', before: shown(before), after: shown(after) };
}

export function differenceAt(mine: PrefixElement[], theirs: PrefixElement[], index: number): PrefixDifference {
  if (index >= theirs.length) {
    return { path: mine[index].path, kind: 'added', after: shown(mine[index].value) };
  }
  if (index >= mine.length) {
    return { path: theirs[index].path, kind: 'removed', before: shown(theirs[index].value) };
  }
  const [a, b] = [theirs[index], mine[index]];
  if (a.role !== b.role) {
    const rolePath = b.path.replace(/\.content(\[\d+\])?$/, '.role');
    return { path: rolePath, kind: 'changed', before: a.role, after: b.role };
  }
  const textOf = (e: PrefixElement) => (e.fromString ? (e.value as { text: string }).text : e.value);
  if (a.fromString && b.fromString) {
    return firstDifference(textOf(a), textOf(b), b.path);
  }
  if (a.path.replace(/\[\d+\]$/, '') !== b.path.replace(/\[\d+\]$/, '')) {
    // The same place in the cache's order holds something else (a tool where a system block was...).
    return { path: b.path, kind: 'changed', before: `${a.path}: ${shown(textOf(a))}`, after: shown(textOf(b)) };
  }
  const found = firstDifference(a.value, b.value, b.path);
  // A plain string on this side: its text block's ".text" is the string itself.
  return b.fromString && found.path.startsWith(`${b.path}.text`) ? { ...found, path: b.path + found.path.slice(`${b.path}.text`.length) } : found;
}
