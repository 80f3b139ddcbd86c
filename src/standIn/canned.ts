// What the stand-in answers when no reply is queued: its own deterministic answer (answer.ts), plainly not Claude's,
// or a scenario picked with a `[[stand-in: NAME]]` directive in the last user message.
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import type { Usage } from '@anthropic-ai/sdk/resources/messages';
import { defaultAnswer } from './answer';
import { lastUserMessage, parseDirectives, quote, textOf, withoutDirectives } from './conversation';
import { ERROR_TYPES } from './errors';
import { applyLimits, cutAt } from './limits';
import { outputTokensOf } from './message';
import { familyOf } from './family';
import { hashSeed, opaqueBase64, Rng, seededRng, serverToolUseId } from './random';
import { allBlocksContent, bigMarkdown, filler, MARKDOWN_ANSWER, textBlock } from './scenarios';
import type { MessageReply, MessageSpec, Reply, WireBlock } from './types';
import type { MessagesRequest } from './validate';

export { parseDirectives };

/** Every directive, with what it does; shown to whoever sends an unknown one. */
export const DIRECTIVES: Record<string, string> = {
  overloaded: '529 overloaded_error',
  'rate-limit': '429 rate_limit_error with retry-after: 1',
  'rate-limit:N': 'at most N requests a second (of one model, with "for MODEL"); the others get 429 rate_limit_error with retry-after: 1',
  'server-error': '500 api_error',
  unauthorized: '401 authentication_error',
  'bad-request': '400 invalid_request_error',
  billing: '402 billing_error',
  permission: '403 permission_error',
  conflict: '409 conflict_error',
  'request-too-large': '413 request_too_large',
  timeout: '504 timeout_error',
  'proxy-html': '502 with an HTML page, as a proxy in the way would send',
  reset: 'the connection is reset without an answer',
  hang: 'no answer at all, until the client gives up',
  cut: 'a stream cut off mid-way (the socket is destroyed); for JSON, a reset',
  'mid-stream-error': 'a stream that starts, then carries an overloaded_error event',
  slow: 'the answer takes about 5 s (streamed slowly, or JSON after a delay)',
  'slow-fail': 'slow, then failing: headers after about 1 s, a few deltas 150 ms apart, then an overloaded_error event (JSON: a 529 after 2 s)',
  refusal: 'stop_reason refusal with stop_details (category cyber)',
  'max-tokens': 'stop_reason max_tokens, the text cut mid-sentence',
  'pause-turn': 'stop_reason pause_turn after a server tool call',
  'context-window': 'stop_reason model_context_window_exceeded',
  empty: 'an answer with no content blocks',
  markdown: 'rich markdown, with script tags and javascript: links the panel must not run',
  'big:N': 'about N KB of markdown (big:10240 is about 10 MB), ignoring max_tokens',
  'all-blocks': 'every content block type, all citation types, and one unknown future block type',
  'usage-full': 'usage with every field set (cache, thinking, server tools, tier, geo, speed)',
};

// ---- the answer ----

export interface CannedContext {
  request: MessagesRequest;
  /** The catalogue entry of the request's model. */
  model?: ModelInfo;
}

const stopDetails = {
  type: 'refusal' as const,
  category: 'cyber' as const,
  explanation: '(stand-in) This request was declined because it could enable cyber harm, such as malware or exploit development.',
};

function errorReply(directive: string): Reply | undefined {
  const byDirective: Record<string, string> = {
    overloaded: 'overloaded_error',
    'rate-limit': 'rate_limit_error',
    'server-error': 'api_error',
    unauthorized: 'authentication_error',
    'bad-request': 'invalid_request_error',
    billing: 'billing_error',
    permission: 'permission_error',
    conflict: 'conflict_error',
    'request-too-large': 'request_too_large',
    timeout: 'timeout_error',
  };
  const type = byDirective[directive];
  if (type) {
    const reply: Reply = { kind: 'error', status: ERROR_TYPES[type].status, type };
    if (directive === 'rate-limit') {
      reply.retryAfter = 1;
      reply.headers = { 'anthropic-ratelimit-requests-remaining': '0' };
    }
    if (directive === 'bad-request') {
      reply.message = '(stand-in) a 400 invalid_request_error, as asked by the [[stand-in: bad-request]] directive';
    }
    return reply;
  }
  switch (directive) {
    case 'proxy-html':
      return {
        kind: 'raw',
        status: 502,
        headers: { 'content-type': 'text/html', server: 'stand-in-proxy' },
        body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>stand-in-proxy</center>\r\n</body>\r\n</html>\r\n',
      };
    case 'reset':
      return { kind: 'reset' };
    case 'hang':
      return { kind: 'hang' };
    default:
      return undefined;
  }
}

