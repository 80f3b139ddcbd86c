// What is wrong with a request file beyond its JSON: the mistakes the API would answer with a 400, found before
// sending, each with the exact range to underline. Errors stop Send; warnings and notes do not.
import { findNodeAtLocation, Node } from 'jsonc-parser';
import type { JsonObject } from '../../shared/callRecord';
import { parseRequestFile, positionAt } from './requestFile';
import { checkConversation, type ThinkingOrigins } from '../conversation/conversationChecks';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface RequestDiagnostic {
  severity: DiagnosticSeverity;
  message: string;
  offset: number;
  length: number;
  /** A stable name for the check, shown in the Problems panel. */
  code: string;
}

export interface DiagnosticContext {
  defaultMaxTokens: number;
  defaultModel: string;
  /** Model ids from the last models list for this base URL; undefined when none was fetched yet. */
  knownModels?: readonly string[];
  /** The anthropic-version the SDK sends. */
  apiVersion?: string;
  /**
   * Where the defaults come from, in the messages: each face names its own (the extension its settings, the CLI its
   * options); core's own words name neither.
   */
  defaultsFrom?: { maxTokens: string; model: string };
  /** false: the CLI's --no-check, only what stops the body from being sent as written (see ParseOptions). */
  check?: boolean;
  /** What the thinking blocks of this file were made after, from this session's calls: edits that unbind them warn. */
  thinkingOrigins?: ThinkingOrigins;
  /** How many syntax errors to report (see ParseOptions.syntaxErrors). */
  syntaxErrors?: number;
}

/** Core's words for where a default comes from: no setting, no flag. */
const NEUTRAL_DEFAULTS_FROM = { maxTokens: 'the default', model: 'the default' };

/** The anthropic-version sent by the installed SDK (1.x). */
export const SDK_API_VERSION = '2026-10-21';

/** Sampling fields the API rejects under anthropic-version 2026-10-21 and later. */
const RETIRED_SAMPLING_FIELDS = ['temperature', 'top_p', 'top_k'];

export function diagnoseRequest(text: string, context: DiagnosticContext): RequestDiagnostic[] {
  return checkRequest(text, context).diagnostics;
}

/**
 * The diagnostics of a request file, and its body when it parsed: Send reads both from one parse. `messageOffsets`:
 * where each message of a well-formed file starts (the conversation's CodeLenses), from the same parse.
 */
export function checkRequest(text: string, context: DiagnosticContext): { diagnostics: RequestDiagnostic[]; body?: JsonObject; messageOffsets?: number[] } {
  const parsed = parseRequestFile(text, { check: context.check, syntaxErrors: context.syntaxErrors });
  if (!parsed.ok) {
    return {
      diagnostics: parsed.problems.map((p) => ({
        severity: 'error',
        message: p.message,
        offset: p.offset,
        length: Math.max(p.length, 1),
        code: p.code ?? (p.field ? 'shape' : 'json'),
      })),
    };
  }
  const diagnostics = capped(context.check === false ? [] : semanticDiagnostics(parsed.root, context));
  // The body is made only when read (Send reads it; the Problems panel does not).
  return {
    diagnostics,
    get body() {
      return parsed.body;
    },
    get messageOffsets() {
      const messages = findNodeAtLocation(parsed.root, ['messages']);
      return messages?.type === 'array' ? (messages.children ?? []).map((m) => m.offset) : [];
    },
  };
}

/** More diagnostics than this say nothing new (40,000 empty messages are one mistake made many times). */
export const MAX_DIAGNOSTICS = 200;

/** The first {@link MAX_DIAGNOSTICS}, then one entry that says how many more there are, at the last one shown. */
function capped(diagnostics: RequestDiagnostic[]): RequestDiagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS) {
    return diagnostics;
  }
  const kept = diagnostics.slice(0, MAX_DIAGNOSTICS);
  const last = kept[kept.length - 1];
  const more = diagnostics.length - kept.length;
  const severity = diagnostics.slice(MAX_DIAGNOSTICS).some((d) => d.severity === 'error') ? 'error' : last.severity;
  kept.push({ ...last, severity, message: `and ${more.toLocaleString('en-US')} more problems after this one, not listed`, code: 'more' });
  return kept;
}

