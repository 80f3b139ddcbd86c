// The stand-in's own answer to a request that names no scenario: plainly not Claude's (it says "(stand-in)"), made
// by fixed rules from what the request carries, so that each part of a request visibly does what the API says it
// does. The last user turn is quoted; earlier turns are recalled; a tool result is used; client tools get a call;
// a format the request sets is followed; the first stop sequence is written at the end, so it stops the answer; and
// the model's family sets how long the answer is (family.ts).
import { blocksOf, characterCount, describeNonText, lastUserMessage, quote, textOf, withoutDirectives } from './conversation';
import type { Family } from './family';
import { jsonAnswer, structuredOutput, systemText, taggedList } from './formats';
import { applyLimits } from './limits';
import { Rng, toolUseId } from './random';
import { recallEarlier, recallSentences } from './recall';
import { textBlock, thinkingBlock } from './scenarios';
import { chooseTool, toolInput, toolResultText } from './tools';
import type { JsonObject, MessageSpec, WireBlock } from './types';
import type { MessagesRequest, RequestMessage } from './validate';

export interface AnswerContext {
  request: MessagesRequest;
  family: Family;
  rng: Rng;
}

function withArticle(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}

function capitalised(text: string): string {
  return `${text[0].toUpperCase()}${text.slice(1)}`;
}

/** What the answer says about itself, by family: Haiku-class brief, Opus-class at length. */
function selfNote(request: MessagesRequest, family: Family): string {
  const notClaude = 'This answer comes from the local Messages API stand-in, not from Claude.';
  if (family.verbosity === 0) {
    return notClaude;
  }
  const rules = `${notClaude} It answers by fixed rules: it quotes your last message, recalls the earlier turns, and sizes its answer by the model's family (this is ${withArticle(family.label)} model).`;
  if (family.verbosity === 1) {
    return rules;
  }
  const tools = request.tools.length;
  const carried = `${request.messages.length} message${request.messages.length === 1 ? '' : 's'}, ${tools} tool${tools === 1 ? '' : 's'}, max_tokens ${request.maxTokens ?? 'not set'}`;
  return (
    `${rules}\n\nWhat this request carried: ${carried}. ${capitalised(withArticle(family.label))} model gets the stand-in's longest and slowest answer ` +
    `(at its realistic pace, the first token after about ${family.firstTokenMs} ms, then about ${family.tokensPerSecond} tokens a second); switch the model to a ` +
    'Haiku-class one and watch the latency and usage.output_tokens drop. Nothing here was written by a model: send the same request to the real API to see what Claude says.'
  );
}

function systemNote(request: MessagesRequest, family: Family): string {
  const system = systemText(request);
  if (family.verbosity === 0 || system.trim() === '') {
    return '';
  }
  const quoted = quote(system, family.verbosity === 1 ? 60 : 160);
  return ` Your system prompt (${characterCount(system)} characters) was read too: "${quoted}"${/[.!?…]$/.test(quoted) ? '' : '.'}`;
}

/** The plain answer: the last message quoted, the earlier turns recalled, the system prompt noted, the note. */
function plainAnswer(request: MessagesRequest, family: Family, user: RequestMessage | undefined, userText: string): string {
  const text = withoutDirectives(userText);
  let answer: string;
  if (text === '') {
    answer = `(stand-in) Your last message had no text (${describeNonText(user)}).`;
  } else {
    const length = characterCount(text);
    const quoted = quote(text, 200);
    // No full stop after a quote that ends a sentence itself.
    const end = length > 200 ? ` (${length} characters in all).` : /[.!?…]$/.test(quoted) ? '' : '.';
    answer = `(stand-in) You said: "${quoted}"${end}`;
  }
  const recall = recallEarlier(request.messages);
  if (recall) {
    answer += ` ${recallSentences(recall, family.verbosity)}`;
  }
  return `${answer}${systemNote(request, family)} ${selfNote(request, family)}`;
}

/** The tool_use block each tool_result answers, found in the assistant turns before it. */
function toolNameOf(messages: RequestMessage[], toolUseId: unknown): string | undefined {
  for (const message of messages) {
    for (const block of message.role === 'assistant' ? blocksOf(message) : []) {
      if (block.type === 'tool_use' && block.id === toolUseId && typeof block.name === 'string') {
        return block.name;
      }
    }
  }
  return undefined;
}

/** The last user turn with words in it before the tool results: the question the tools were called for. */
function questionBefore(messages: RequestMessage[]): string | undefined {
  for (let i = messages.length - 2; i >= 0; i--) {
    const text = withoutDirectives(textOf(messages[i]));
    if (messages[i].role === 'user' && text !== '') {
      return text;
    }
  }
  return undefined;
}

