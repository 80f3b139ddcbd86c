// The Conversation view: the conversation as the model received it (every turn the request carried, its role and
// blocks, the older ones folded), then this answer; what the API reports it changed in the input
// (input_transformations); and, across this file's calls in this session, the input sent each time: the whole
// conversation again, growing turn by turn, with the share read from the cache.
import type { CallRecord, JsonObject } from '../../shared/callRecord';
import type { FileCallStat } from '../../shared/conversationStats';
import { transformationText } from '../../shared/conversationStats';
import { formatCount } from '../../shared/format';
import { el } from '../dom/elements';
import type { Host } from '../host/vscodeApi';
import { asArray, isObject } from '../values/json';
import { emptyState } from './common';
import { renderContinueBar } from './continueBar';
import { bodyAtHand } from './requestBody';

/** Turns shown open; older ones start folded (a long conversation stays readable). */
const OPEN_TURNS = 3;
const EXCERPT = 240;

function excerpt(text: string): string {
  const chars = [...text];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : text;
}

/** One block in a line: its type and what says most about it. */
function blockLine(block: unknown): HTMLElement {
  if (!isObject(block)) {
    return el('li', null, el('code', null, 'not a block'), ' ', JSON.stringify(block) ?? '');
  }
  const type = String(block.type ?? '?');
  let detail = '';
  switch (type) {
    case 'text':
      detail = excerpt(String(block.text ?? ''));
      break;
    case 'thinking':
      detail = `${excerpt(String(block.thinking ?? ''))}${typeof block.signature === 'string' ? ` (signature, ${formatCount(block.signature.length)} characters, sent back as returned)` : ' (no signature!)'}`;
      break;
    case 'redacted_thinking':
      detail = `encrypted, ${formatCount(String(block.data ?? '').length)} characters of data sent back as returned`;
      break;
    case 'tool_use':
    case 'server_tool_use':
      detail = `${String(block.name)} ${excerpt(JSON.stringify(block.input ?? {}))} · ${String(block.id)}`;
      break;
    case 'tool_result':
      detail = `for ${String(block.tool_use_id)}: ${excerpt(typeof block.content === 'string' ? block.content : JSON.stringify(block.content ?? ''))}${block.is_error === true ? ' (error)' : ''}`;
      break;
    default:
      detail = typeof block.tool_use_id === 'string' ? `for ${block.tool_use_id}` : '';
  }
  return el('li', { class: `turn-block block-${type}` }, el('code', null, type), detail ? ` ${detail}` : '');
}

function turnView(message: unknown, index: number, open: boolean, label?: string): HTMLElement {
  const turn = isObject(message) ? message : {};
  const role = String(turn.role ?? '?');
  const content = typeof turn.content === 'string' ? [{ type: 'text', text: turn.content }] : asArray(turn.content) ?? [];
  const details = el(
    'details',
    { class: `turn turn-${role}`, attrs: { 'data-testid': 'turn' } },
    el('summary', null, el('strong', null, role), ` · messages[${index}]`, label ? ` · ${label}` : '', ` · ${content.length} block${content.length === 1 ? '' : 's'}`),
    el('ul', { class: 'turn-blocks' }, ...content.map(blockLine)),
  );
  details.open = open;
  return details;
}