function semanticDiagnostics(root: Node, context: DiagnosticContext): RequestDiagnostic[] {
  const out: RequestDiagnostic[] = [];
  const add = (severity: DiagnosticSeverity, node: Node, message: string, code: string) =>
    out.push({ severity, message, offset: node.offset, length: Math.max(node.length, 1), code });
  const keyOf = (node: Node) => (node.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node);
  const at = (path: (string | number)[]) => findNodeAtLocation(root, path);
  /** The opening brace only: underlining a whole file for a missing field would hide everything else. */
  const start: Node = { ...root, length: 1 };
  const from = context.defaultsFrom ?? NEUTRAL_DEFAULTS_FROM;

  const maxTokensNode = at(['max_tokens']);
  const maxTokens = typeof maxTokensNode?.value === 'number' ? (maxTokensNode.value as number) : context.defaultMaxTokens;
  if (!maxTokensNode) {
    add('info', start, `max_tokens is missing: ${context.defaultMaxTokens} from ${from.maxTokens} will be used.`, 'default-max-tokens');
  }
  const modelNode = at(['model']);
  if (!modelNode) {
    add('info', start, `model is missing: ${context.defaultModel} from ${from.model} will be used.`, 'default-model');
  } else if (typeof modelNode.value === 'string' && context.knownModels && context.knownModels.length > 0) {
    const id = modelNode.value as string;
    if (!context.knownModels.includes(id)) {
      add('warning', modelNode, `"${id}" is not in the models list for this API (run "Claude: List Models" to refresh it or pick one).`, 'unknown-model');
    }
  }

  const version = context.apiVersion ?? SDK_API_VERSION;
  if (version >= '2026-10-21') {
    for (const field of RETIRED_SAMPLING_FIELDS) {
      const node = at([field]);
      if (node) {
        add('error', keyOf(node), `${field} is rejected under anthropic-version ${version} (what SDK 1.x sends): remove it; use output_config.effort or the prompt to steer the answer.`, 'retired-field');
      }
    }
  }

  checkThinking(at(['thinking']), maxTokens, maxTokensNode !== undefined ? undefined : from.maxTokens, add);
  checkMessages(at(['messages']), add);
  checkConversation(root, add, context.thinkingOrigins);
  return out;
}

type Add = (severity: DiagnosticSeverity, node: Node, message: string, code: string) => void;

/** defaultFrom: where max_tokens came from when the file has none. */
function checkThinking(thinking: Node | undefined, maxTokens: number, defaultFrom: string | undefined, add: Add): void {
  if (!thinking || thinking.type !== 'object') {
    return;
  }
  const budget = findNodeAtLocation(thinking, ['budget_tokens']);
  if (!budget || typeof budget.value !== 'number') {
    return;
  }
  const value = budget.value as number;
  if (value < 1024) {
    add('error', budget, `thinking.budget_tokens must be at least 1024 (it is ${value}).`, 'thinking-budget');
  }
  if (value >= maxTokens) {
    const where = defaultFrom === undefined ? 'max_tokens' : `max_tokens (from ${defaultFrom})`;
    add('error', budget, `thinking.budget_tokens (${value}) must be below ${where} (${maxTokens}): the answer needs room after the thinking.`, 'thinking-budget');
  }
}

function stringValue(node: Node | undefined): string | undefined {
  return node && node.type === 'string' ? (node.value as string) : undefined;
}

