// The tool-use part of the canned answer: which client tool the request wants called, and an input for it that
// fits the tool's schema, so a tool_use round trip can be exercised without a model.
import { isObject, placeName, quote, withoutDirectives } from './conversation';
import type { JsonObject } from './types';
import type { MessagesRequest, ToolDefinition } from './validate';

const CLIENT_TOOL_TYPES = /^(custom|bash_|text_editor_|memory_|computer_|browser_)/;

function isClientTool(tool: ToolDefinition): boolean {
  return tool.type === undefined || CLIENT_TOOL_TYPES.test(tool.type);
}

/** Lower-case words of four letters or more, cut to their first six so that "weather" and "weathers" meet. */
function stems(text: string): Set<string> {
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4);
  return new Set(words.map((w) => w.slice(0, 6)));
}

/** The tool whose name and description share the most words with the message; the first one on a tie or none. */
function bestMatch(tools: ToolDefinition[], userText: string): ToolDefinition {
  const asked = stems(userText);
  let best = tools[0];
  let bestScore = 0;
  for (const tool of tools) {
    const score = [...stems(`${tool.name} ${tool.description ?? ''}`)].filter((s) => asked.has(s)).length;
    if (score > bestScore) {
      best = tool;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The client tool to call, if any. `tool_choice: none`: none. `tool`: that one. Otherwise a tool named in the last
 * user message, else the best match by words, else the first: with client tools on offer and `auto`, a text turn
 * from the user is always answered with a tool call, so the first turn of a tool-use exchange can be seen.
 * `forced` (tool_choice any or tool) means no text before the call, as the API does when it forces tool use.
 */
export function chooseTool(request: MessagesRequest, userText: string): { tool: ToolDefinition; forced: boolean } | undefined {
  const clientTools = request.tools.filter(isClientTool);
  const choice = request.toolChoice;
  if (choice?.type === 'none' || clientTools.length === 0) {
    return undefined;
  }
  if (choice?.type === 'tool') {
    const tool = clientTools.find((t) => t.name === choice.name);
    return tool && { tool, forced: true };
  }
  const text = withoutDirectives(userText);
  const lower = text.toLowerCase();
  const mentioned = clientTools.find((t) => lower.includes(t.name.toLowerCase()));
  return { tool: mentioned ?? bestMatch(clientTools, text), forced: choice?.type === 'any' };
}

/** Follows a local `$ref` ("#/$defs/x", "#/definitions/x"); anything else is left as it is. */
function resolve(schema: unknown, root: unknown): unknown {
  if (isObject(schema) && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of schema.$ref.slice(2).split('/')) {
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return target ?? {};
  }
  return schema;
}

/** allOf: the parts merged (properties and required lists joined), which is what a valid value must satisfy. */
function merged(schema: JsonObject, root: unknown): JsonObject {
  if (!Array.isArray(schema.allOf)) {
    return schema;
  }
  const out: JsonObject = { ...schema };
  delete out.allOf;
  for (const part of schema.allOf.map((p) => resolve(p, root))) {
    if (isObject(part)) {
      const properties = { ...(isObject(out.properties) ? out.properties : {}), ...(isObject(part.properties) ? part.properties : {}) };
      const required = [...(Array.isArray(out.required) ? out.required : []), ...(Array.isArray(part.required) ? part.required : [])];
      Object.assign(out, part, { properties, required: [...new Set(required)] });
    }
  }
  return out;
}

/**
 * A value valid against a JSON schema, drawn from the property's name and the user's words where that helps:
 * const, default, enum, anyOf/oneOf (the first), allOf, local $ref, and the usual bounds of strings, numbers, arrays
 * and objects. Not handled: `pattern` (no string is made to match it) and `not`.
 */
export function sampleFromSchema(schema: unknown, name: string, userText: string, depth = 0, root: unknown = schema): unknown {
  const resolved = resolve(schema, root);
  if (!isObject(resolved) || depth > 6) {
    return 'example';
  }
  const s = merged(resolved, root);
  if ('const' in s) {
    return s.const;
  }
  if ('default' in s) {
    return s.default;
  }
  if (Array.isArray(s.enum) && s.enum.length > 0) {
    return s.enum[0];
  }
  const variants = (s.anyOf ?? s.oneOf) as unknown;
  if (Array.isArray(variants) && variants.length > 0) {
    return sampleFromSchema(variants[0], name, userText, depth + 1, root);
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'string':
      return fitString(sampleString(name, userText, s.format), s);
    case 'integer':
    case 'number':
      return sampleNumber(s, type === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      const max = typeof s.maxItems === 'number' ? s.maxItems : Infinity;
      const count = Math.min(Math.max(1, min), max);
      const items = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      return Array.from({ length: count }, (_, i) => sampleFromSchema(items[i] ?? s.items, name, userText, depth + 1, root));
    }
    case 'object':
    default: {
      const properties = isObject(s.properties) ? s.properties : {};
      const required = Array.isArray(s.required) ? (s.required as string[]) : Object.keys(properties);
      const out: JsonObject = {};
      for (const key of required) {
        out[key] = sampleFromSchema(properties[key] ?? {}, key, userText, depth + 1, root);
      }
      return out;
    }
  }
}

function sampleNumber(s: JsonObject, integer: boolean): number {
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const step = num(s.multipleOf);
  let low = num(s.minimum) ?? (num(s.exclusiveMinimum) !== undefined ? num(s.exclusiveMinimum)! + (integer || step ? 1 : 0.5) : undefined);
  const high = num(s.maximum) ?? (num(s.exclusiveMaximum) !== undefined ? num(s.exclusiveMaximum)! - (integer || step ? 1 : 0.5) : undefined);
  if (low === undefined) {
    low = high !== undefined ? Math.min(1, high) : 1;
  }
  let value = integer ? Math.ceil(low) : low;
  if (step) {
    value = Math.ceil(value / step) * step;
  }
  return value;
}

function fitString(text: string, s: JsonObject): string {
  let out = text;
  if (typeof s.maxLength === 'number') {
    out = [...out].slice(0, s.maxLength).join('');
  }
  if (typeof s.minLength === 'number' && [...out].length < s.minLength) {
    out = out.padEnd(s.minLength, '.');
  }
  return out;
}

function sampleString(name: string, userText: string, format: unknown): string {
  switch (format) {
    case 'date':
      return '2026-11-30';
    case 'date-time':
      return '2026-11-30T12:00:00Z';
    case 'time':
      return '12:00:00Z';
    case 'email':
      return 'someone@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    default:
  }
  const key = name.toLowerCase();
  const text = withoutDirectives(userText);
  if (/(location|city|place|address|destination|country|region)/.test(key)) {
    return placeName(text) ?? 'San Francisco, CA';
  }
  if (/(url|link|href)/.test(key)) {
    return 'https://example.com';
  }
  if (/(path|file)/.test(key)) {
    return '/tmp/example.txt';
  }
  if (/(command|cmd)/.test(key)) {
    return 'echo stand-in';
  }
  if (/(query|search|question|prompt|text|q$)/.test(key)) {
    return quote(text || 'example', 100);
  }
  return 'example';
}

/** The input Claude would send a client tool: from its schema, or the usual first command of a known tool. */
export function toolInput(tool: ToolDefinition, userText: string): unknown {
  const type = tool.type ?? 'custom';
  if (type.startsWith('bash_')) {
    return { command: 'echo stand-in' };
  }
  if (type.startsWith('text_editor_')) {
    return { command: 'view', path: '/tmp/example.txt' };
  }
  if (type.startsWith('memory_')) {
    return { command: 'view', path: '/memories' };
  }
  if (type.startsWith('computer_') || type.startsWith('browser_')) {
    return { action: 'screenshot' };
  }
  return sampleFromSchema(tool.input_schema ?? { type: 'object' }, tool.name, userText);
}

/** The text of a tool_result's content: its string, or its text blocks (other blocks named in brackets). */
export function toolResultText(block: JsonObject): string {
  const content = block.content;
  if (typeof content === 'string') {
    return content;
  }
  if (!Array.isArray(content)) {
    return '';
  }
  return content.map((c: unknown) => (isObject(c) && typeof c.text === 'string' ? c.text : isObject(c) ? `[${String(c.type)}]` : '')).join(' ');
}
