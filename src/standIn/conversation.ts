// Reading a request's conversation: the last user message, its text, its blocks. Shared by the canned answer,
// the tool-use answer and the limits.
import type { JsonObject } from './types';
import type { RequestMessage } from './validate';

/**
 * `[[stand-in: NAME]]` or `[[stand-in: NAME:NUMBER]]`, anywhere in a user message; `[[stand-in: NAME for MODEL]]`
 * holds only for requests to that model (a comparison sends the same text to every model).
 */
export const DIRECTIVE_PATTERN = /\[\[\s*stand-in\s*:\s*([a-z0-9_-]+(?:\s*:\s*\d+)?)(?:\s+for\s+([a-z0-9._-]+))?\s*\]\]/gi;

/** A directive as written: its name (with its number), and the model it is written `for`, if any. */
export interface Directive {
  name: string;
  model?: string;
}

/** The directives in a text that hold for a request to `model`, in order, lower-cased. */
export function directivesFor(text: string, model?: string): Directive[] {
  return [...text.matchAll(DIRECTIVE_PATTERN)]
    .filter((m) => m[2] === undefined || m[2].toLowerCase() === model?.toLowerCase())
    .map((m) => ({ name: m[1].toLowerCase().replace(/\s+/g, ''), ...(m[2] !== undefined ? { model: m[2].toLowerCase() } : {}) }));
}

/**
 * Their names: `[[stand-in: big:100]]` gives `big:100`; `[[stand-in: slow-fail for claude-opus-5-5]]` gives
 * `slow-fail` for that model and nothing for the others.
 */
export function parseDirectives(text: string, model?: string): string[] {
  return directivesFor(text, model).map((d) => d.name);
}

/** The text without its directives, for answers that quote what the person asked. */
export function withoutDirectives(text: string): string {
  return text.replace(DIRECTIVE_PATTERN, '').trim();
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function blocksOf(message: RequestMessage): JsonObject[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

/** The text a person wrote in a message: its string content or its text blocks. */
export function textOf(message: RequestMessage | undefined): string {
  if (!message) {
    return '';
  }
  return blocksOf(message)
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('\n');
}

export function lastUserMessage(messages: RequestMessage[]): RequestMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user') {
      return messages[i];
    }
  }
  return undefined;
}

/** The first `max` characters (code points) of `text`, with "…" when there were more. Reads no further than that. */
export function quote(text: string, max: number): string {
  let taken = 0;
  for (let i = 0; i < text.length; taken++) {
    if (taken === max) {
      return `${text.slice(0, i)}…`;
    }
    i += isPairAt(text, i) ? 2 : 1;
  }
  return text;
}

/** Characters (code points) in `text`, as `[...text].length`, without making an array of a 5 MB message. */
export function characterCount(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    if (isPairAt(text, i)) {
      pairs++;
      i++;
    }
  }
  return text.length - pairs;
}

/** Whether a surrogate pair (one character, two code units) starts at `i`. */
function isPairAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) {
    return false;
  }
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

export function describeNonText(message: RequestMessage | undefined): string {
  if (!message) {
    return 'no user message';
  }
  const counts = new Map<string, number>();
  for (const block of blocksOf(message)) {
    const type = String(block.type);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([type, n]) => `${n} ${type} block${n === 1 ? '' : 's'}`).join(', ');
}

/** Words that are capitalised for grammar, not because they name something. */
const NOT_NAMES = new Set(['I', "I'm", "I've", "I'll", "I'd", 'OK', 'Ok', 'Hi', 'Hello', 'Thanks', 'Please', 'Yes', 'No']);

export interface NameMention {
  name: string;
  /** Whether it opens a sentence (so may be capitalised only for that). */
  sentenceStart: boolean;
}

/**
 * Runs of capitalised words in a text ("Lisbon", "Pena Palace", "New York"), possessives dropped, each marked when
 * it opens a sentence. The stand-in's only means of noticing what a conversation is about.
 */
export function capitalisedRuns(text: string): NameMention[] {
  const out: NameMention[] = [];
  const pattern = /\p{Lu}[\p{L}\p{M}\p{N}'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}\p{N}'’-]*)*/gu;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    const before = text.slice(0, at).replace(/[\s"'“‘(*_#>-]+$/u, '');
    const sentenceStart = before === '' || /[.!?:\n]$/.test(before);
    const words = match[0].replace(/['’]s\b/gu, '').split(/[ \t]+/).filter((w) => !NOT_NAMES.has(w));
    if (words.length > 0) {
      out.push({ name: words.join(' '), sentenceStart });
    }
  }
  return out;
}

/** The first name of a place or thing in a text that is not just the first word of a sentence ("in Lisbon"). */
export function placeName(text: string): string | undefined {
  return capitalisedRuns(text).find((m) => !m.sentenceStart)?.name;
}
