// What a person can do about an error, as data: core says which remedy applies (a hint code) and which knob it
// turns (the timeout, the base URL, the retry-wait cap); each face names the knob its own way, the extension by its
// setting, the CLI by its flag. Core's own wording names no face's knob.

export type HintCode = 'no-answer' | 'went-silent' | 'trickles' | 'nothing-listening' | 'long-retry-after';

/** How a face names each knob a hint may tell the user to turn. */
export interface HintKnobs {
  timeout: string;
  baseUrl: string;
  maxRetryWait: string;
}

/** Core's words: no setting, no flag. */
export const NEUTRAL_KNOBS: HintKnobs = { timeout: 'the timeout', baseUrl: 'the base URL', maxRetryWait: 'the cap' };

const HINTS: Record<HintCode, (knobs: HintKnobs) => string> = {
  'no-answer': (k) => `Raise ${k.timeout}, or stream the request.`,
  'went-silent': (k) => `The server sent its headers and then went silent. Raise ${k.timeout} if it is only slow.`,
  trickles: (k) => `The server trickles its answer. Raise ${k.timeout} if it is only slow.`,
  'nothing-listening': (k) => `Nothing is listening there: check ${k.baseUrl}, or start the server.`,
  'long-retry-after': (k) => `The server is asking for a long pause: try later, or raise ${k.maxRetryWait} to wait it out.`,
};

/** The hint for `code`, naming the knobs as `knobs` do (core's neutral words by default). */
export function hintText(code: HintCode, knobs: HintKnobs = NEUTRAL_KNOBS): string {
  return HINTS[code](knobs);
}

/** A hint as core writes it: its code, and its text in neutral words. */
export function hint(code: HintCode): { hint: string; hintCode: HintCode } {
  return { hint: hintText(code), hintCode: code };
}

/**
 * The error with its hint in a face's words. What core added after the hint (that what arrived is kept) stays;
 * an error without a hint code, or whose hint core worded otherwise, is returned as it is.
 */
export function wordHint<E extends { hint?: string; hintCode?: HintCode }>(error: E, knobs: HintKnobs): E {
  if (!error.hintCode || !error.hint) {
    return error;
  }
  const neutral = hintText(error.hintCode);
  return error.hint.startsWith(neutral) ? { ...error, hint: hintText(error.hintCode, knobs) + error.hint.slice(neutral.length) } : error;
}
