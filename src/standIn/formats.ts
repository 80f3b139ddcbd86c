// Answers in the format a request sets, as a model that follows instructions would write them: the JSON schema of
// `output_config.format`; a JSON object when the system prompt or the message asks for JSON (shaped like the
// template it gives, if any); and a tagged list when a stop sequence closes a tag (`</list>`). The values are picked
// by rules (a word of the message, the first choice), never by understanding: every one says it is the stand-in's.
import { isObject, quote, withoutDirectives } from './conversation';
import type { Family } from './family';
import { sampleFromSchema } from './tools';
import type { MessagesRequest } from './validate';

/** The text of the system prompt: a string, or its text blocks joined. */
export function systemText(request: MessagesRequest): string {
  const system = request.body.system;
  if (typeof system === 'string') {
    return system;
  }
  if (Array.isArray(system)) {
    return system.map((b: unknown) => (isObject(b) && typeof b.text === 'string' ? b.text : '')).join('\n');
  }
  return '';
}

/** output_config.format (type json_schema): a JSON text valid against its schema. */
export function structuredOutput(request: MessagesRequest, userText: string): string | undefined {
  const config = request.body.output_config;
  const format = isObject(config) ? config.format : undefined;
  if (!isObject(format) || format.type !== 'json_schema' || !isObject(format.schema)) {
    return undefined;
  }
  return JSON.stringify(sampleFromSchema(format.schema, 'output', withoutDirectives(userText)));
}

/** The sentence a JSON answer gives as its free-text value: longer for a more verbose family. */
function reasonSentence(family: Family): string {
  switch (family.verbosity) {
    case 0:
      return '(stand-in) Picked by matching words of the message, not by reading it.';
    case 1:
      return '(stand-in) Each value was picked by a fixed rule: a choice whose word appears in the message, else the first choice; no model read the message.';
    default:
      return '(stand-in) Each value was picked by a fixed rule, not by judgement: for a list of choices, the first one whose word appears in the message, else the first one; free text such as this sentence is the stand-in describing itself. A real model would weigh the message and explain its choice in its own words.';
  }
}

/** The first balanced `{…}` in a text that holds a `"key":`, i.e. a JSON template a prompt gives. */
function templateIn(text: string): string | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      if (text[i] === '{') {
        depth++;
      } else if (text[i] === '}' && --depth === 0) {
        const candidate = text.slice(start, i + 1);
        if (/"[^"]+"\s*:/.test(candidate)) {
          return candidate;
        }
        break;
      }
    }
  }
  return undefined;
}

/** A value for one key of a template: `"a" | "b"` picks a choice, `"<…>"` gets a sentence, a literal stays. */
function templateValue(raw: string, userText: string, family: Family): unknown {
  const choices = [...raw.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  if (choices.length > 1) {
    const lower = userText.toLowerCase();
    return choices.find((c) => new RegExp(`\\b${c.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower)) ?? choices[0];
  }
  if (choices.length === 1) {
    return /^<.*>$|^\.\.\.$|^…$/.test(choices[0]) || choices[0] === '' ? reasonSentence(family) : choices[0];
  }
  try {
    return JSON.parse(raw.trim());
  } catch {
    return reasonSentence(family);
  }
}

/** A JSON object when the system prompt or the message asks for JSON; shaped like its template when it has one. */
export function jsonAnswer(request: MessagesRequest, userText: string, family: Family): string | undefined {
  const system = systemText(request);
  const text = withoutDirectives(userText);
  // Asked for: "JSON" in the system prompt, or "in JSON", "as a JSON object", "reply with JSON" in the message; a
  // message that merely names a file.json is not asking.
  const asked = /\bJSON\b/.test(system) || /\b(?:in|as|with|return|reply|answer|respond|output)\s+(?:a\s+|one\s+|only\s+|valid\s+)?JSON\b/i.test(text);
  if (!asked) {
    return undefined;
  }
  const instructions = `${system}\n${text}`;
  const template = templateIn(instructions);
  const out: Record<string, unknown> = {};
  if (template) {
    const pair = /"([^"]+)"\s*:\s*((?:"[^"]*"(?:\s*\|\s*"[^"]*")*)|[^,}]+)/g;
    for (const [, key, raw] of template.matchAll(pair)) {
      out[key] = templateValue(raw, withoutDirectives(userText), family);
    }
  }
  if (Object.keys(out).length === 0) {
    out.answer = `(stand-in) You said: "${quote(withoutDirectives(userText), 200)}"`;
    out.note = reasonSentence(family);
  }
  return JSON.stringify(out);
}

/**
 * A stop sequence that closes a tag (`</list>`): the answer opens the tag and lists the parts of the message (split
 * at semicolons, lines or sentences, after a leading "Summarise for users:"), at most four, then a line of its own.
 * The closing tag itself is written by the caller, and the stop sequence ends the answer there.
 */
export function taggedList(request: MessagesRequest, userText: string, family: Family): string | undefined {
  const tag = request.stopSequences.map((s) => /^<\/([\w.-]+)>$/.exec(s)?.[1]).find(Boolean);
  if (!tag) {
    return undefined;
  }
  const text = withoutDirectives(userText);
  const colon = text.indexOf(':');
  const body = colon >= 0 && colon < 80 ? text.slice(colon + 1) : text;
  const items = body
    .split(/;|\n+|(?<=[.!?])\s+/)
    .map((item) => item.trim().replace(/[.;]+$/, ''))
    .filter(Boolean)
    .slice(0, 4)
    .map((item) => `- ${item[0].toUpperCase()}${item.slice(1)}`);
  const note =
    family.verbosity === 0
      ? '- (stand-in) Restated from your message.'
      : family.verbosity === 1
        ? '- (stand-in) Each point restates a part of your message; a real model would rewrite them.'
        : '- (stand-in) Each point restates one part of your message, in its order; a real model would rewrite them for their readers. The stand-in only follows the format that your system prompt and stop sequence set.';
  return `<${tag}>\n${[...items, note].join('\n')}\n`;
}