const CONTENT_DIRECTIVES = ['all-blocks', 'markdown', 'big', 'refusal', 'max-tokens', 'pause-turn', 'context-window', 'empty'];
const MODIFIERS = ['usage-full', 'slow', 'mid-stream-error', 'cut', 'slow-fail'];
/** Directives that take a number (`big:100`); the others take none. */
const NUMBERED = ['big', 'rate-limit'];
/** slow-fail: how long the headers wait, and the pause between the writes before the error. */
export const SLOW_FAIL_HEADERS_MS = 1000;
const SLOW_FAIL_WRITE_MS = 150;

const KNOWN_NAMES = new Set(Object.keys(DIRECTIVES).map(directiveName));

function directiveName(directive: string): string {
  return directive.split(':')[0];
}

/** The seed of everything made up for a request: the same conversation gets the same answer, ids and timings. */
export function requestSeed(request: MessagesRequest): number {
  return hashSeed(JSON.stringify([request.model, request.body.system ?? null, request.messages, request.body.tools ?? null]));
}

export function cannedReply({ request, model }: CannedContext): Reply {
  const user = lastUserMessage(request.messages);
  const userText = textOf(user);
  // The directives for this request's model: unscoped ones, and those written `for` it.
  const directives = parseDirectives(userText, request.model);

  const unknown = directives.filter((d) => !KNOWN_NAMES.has(directiveName(d)) || (d.includes(':') && !NUMBERED.includes(directiveName(d))));
  if (unknown.length > 0) {
    const known = Object.entries(DIRECTIVES).map(([name, what]) => `- \`${name}\`: ${what}`).join('\n');
    return { kind: 'message', text: `(stand-in) Unknown directive "${unknown[0]}". Write \`[[stand-in: NAME]]\` (or \`[[stand-in: NAME for MODEL]]\`, for that model only) with one of:\n\n${known}` };
  }
  for (const directive of directives) {
    const failure = errorReply(directive);
    if (failure) {
      return failure;
    }
  }

  const rng = seededRng(requestSeed(request));
  // A conversation sent back with the answer as its last turn (a paused turn resumed, a cut answer continued) has
  // had its scenario already: the answer goes on instead of playing it again.
  const resumed = request.messages[request.messages.length - 1]?.role === 'assistant';
  const contentDirective = resumed ? undefined : directives.find((d) => CONTENT_DIRECTIVES.includes(directiveName(d)));
  const spec = contentDirective
    ? scenarioSpec(contentDirective, request, model, rng, userText)
    : defaultAnswer({ request, family: familyOf(request.model, model), rng });
  const reply: MessageReply = { kind: 'message', ...spec };

  if (contentDirective?.startsWith('big')) {
    // A big answer in one write per event would be hundreds of thousands of writes; real networks coalesce anyway.
    reply.chunking = { bytes: 16384 };
  } else {
    reply.pings = true;
  }
  const modifiers = directives.filter((d) => MODIFIERS.includes(d));
  if (modifiers.includes('usage-full')) {
    reply.usage = { ...reply.usage, ...fullUsage(reply) };
  }
  if (modifiers.includes('slow')) {
    if (request.stream) {
      reply.durationMs = 5000;
      if (!contentDirective) {
        reply.content = appendText(reply.content ?? [], `\n\n${filler(600)}`);
      }
    } else {
      reply.headersDelayMs = 5000;
    }
  }
  if (modifiers.includes('mid-stream-error')) {
    if (!request.stream) {
      return { kind: 'message', text: '(stand-in) The mid-stream-error directive only applies to streamed requests: send this again with "stream": true.' };
    }
    if (!contentDirective) {
      reply.content = appendText(reply.content ?? [], `\n\n${filler(400)}`);
    }
    // message_start, content_block_start and a few deltas get through before the error.
    reply.errorAfterEvents = 6;
  }
  if (modifiers.includes('slow-fail')) {
    if (!request.stream) {
      // The server's answer when a failing model does not stream: late, then overloaded.
      return { kind: 'error', status: 529, type: 'overloaded_error', headersDelayMs: 2 * SLOW_FAIL_HEADERS_MS };
    }
    if (!contentDirective) {
      reply.content = appendText(reply.content ?? [], `\n\n${filler(400)}`);
    }
    // Late headers, then message_start, content_block_start and a few deltas, one write at a time, then the error.
    reply.headersDelayMs = SLOW_FAIL_HEADERS_MS;
    reply.delayMs = SLOW_FAIL_WRITE_MS;
    reply.chunking = 'event';
    reply.errorAfterEvents = 6;
  }
  if (modifiers.includes('cut')) {
    if (!request.stream) {
      return { kind: 'reset' };
    }
    reply.cutAfterEvents = 6;
  }
  return reply;
}