/** An answer that uses the tool results it was sent: each quoted under its tool's name, with the question. */
function toolResultAnswer(request: MessagesRequest, family: Family, results: JsonObject[]): string {
  const lines = results.map((block) => {
    const name = toolNameOf(request.messages, block.tool_use_id) ?? 'the tool';
    const text = toolResultText(block);
    return block.is_error === true
      ? `${name} reported an error: "${quote(text, 200)}" (${String(block.tool_use_id)})`
      : `${name} returned: "${quote(text, 200)}" (${String(block.tool_use_id)})`;
  });
  const question = questionBefore(request.messages);
  const head =
    lines.length === 1
      ? `(stand-in) With the result in hand: ${lines[0]}.`
      : `(stand-in) With the ${lines.length} results in hand:\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
  const asked = question ? ` That is what your question "${quote(question, family.verbosity === 0 ? 80 : 200)}" needed.` : '';
  const more =
    family.verbosity === 0
      ? ''
      : family.verbosity === 1
        ? ' A real model would now reason from the result to an answer; the stand-in only puts them side by side.'
        : ' A real model would now reason from the result to an answer, and might call another tool if the result were not enough; the stand-in only puts the question and the result side by side, so that you can see the tool_result was read and matched to its tool_use by id.';
  return `${head}${asked}${more} This answer comes from the local Messages API stand-in, not from Claude.`;
}

/** The words before a tool call (none when the call is forced): longer for a more verbose family. */
function toolPreamble(name: string, family: Family): string {
  switch (family.verbosity) {
    case 0:
      return `(stand-in) Calling ${name}.`;
    case 1:
      return `(stand-in) I'll call the ${name} tool.`;
    default:
      return `(stand-in) I'll call the ${name} tool first: the answer depends on what it returns, which the stand-in cannot know. Send its result back as a tool_result to continue.`;
  }
}

/** A thinking block first when the request enables thinking (enabled or adaptive), longer for a more verbose family. */
function thinkingFor(request: MessagesRequest, family: Family, userText: string, rng: Rng): WireBlock[] {
  const type = request.thinking?.type;
  if (type !== 'enabled' && type !== 'adaptive') {
    return [];
  }
  if (request.thinking?.display === 'omitted') {
    return [thinkingBlock('', rng)];
  }
  const parts = [`(stand-in) Thinking about the request: "${quote(withoutDirectives(userText), 80)}".`];
  if (family.verbosity >= 1) {
    parts.push(`It is turn ${request.messages.length} of the conversation${request.tools.length > 0 ? `, with ${request.tools.length} tool(s) on offer` : ''}.`);
  }
  if (family.verbosity >= 2) {
    parts.push('An Opus-class model thinks at more length before it answers, which costs output tokens (thinking is billed as output) and time before the first text.');
  }
  parts.push('A real model would reason here; the stand-in only pretends.');
  return [thinkingBlock(parts.join(' '), rng)];
}

/**
 * Writes the first stop sequence after the answer's last text, as a model following the format that sequence
 * closes would: applyLimits then stops the answer there, with stop_reason "stop_sequence".
 */
function withStopSequence(content: WireBlock[], request: MessagesRequest): WireBlock[] {
  const sequence = request.stopSequences.find((s) => s !== '');
  const last = content[content.length - 1];
  if (sequence === undefined || last?.type !== 'text') {
    return content;
  }
  return [...content.slice(0, -1), { ...last, text: `${String(last.text)}${sequence}(stand-in) text after the stop sequence, never sent` }];
}

export function defaultAnswer({ request, family, rng }: AnswerContext): MessageSpec {
  const user = lastUserMessage(request.messages);
  const userText = textOf(user);
  const last = request.messages[request.messages.length - 1];
  if (last.role === 'assistant') {
    // A paused turn sent back: it resumes with what its server tools found. Else a prefilled (or cut) assistant
    // turn: the answer continues it.
    const results = blocksOf(last).filter((b) => b.type === 'web_search_tool_result');
    if (results.length > 0) {
      const found = results.flatMap((b) => (Array.isArray(b.content) ? (b.content as JsonObject[]) : [])).map((r) => `"${String(r.title)}"`);
      return applyLimits(withStopSequence([textBlock(`(stand-in) Resuming the paused turn: the search found ${found.length === 0 ? 'nothing' : found.join(', ')}, so here is the rest of the answer to "${quote(withoutDirectives(userText), 120)}".`)], request), request);
    }
    return applyLimits(withStopSequence([textBlock(' (stand-in) …continuing the assistant turn you started.')], request), request);
  }
  const thinking = thinkingFor(request, family, userText, rng);
  const toolResults = blocksOf(last).filter((b) => b.type === 'tool_result');
  if (toolResults.length > 0) {
    return applyLimits(withStopSequence([...thinking, textBlock(toolResultAnswer(request, family, toolResults))], request), request);
  }
  const chosen = chooseTool(request, userText);
  if (chosen) {
    const use: WireBlock = { type: 'tool_use', id: toolUseId(rng), name: chosen.tool.name, input: toolInput(chosen.tool, userText), caller: { type: 'direct' } };
    const preamble = chosen.forced ? [] : [textBlock(toolPreamble(chosen.tool.name, family))];
    return applyLimits([...thinking, ...preamble, use], request);
  }
  const formatted = structuredOutput(request, userText) ?? jsonAnswer(request, userText, family) ?? taggedList(request, userText, family);
  const text = formatted ?? plainAnswer(request, family, user, userText);
  return applyLimits(withStopSequence([...thinking, textBlock(text)], request), request);
}
