// How a model's family shows in the stand-in's answers: a Haiku-class model starts sooner, writes faster and says
// less than a Sonnet-class one, which does the same against an Opus-class one. The numbers are the stand-in's own
// (round figures of the order real models show), with a light jitter seeded by the request: the same request gets the
// same timings, and the order of the families never changes. Switching a request from Opus to Haiku shows the
// difference in the panel's latency figures and in usage.output_tokens, without a network.
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import type { Rng } from './random';
import type { StreamEvent } from './sse';

export type FamilyName = 'haiku' | 'sonnet' | 'opus';

export interface Family {
  name: FamilyName;
  /** How the answer names it: "Haiku-class". */
  label: string;
  /** Time from the request to the first token, at latency 1. */
  firstTokenMs: number;
  /** How fast the answer is written once it started. */
  tokensPerSecond: number;
  /** 0: brief, 1: a fuller answer, 2: thorough. Decides how many parts the made-up answer has. */
  verbosity: 0 | 1 | 2;
}

export const FAMILIES: Record<FamilyName, Family> = {
  haiku: { name: 'haiku', label: 'Haiku-class', firstTokenMs: 150, tokensPerSecond: 300, verbosity: 0 },
  sonnet: { name: 'sonnet', label: 'Sonnet-class', firstTokenMs: 350, tokensPerSecond: 150, verbosity: 1 },
  opus: { name: 'opus', label: 'Opus-class', firstTokenMs: 700, tokensPerSecond: 80, verbosity: 2 },
};

/**
 * The family of a model: its catalogue `line` when it has one, else its id. Fable and Mythos, the lines above Opus,
 * behave as Opus-class; a model of no known line (a test's own) as Sonnet-class, the middle.
 */
export function familyOf(modelId: string, model?: Pick<ModelInfo, 'line'>): Family {
  const line = model?.line ?? /(haiku|sonnet|opus|fable|mythos)/i.exec(modelId)?.[1]?.toLowerCase();
  switch (line) {
    case 'haiku':
      return FAMILIES.haiku;
    case 'opus':
    case 'fable':
    case 'mythos':
      return FAMILIES.opus;
    default:
      return FAMILIES.sonnet;
  }
}

/** The timing of one answer: when the first token comes and how fast the rest follows. */
export interface Pace {
  firstTokenMs: number;
  tokensPerSecond: number;
  /** The cap on the time spent writing after the first token. */
  maxWritingMs: number;
}

/** The longest an answer is made to take at latency 1, so that a long answer never keeps anyone waiting long. */
export const MAX_WRITING_MS = 6000;

/**
 * The family's pace for one request, scaled by `latency` (0: no waiting at all, as the unit tests want; 1: the
 * figures above), with ±5 % jitter drawn from the request's own generator. Undefined when latency is 0.
 */
export function paceFor(family: Family, latency: number, rng: Rng): Pace | undefined {
  if (!(latency > 0)) {
    return undefined;
  }
  const jitter = () => 1 + (rng() - 0.5) / 10;
  return {
    firstTokenMs: family.firstTokenMs * jitter() * latency,
    // Scaling the latency down makes writing faster, so the whole answer shrinks in time with it.
    tokensPerSecond: (family.tokensPerSecond * jitter()) / latency,
    maxWritingMs: MAX_WRITING_MS * latency,
  };
}

/** How long writing `outputTokens` takes at this pace, after the first token (capped, see MAX_WRITING_MS). */
export function writingMs(pace: Pace, outputTokens: number): number {
  return Math.min(pace.maxWritingMs, (outputTokens / pace.tokensPerSecond) * 1000);
}

/** When a JSON answer is sent: once the whole answer has been written. */
export function jsonAnswerMs(pace: Pace, outputTokens: number): number {
  return pace.firstTokenMs + writingMs(pace, outputTokens);
}

/** What a stream event adds to the answer's text, in characters (about 4 a token). */
function writtenChars(event: StreamEvent): number {
  if (event.event !== 'content_block_delta') {
    return 0;
  }
  const delta = event.data.delta as { text?: unknown; thinking?: unknown; partial_json?: unknown };
  const piece = delta.text ?? delta.thinking ?? delta.partial_json;
  return typeof piece === 'string' ? piece.length : 0;
}

/**
 * When each event of a stream goes out, in ms from the request: message_start (with the headers) a little before
 * the first token, the first delta at firstTokenMs, each later one when the text before it has been written, and
 * message_delta / message_stop when the whole answer has.
 */
export function streamEventTimes(events: StreamEvent[], pace: Pace): number[] {
  const totalChars = events.reduce((sum, e) => sum + writtenChars(e), 0);
  const scale = totalChars === 0 ? 0 : writingMs(pace, totalChars / 4) / totalChars;
  let written = 0;
  return events.map((event) => {
    if (event.event === 'message_start') {
      return pace.firstTokenMs * 0.6;
    }
    const at = pace.firstTokenMs + written * scale;
    written += writtenChars(event);
    return event.event === 'message_delta' || event.event === 'message_stop' ? pace.firstTokenMs + totalChars * scale : at;
  });
}