/** Lengthens the answer's last text block (or adds one), so a slow or failing stream has enough deltas. */
function appendText(content: WireBlock[], extra: string): WireBlock[] {
  const last = content[content.length - 1];
  if (last?.type === 'text') {
    return [...content.slice(0, -1), { ...last, text: `${String(last.text)}${extra}` }];
  }
  return [...content, textBlock(extra.trimStart())];
}

function fullUsage(spec: MessageSpec): Partial<Usage> {
  const thinking = 40;
  const output = Math.max(outputTokensOf(spec.content ?? []), spec.usage?.output_tokens ?? 0) + thinking;
  return {
    cache_creation_input_tokens: 2048,
    cache_read_input_tokens: 8192,
    cache_creation: { ephemeral_5m_input_tokens: 1536, ephemeral_1h_input_tokens: 512 },
    output_tokens: output,
    output_tokens_details: { thinking_tokens: thinking },
    server_tool_use: { web_search_requests: 2, web_fetch_requests: 1 },
    service_tier: 'priority',
    inference_geo: 'us',
    speed: 'fast',
  };
}

function scenarioSpec(directive: string, request: MessagesRequest, model: ModelInfo | undefined, rng: Rng, userText: string): MessageSpec {
  const name = directiveName(directive);
  switch (name) {
    case 'all-blocks': {
      const { content, container } = allBlocksContent(rng);
      return { content, container, stop_reason: 'tool_use', usage: { server_tool_use: { web_search_requests: 2, web_fetch_requests: 1 } } };
    }
    case 'markdown':
      return applyLimits([textBlock(MARKDOWN_ANSWER)], request);
    case 'big': {
      const kilobytes = Math.min(51_200, Number(directive.split(':')[1] ?? '100') || 100);
      return { content: [textBlock(bigMarkdown(kilobytes))] };
    }
    case 'refusal':
      return {
        content: [textBlock('(stand-in) I can explain how this kind of software works in general, but')],
        stop_reason: 'refusal',
        stop_details: stopDetails,
      };
    case 'max-tokens': {
      const maxTokens = Math.max(1, request.maxTokens ?? 1024);
      // The text stops where max_tokens ran out (capped, so a huge max_tokens does not mean a huge answer).
      const text = cutAt(`(stand-in) This answer is long and will be cut off at max_tokens. ${filler(maxTokens * 4)}`, Math.min(maxTokens * 4, 16_384));
      return { content: [textBlock(text)], stop_reason: 'max_tokens', usage: { output_tokens: maxTokens } };
    }
    case 'pause-turn': {
      const id = serverToolUseId(rng);
      return {
        content: [
          textBlock("(stand-in) I'll search the web for that; this is a long-running turn."),
          { type: 'server_tool_use', id, name: 'web_search', input: { query: quote(withoutDirectives(userText) || 'stand-in', 80) }, caller: { type: 'direct' } },
          {
            type: 'web_search_tool_result',
            tool_use_id: id,
            caller: { type: 'direct' },
            content: [{ type: 'web_search_result', title: 'Example result', url: 'https://example.com/result', page_age: '2 days ago', encrypted_content: opaqueBase64(rng, 48) }],
          },
        ],
        stop_reason: 'pause_turn',
        usage: { server_tool_use: { web_search_requests: 1, web_fetch_requests: 0 } },
      };
    }
    case 'context-window': {
      const text = `(stand-in) The conversation filled the model's context window while I was writing this, so the answer stops here, in the middle of a`;
      const output = Math.ceil(text.length / 4);
      const window = model?.max_input_tokens ?? 200_000;
      return { content: [textBlock(text)], stop_reason: 'model_context_window_exceeded', usage: { input_tokens: Math.max(1, window - output), output_tokens: output } };
    }
    case 'empty':
    default:
      return { content: [] };
  }
}
