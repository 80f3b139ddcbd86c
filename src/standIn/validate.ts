// Checks a Messages or count_tokens request the way the real API does, failing with its 400 messages (pydantic
// style: "max_tokens: Field required"). Fields the stand-in does not know pass: the real API grows faster than
// any copy of it, and an inspector must be able to send new fields.
import { checkPrefill, checkSentBackBlock } from './inputBlocks';
import { invalid } from './errors';
import type { JsonObject } from './types';

/** The versions the API accepts in `anthropic-version`. */
export const KNOWN_VERSIONS = ['2023-01-01', '2023-06-01', '2026-10-21'];
/** From this version on, sampling parameters are gone. */
export const STRICT_VERSION = '2026-10-21';

export interface RequestMessage {
  role: string;
  content: string | JsonObject[];
}

export interface ToolDefinition {
  name: string;
  type?: string;
  description?: string;
  input_schema?: JsonObject;
}

export interface MessagesRequest {
  body: JsonObject;
  version: string;
  model: string;
  /** Absent for count_tokens. */
  maxTokens?: number;
  messages: RequestMessage[];
  stream: boolean;
  stopSequences: string[];
  tools: ToolDefinition[];
  toolChoice?: JsonObject;
  thinking?: { type: string; budget_tokens?: number; display?: string };
}

export function checkVersion(version: string | undefined): string {
  if (version === undefined || version.trim() === '') {
    throw invalid('anthropic-version: header is required');
  }
  if (!KNOWN_VERSIONS.includes(version.trim())) {
    throw invalid(`anthropic-version: "${version}" is not a valid version. Valid versions: ${KNOWN_VERSIONS.join(', ')}`);
  }
  return version.trim();
}

export function checkContentType(contentType: string | undefined): void {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw invalid(`content-type: expected application/json, got ${contentType ? `"${contentType}"` : 'no content-type header'}`);
  }
}

export function parseJsonBody(text: string): JsonObject {
  if (text.trim() === '') {
    throw invalid('There was an issue with the request body: the body is empty, a JSON object was expected');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`There was an issue with the request body: invalid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('body: Input should be a valid dictionary');
  }
  return value as JsonObject;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Checks the body of POST /v1/messages (`forCount` false) or /v1/messages/count_tokens (`forCount` true). */
export function checkMessagesBody(body: JsonObject, version: string, forCount: boolean): MessagesRequest {
  if (body.model === undefined) {
    throw invalid('model: Field required');
  }
  if (typeof body.model !== 'string') {
    throw invalid('model: Input should be a valid string');
  }
  let maxTokens: number | undefined;
  if (!forCount) {
    if (body.max_tokens === undefined) {
      throw invalid('max_tokens: Field required');
    }
    if (!isInteger(body.max_tokens)) {
      throw invalid('max_tokens: Input should be a valid integer');
    }
    if (body.max_tokens < 0) {
      throw invalid('max_tokens: Input should be greater than or equal to 0');
    }
    maxTokens = body.max_tokens;
  }
  const messages = checkMessages(body.messages, version);

  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw invalid('stream: Input should be a valid boolean');
  }
  checkSampling(body, version);

  let stopSequences: string[] = [];
  if (body.stop_sequences !== undefined && body.stop_sequences !== null) {
    if (!Array.isArray(body.stop_sequences)) {
      throw invalid('stop_sequences: Input should be a valid list');
    }
    body.stop_sequences.forEach((s, i) => {
      if (typeof s !== 'string') {
        throw invalid(`stop_sequences.${i}: Input should be a valid string`);
      }
    });
    stopSequences = body.stop_sequences as string[];
  }

  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) {
    throw invalid('system: Input should be a valid string');
  }

  const tools = checkTools(body.tools);
  let toolChoice: JsonObject | undefined;
  if (body.tool_choice !== undefined) {
    if (!isObject(body.tool_choice) || typeof body.tool_choice.type !== 'string') {
      throw invalid('tool_choice: Input should be a valid dictionary with a "type"');
    }
    toolChoice = body.tool_choice;
    if (toolChoice.type === 'tool' && !tools.some((t) => t.name === toolChoice?.name)) {
      throw invalid(`tool_choice: tool "${String(toolChoice.name)}" is not in the request's tools`);
    }
  }

  const thinking = checkThinking(body.thinking, maxTokens);
  checkPrefill(messages, thinking as JsonObject | undefined);
  return {
    body,
    version,
    model: body.model,
    maxTokens,
    messages,
    stream: body.stream === true,
    stopSequences,
    tools,
    toolChoice,
    thinking,
  };
}

