// The tool-use part of the canned answer: which client tool the request wants called, and an input for it that
// fits the tool's schema, so a tool_use round trip can be exercised without a model.
import { isObject, quote, withoutDirectives } from './conversation';
import type { JsonObject } from './types';
import type { MessagesRequest, ToolDefinition } from './validate';

const CLIENT_TOOL_TYPES = /^(custom|bash_|text_editor_|memory_|computer_|browser_)/;

function isClientTool(tool: ToolDefinition): boolean {
  return tool.type === undefined || CLIENT_TOOL_TYPES.test(tool.type);
}

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
  const lower = userText.toLowerCase();
  const mentioned = clientTools.find((t) => lower.includes(t.name.toLowerCase()));
  if (mentioned) {
    return { tool: mentioned, forced: choice?.type === 'any' };
  }
  return choice?.type === 'any' ? { tool: clientTools[0], forced: true } : undefined;
}

/** A value that fits a JSON schema, drawn from the property's name and the user's words where that helps. */
export function sampleFromSchema(schema: unknown, name: string, userText: string, depth = 0): unknown {
  if (!isObject(schema) || depth > 5) {
    return 'example';
  }
  if ('const' in schema) {
    return schema.const;
  }
  if ('default' in schema) {
    return schema.default;
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[0];
  }
  const variants = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(variants) && variants.length > 0) {
    return sampleFromSchema(variants[0], name, userText, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return sampleString(name, userText);
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [sampleFromSchema(schema.items, name, userText, depth + 1)];
    case 'object':
    default: {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : Object.keys(properties);
      const out: JsonObject = {};
      for (const key of required) {
        out[key] = sampleFromSchema(properties[key], key, userText, depth + 1);
      }
      return out;
    }
  }
}

function sampleString(name: string, userText: string): string {
  const key = name.toLowerCase();
  if (/(location|city|place|address)/.test(key)) {
    return 'San Francisco, CA';
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
    return quote(withoutDirectives(userText) || 'example', 100);
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

export function toolResultSummary(block: JsonObject): string {
  const content = block.content;
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((c: unknown) => (isObject(c) && typeof c.text === 'string' ? c.text : isObject(c) ? `[${String(c.type)}]` : '')).join(' ')
        : '';
  const status = block.is_error === true ? 'the tool reported an error' : 'the tool succeeded';
  return `${String(block.tool_use_id)} (${status}): "${quote(text, 200)}"`;
}