function checkMessages(messages: Node | undefined, add: Add): void {
  if (!messages || messages.type !== 'array') {
    return;
  }
  const items = messages.children ?? [];
  /** tool_use ids seen so far, with the node that introduced each. */
  const toolUses = new Map<string, Node>();
  /** tool_use ids of the previous assistant turn that still wait for their tool_result. */
  let waiting = new Map<string, Node>();
  let waitingTurn = -1;

  items.forEach((message, i) => {
    if (message.type !== 'object') {
      return;
    }
    const roleNode = findNodeAtLocation(message, ['role']);
    const role = stringValue(roleNode);
    // SDK 1.x (API 2026-10-21) takes mid-conversation "system" turns besides user and assistant.
    if (roleNode && role !== undefined && role !== 'user' && role !== 'assistant' && role !== 'system') {
      const hint = role === 'developer' ? ' Instructions go in the top-level "system" field, or a "system" turn.' : '';
      add('error', roleNode, `role must be "user", "assistant" or "system", not "${role}".${hint}`, 'invalid-role');
    }
    const content = findNodeAtLocation(message, ['content']);
    if (content && ((content.type === 'string' && content.value === '') || (content.type === 'array' && (content.children ?? []).length === 0))) {
      const last = i === items.length - 1 && role === 'assistant';
      add(last ? 'warning' : 'error', content, last ? 'The final assistant turn is empty: remove it, or write the start of the answer (a prefill).' : `messages[${i}] has empty content: the API refuses empty messages.`, 'empty-content');
    }
    const blocks = content?.type === 'array' ? content.children ?? [] : [];

    if (role === 'user' && waiting.size > 0) {
      const answered = new Set(blocks.filter((b) => stringValue(findNodeAtLocation(b, ['type'])) === 'tool_result').map((b) => stringValue(findNodeAtLocation(b, ['tool_use_id']))));
      for (const [id, node] of waiting) {
        if (!answered.has(id)) {
          add('error', node, `tool_use "${id}" gets no tool_result in the next user turn (messages[${i}]): add {"type": "tool_result", "tool_use_id": "${id}", "content": "..."}.`, 'tool-use-unanswered');
        }
      }
      waiting = new Map();
    }

    const turnToolUses = new Map<string, Node>();
    for (const block of blocks) {
      if (block.type !== 'object') {
        continue;
      }
      const type = stringValue(findNodeAtLocation(block, ['type']));
      if (type === 'tool_use' && role === 'assistant') {
        const id = stringValue(findNodeAtLocation(block, ['id']));
        if (id) {
          toolUses.set(id, block);
          turnToolUses.set(id, findNodeAtLocation(block, ['id']) ?? block);
        }
      } else if (type === 'tool_result') {
        const idNode = findNodeAtLocation(block, ['tool_use_id']);
        const id = stringValue(idNode);
        if (id !== undefined && !toolUses.has(id)) {
          add('error', idNode ?? block, `tool_result refers to tool_use_id "${id}", but no earlier assistant turn has a tool_use with that id.`, 'tool-result-orphan');
        }
      } else if (type === 'text') {
        const text = findNodeAtLocation(block, ['text']);
        if (text?.type === 'string' && text.value === '') {
          add('error', text, 'An empty text block is refused by the API: remove it or write something.', 'empty-content');
        }
      }
    }
    if (role === 'assistant') {
      waiting = turnToolUses;
      waitingTurn = i;
    }
  });

  if (waiting.size > 0 && waitingTurn === items.length - 1) {
    for (const [id, node] of waiting) {
      add('error', node, `tool_use "${id}" is in the last assistant turn with no tool_result after it: add a user turn with {"type": "tool_result", "tool_use_id": "${id}", "content": "..."}.`, 'tool-use-unanswered');
    }
  }
}

/** The first error, as "line L, column C: message", for the message that explains why Send refused. */
export function firstError(text: string, diagnostics: RequestDiagnostic[]): string | undefined {
  const error = diagnostics.find((d) => d.severity === 'error');
  if (!error) {
    return undefined;
  }
  const { line, column } = positionAt(text, error.offset);
  return `line ${line}, column ${column}: ${error.message}`;
}