function checkMessages(value: unknown, version: string): RequestMessage[] {
  if (value === undefined) {
    throw invalid('messages: Field required');
  }
  if (!Array.isArray(value)) {
    throw invalid('messages: Input should be a valid list');
  }
  if (value.length === 0) {
    throw invalid('messages: at least one message is required');
  }
  value.forEach((message: unknown, i) => {
    if (!isObject(message)) {
      throw invalid(`messages.${i}: Input should be a valid dictionary`);
    }
    if (message.role === undefined) {
      throw invalid(`messages.${i}.role: Field required`);
    }
    if (message.role !== 'user' && message.role !== 'assistant' && message.role !== 'system') {
      throw invalid(`messages.${i}.role: Input should be 'user', 'assistant' or 'system'`);
    }
    if (message.content === undefined) {
      throw invalid(`messages.${i}.content: Field required`);
    }
    const isFinalAssistant = i === value.length - 1 && message.role === 'assistant';
    if (typeof message.content === 'string') {
      if (message.content === '' && !isFinalAssistant) {
        throw invalid(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
      }
      return;
    }
    if (!Array.isArray(message.content)) {
      throw invalid(`messages.${i}.content: Input should be a valid string or a valid list`);
    }
    if (message.content.length === 0 && !isFinalAssistant) {
      throw invalid(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
    }
    message.content.forEach((block: unknown, j) => {
      const where = `messages.${i}.content.${j}`;
      if (!isObject(block)) {
        throw invalid(`${where}: Input should be a valid dictionary`);
      }
      if (typeof block.type !== 'string') {
        throw invalid(`${where}.type: Field required`);
      }
      if (block.type === 'text' && typeof block.text !== 'string') {
        throw invalid(`${where}.text: Field required`);
      }
      checkSentBackBlock(block, where, message.role);
      if (version === STRICT_VERSION) {
        if (message.role === 'assistant' && block.type === 'document') {
          throw invalid(`${where}: document blocks are not accepted in assistant messages`);
        }
        if (message.role === 'user' && block.type === 'text' && Array.isArray(block.citations) && block.citations.length > 0) {
          throw invalid(`${where}.citations: citations are not accepted in user text blocks`);
        }
      }
    });
  });
  return value as RequestMessage[];
}

function checkSampling(body: JsonObject, version: string): void {
  for (const name of ['temperature', 'top_p', 'top_k']) {
    const value = body[name];
    if (value === undefined) {
      continue;
    }
    if (version === STRICT_VERSION) {
      throw invalid(`${name}: Extra inputs are not permitted`);
    }
    if (name === 'top_k') {
      if (!isInteger(value) || value < 0) {
        throw invalid('top_k: Input should be a valid integer greater than or equal to 0');
      }
    } else if (typeof value !== 'number') {
      throw invalid(`${name}: Input should be a valid number`);
    } else if (value < 0) {
      throw invalid(`${name}: Input should be greater than or equal to 0`);
    } else if (value > 1) {
      throw invalid(`${name}: Input should be less than or equal to 1`);
    }
  }
}

function checkTools(value: unknown): ToolDefinition[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw invalid('tools: Input should be a valid list');
  }
  const names = new Set<string>();
  value.forEach((tool: unknown, i) => {
    if (!isObject(tool)) {
      throw invalid(`tools.${i}: Input should be a valid dictionary`);
    }
    if (typeof tool.name !== 'string' || tool.name === '') {
      throw invalid(`tools.${i}.name: Field required`);
    }
    const custom = tool.type === undefined || tool.type === 'custom';
    if (custom && !isObject(tool.input_schema)) {
      throw invalid(`tools.${i}.custom.input_schema: Field required`);
    }
    if (names.has(tool.name)) {
      throw invalid(`tools: Tool names must be unique ("${tool.name}" appears twice)`);
    }
    names.add(tool.name);
  });
  return value as ToolDefinition[];
}

const THINKING_TYPES = ['enabled', 'disabled', 'adaptive', 'between_tools'];

function checkThinking(value: unknown, maxTokens: number | undefined): MessagesRequest['thinking'] {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value)) {
    throw invalid('thinking: Input should be a valid dictionary');
  }
  if (typeof value.type !== 'string' || !THINKING_TYPES.includes(value.type)) {
    throw invalid(
      `thinking: Input tag '${String(value.type)}' found using 'type' does not match any of the expected tags: ${THINKING_TYPES.map((t) => `'${t}'`).join(', ')}`,
    );
  }
  if (value.type === 'enabled') {
    if (value.budget_tokens === undefined) {
      throw invalid('thinking.enabled.budget_tokens: Field required');
    }
    if (!isInteger(value.budget_tokens)) {
      throw invalid('thinking.enabled.budget_tokens: Input should be a valid integer');
    }
    if (value.budget_tokens < 1024) {
      throw invalid('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
    }
    if (maxTokens !== undefined && maxTokens <= value.budget_tokens) {
      throw invalid(
        '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
      );
    }
  }
  return value as MessagesRequest['thinking'];
}

/** The deterministic token count shared by count_tokens and `usage.input_tokens`: about 4 characters a token. */
export function countInputTokens(body: JsonObject): number {
  const counted = JSON.stringify([body.system ?? null, body.messages ?? [], body.tools ?? null]);
  return Math.max(1, Math.ceil(counted.length / 4));
}
