// A block-aware diff of two answers' content: blocks are matched by position and type, text and thinking are diffed
// word by word, tool input key by key, and any other block as a whole. Data only, for the panel and the CLI.
import { diffWordsWithSpace } from 'diff';
import type { CallRecord } from '../callRecord';

export type Change = 'same' | 'added' | 'removed' | 'changed';

/** A run of text that both answers share, or that only A (removed) or only B (added) has. */
export interface TextPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

/** One key of a tool's input: its value on each side (absent on a side that lacks the key). */
export interface KeyDiff {
  key: string;
  change: Change;
  a?: unknown;
  b?: unknown;
}

interface BlockBase {
  /** The block's position in `content` (the same on both sides: blocks are matched by position). */
  index: number;
  /** The block's type: on both sides, or on the one side that has it. */
  type: string;
  /** `added`: only B has a block here; `removed`: only A; otherwise whether the two differ. */
  change: Change;
}

export type BlockDiff =
  /** text and thinking: the words of A and B interleaved; joined, the unremoved parts are B and the unadded A. */
  | (BlockBase & { kind: 'text'; parts: TextPart[] })
  /** tool_use, server_tool_use, mcp_tool_use: the tool's name on each side and the input key by key. */
  | (BlockBase & { kind: 'tool'; name: { a?: string; b?: string }; keys: KeyDiff[] })
  /** Any other block: the whole block on each side. */
  | (BlockBase & { kind: 'block'; a?: unknown; b?: unknown });

/**
 * A word diff costs about (length × differences): past this many differing words, or this long, a text block is
 * shown as replaced whole, so that two long unrelated answers never freeze the panel or the CLI.
 */
const MAX_EDIT_WORDS = 2_000;
const MAX_DIFF_MS = 1_000;

const TEXT_FIELD: Record<string, string> = { text: 'text', thinking: 'thinking' };
const TOOL_TYPES = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

/** The content of A's answer against B's. A call without an answer counts as one with no blocks. */
export function compareContent(a: CallRecord, b: CallRecord): BlockDiff[] {
  return compareBlocks(contentOf(a), contentOf(b));
}

export function compareBlocks(left: readonly unknown[], right: readonly unknown[]): BlockDiff[] {
  const out: BlockDiff[] = [];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const a = left[index];
    const b = right[index];
    const typeA = index < left.length ? typeOf(a) : undefined;
    const typeB = index < right.length ? typeOf(b) : undefined;
    if (typeA !== undefined && typeA === typeB) {
      out.push(sameType(index, typeA, a, b));
      continue;
    }
    // Different types at one position are not two versions of one block: A's goes, B's comes.
    if (typeA !== undefined) {
      out.push(oneSide(index, typeA, a, 'removed'));
    }
    if (typeB !== undefined) {
      out.push(oneSide(index, typeB, b, 'added'));
    }
  }
  return out;
}

/** Whether the two answers' content differs at all. */
export function contentChanged(diff: readonly BlockDiff[]): boolean {
  return diff.some((block) => block.change !== 'same');
}

function sameType(index: number, type: string, a: unknown, b: unknown): BlockDiff {
  const field = TEXT_FIELD[type];
  if (field) {
    const parts = diffText(stringField(a, field), stringField(b, field));
    return { index, type, kind: 'text', change: parts.every((p) => p.change === 'same') ? 'same' : 'changed', parts };
  }
  if (TOOL_TYPES.has(type)) {
    const nameA = stringField(a, 'name');
    const nameB = stringField(b, 'name');
    const keys = diffKeys(field_(a, 'input'), field_(b, 'input'));
    const change = nameA === nameB && keys.every((k) => k.change === 'same') ? 'same' : 'changed';
    return { index, type, kind: 'tool', change, name: { a: nameA, b: nameB }, keys };
  }
  return { index, type, kind: 'block', change: canonical(a) === canonical(b) ? 'same' : 'changed', a, b };
}

function oneSide(index: number, type: string, block: unknown, change: 'added' | 'removed'): BlockDiff {
  const side = change === 'added' ? 'b' : 'a';
  const field = TEXT_FIELD[type];
  if (field) {
    return { index, type, kind: 'text', change, parts: [{ text: stringField(block, field), change }] };
  }
  if (TOOL_TYPES.has(type)) {
    const input = field_(block, 'input');
    const keys = diffKeys(change === 'removed' ? input : undefined, change === 'added' ? input : undefined);
    return { index, type, kind: 'tool', change, name: { [side]: stringField(block, 'name') }, keys };
  }
  return { index, type, kind: 'block', change, [side]: block };
}

/** Word-level, whitespace kept exactly (so that the parts put together give back each side's text). */
export function diffText(a: string, b: string): TextPart[] {
  if (a === b) {
    return a === '' ? [] : [{ text: a, change: 'same' }];
  }
  const changes = diffWordsWithSpace(a, b, { maxEditLength: MAX_EDIT_WORDS, timeout: MAX_DIFF_MS });
  if (!changes) {
    // Too different to diff word by word in reasonable time: A replaced by B.
    return [
      ...(a ? [{ text: a, change: 'removed' as const }] : []),
      ...(b ? [{ text: b, change: 'added' as const }] : []),
    ];
  }
  return changes.map((c) => ({ text: c.value, change: c.added ? 'added' : c.removed ? 'removed' : 'same' }));
}

/**
 * Key by key: A's keys in A's order, then the keys only B has. An input that is not an object (a tool's cut-off
 * JSON is kept as text) is one value, under the key "".
 */
export function diffKeys(a: unknown, b: unknown): KeyDiff[] {
  const aObject = isPlainObject(a);
  const bObject = isPlainObject(b);
  if ((a !== undefined && !aObject) || (b !== undefined && !bObject)) {
    return [keyDiff('', a, b)];
  }
  const left = (a ?? {}) as Record<string, unknown>;
  const right = (b ?? {}) as Record<string, unknown>;
  const keys = [...Object.keys(left), ...Object.keys(right).filter((k) => !Object.hasOwn(left, k))];
  return keys.map((key) => keyDiff(key, Object.hasOwn(left, key) ? left[key] : undefined, Object.hasOwn(right, key) ? right[key] : undefined));
}

function keyDiff(key: string, a: unknown, b: unknown): KeyDiff {
  if (a === undefined && b === undefined) {
    return { key, change: 'same' };
  }
  if (a === undefined) {
    return { key, change: 'added', b };
  }
  if (b === undefined) {
    return { key, change: 'removed', a };
  }
  return { key, change: canonical(a) === canonical(b) ? 'same' : 'changed', a, b };
}

/** JSON with object keys sorted: two values that differ only in key order are the same value. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (isPlainObject(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]));
    }
    return v;
  }) ?? 'undefined';
}

function contentOf(record: CallRecord): unknown[] {
  const content = record.message?.content;
  return Array.isArray(content) ? content : [];
}

function typeOf(block: unknown): string {
  const type = isPlainObject(block) ? block.type : undefined;
  return typeof type === 'string' ? type : 'unknown';
}

function field_(block: unknown, name: string): unknown {
  return isPlainObject(block) ? block[name] : undefined;
}

function stringField(block: unknown, name: string): string {
  const value = field_(block, name);
  return typeof value === 'string' ? value : '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