function growthTable(calls: readonly FileCallStat[], currentId: string): HTMLElement {
  const most = Math.max(1, ...calls.map((c) => c.inputTokens));
  const rows = calls.map((c, i) => {
    const share = c.inputTokens > 0 ? Math.round((c.cacheReadTokens / c.inputTokens) * 100) : 0;
    // The bar says in words what its length and its second colour show (a screen reader, a colour-blind reader).
    const said = `${formatCount(c.inputTokens)} input tokens, ${c.cacheReadTokens > 0 ? `${share}% read from the cache` : 'none read from the cache'}`;
    const bar = el('div', { class: 'growth-bar', attrs: { role: 'img', 'aria-label': said, title: said } });
    bar.style.width = `${Math.max(1, Math.round((c.inputTokens / most) * 100))}%`;
    const cached = el('div', { class: 'growth-cached' });
    cached.style.width = `${share}%`;
    bar.append(cached);
    return el(
      'tr',
      { class: c.callId === currentId ? 'current' : undefined },
      el('td', null, String(i + 1)),
      el('td', null, String(c.messages)),
      el('td', { class: 'num' }, formatCount(c.inputTokens)),
      el('td', { class: 'num' }, c.cacheReadTokens > 0 ? `${formatCount(c.cacheReadTokens)} (${share}%)` : '—'),
      el('td', { class: 'num' }, c.cacheWriteTokens > 0 ? formatCount(c.cacheWriteTokens) : '—'),
      el('td', { class: 'growth' }, bar),
    );
  });
  const numeric = new Set(['input tokens', 'read from cache', 'written to cache']);
  const heads = ['call', 'messages', 'input tokens', 'read from cache', 'written to cache', ''];
  // In a wrapper that can scroll sideways: six columns do not fit a narrow panel (media/panel.css: .growth-wrap).
  return el(
    'div',
    { class: 'growth-wrap' },
    el(
      'table',
      { class: 'growth-table', attrs: { 'data-testid': 'input-growth' } },
      el('caption', null, 'Input tokens sent, call by call (this session, this file). Each bar is a call\'s input; its part in a second colour was read from the cache.'),
      el('thead', null, el('tr', null, ...heads.map((h) => el('th', numeric.has(h) ? { class: 'num' } : null, h)))),
      el('tbody', null, ...rows),
    ),
  );
}

/** "all 5 messages below", "the 1 message below", "no messages". */
function carried(count: number): string {
  if (count === 0) {
    return 'no messages';
  }
  return count === 1 ? 'the 1 message below' : `all ${formatCount(count)} messages below`;
}

/**
 * The messages of the body as sent: a big call's effective request reaches the panel with its small fields only
 * (the host's bodyOnce.ts), its messages are in the body.
 */
function sentMessages(record: CallRecord): unknown[] {
  try {
    return asArray((JSON.parse(record.request?.body ?? '') as JsonObject | null)?.messages) ?? [];
  } catch {
    return [];
  }
}

export class ConversationView {
  private readonly calls = new Map<string, { calls: FileCallStat[]; cacheAdvice?: string }>();

  /** The host's list of this file's calls, for the call it names. */
  setCalls(callId: string, calls: FileCallStat[], cacheAdvice?: string): void {
    this.calls.clear();
    this.calls.set(callId, { calls: Array.isArray(calls) ? calls : [], cacheAdvice: typeof cacheAdvice === 'string' ? cacheAdvice : undefined });
  }

  render(panel: HTMLElement, record: CallRecord, host: Host): void {
    const inRequest = asArray(record.effectiveRequest.messages);
    if (!inRequest && !bodyAtHand(panel, record, host, 'conversation (the request body)')) {
      return;
    }
    const messages = inRequest ?? sentMessages(record);
    const answer = record.message;
    const total = messages.length + (answer ? 1 : 0);
    const turns = messages.map((m, i) => turnView(m, i, i >= total - OPEN_TURNS));
    if (answer) {
      turns.push(turnView({ role: 'assistant', content: answer.content }, messages.length, true, 'this answer (not sent yet)'));
    }
    const transformations = asArray((answer as JsonObject | undefined)?.input_transformations) ?? [];
    const stats = this.calls.get(record.id);
    panel.replaceChildren(
      renderContinueBar(record, host) ?? '',
      el('h3', { class: 'section-title' }, 'As the model received it'),
      el('div', { class: 'note' }, `The API keeps no state: this request carried ${carried(messages.length)}, and the model saw nothing else of the conversation.`),
      transformations.length > 0
        ? el('section', { class: 'transformations', attrs: { 'data-testid': 'input-transformations' } }, el('h3', { class: 'section-title' }, 'What the API changed in the input'), el('ul', null, ...transformations.map((t) => el('li', null, transformationText(t)))))
        : '',
      el('div', { class: 'turns' }, ...turns),
      stats && stats.calls.length > 0 ? growthTable(stats.calls, record.id) : emptyState(record.source.kind === 'file' ? 'The input of each call of this file appears here as the conversation grows.' : 'Calls of a request file list their input, call by call, here.'),
      stats?.cacheAdvice ? el('div', { class: 'note cache-advice', attrs: { 'data-testid': 'cache-advice' } }, stats.cacheAdvice) : '',
    );
  }
}
