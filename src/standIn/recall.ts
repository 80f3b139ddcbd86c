// What the earlier turns of a conversation said, as the stand-in can tell without understanding them: the name the
// person gave, the names that came up most, and what was said first and last. The canned answer mentions them, so
// that sending a whole conversation visibly differs from sending its last message alone (the API keeps no state:
// what the model knows of earlier turns is what the request carries).
import { capitalisedRuns, quote, textOf, withoutDirectives } from './conversation';
import type { RequestMessage } from './validate';

export interface Recall {
  /** The text of each user turn before the last one, oldest first. */
  earlierUser: string[];
  /** The text of each assistant turn before the last user turn. */
  earlierAssistant: string[];
  /** The name the person gave ("my name is Ada", "I'm Ada", "call me Ada"), if any. */
  personName?: string;
  /** Names that came up, most mentioned first (user turns count double: they are what the person said). */
  topics: string[];
}

const GIVEN_NAME = /\b(?:my name is|my name's|i am|i'm|call me|this is)\s+([\p{L}\p{M}'’-]+)/giu;

/** The stand-in's note about itself, which ends each of its plain answers: no topic of the conversation. */
const SELF_NOTE = 'This answer comes from the local Messages API stand-in';

/**
 * A turn's words as topics are read from them: an earlier answer of the stand-in's own (sent back by a Continue)
 * without its note about itself and its "(stand-in) You said:", so that "Claude" and "Messages API" are not taken
 * for what the person talked about.
 */
function spokenIn(message: RequestMessage): string {
  const text = textOf(message);
  if (message.role !== 'assistant' || !text.includes('(stand-in)')) {
    return text;
  }
  const cut = text.indexOf(SELF_NOTE);
  return (cut === -1 ? text : text.slice(0, cut)).replace(/\(stand-in\)\s*(You said:)?/g, '');
}

/** What came before the last user turn; undefined when there was nothing before it. */
export function recallEarlier(messages: RequestMessage[]): Recall | undefined {
  let lastUser = messages.length - 1;
  while (lastUser >= 0 && messages[lastUser].role !== 'user') {
    lastUser--;
  }
  const earlier = messages.slice(0, Math.max(0, lastUser));
  if (earlier.length === 0) {
    return undefined;
  }
  const earlierUser: string[] = [];
  const earlierAssistant: string[] = [];
  const scores = new Map<string, { score: number; first: number }>();
  const mentions = earlier.map((m) => ({ role: m.role, runs: capitalisedRuns(withoutDirectives(spokenIn(m))) }));
  // A word capitalised in the middle of a sentence is a name; then it is one at the start of a sentence too.
  const names = new Set(mentions.flatMap((m) => m.runs.filter((r) => !r.sentenceStart).map((r) => r.name)));
  let personName: string | undefined;
  let order = 0;
  earlier.forEach((message, i) => {
    const text = withoutDirectives(textOf(message));
    (message.role === 'user' ? earlierUser : earlierAssistant).push(text);
    if (message.role === 'user' && !personName) {
      // "I'm planning" gives no name; a capitalised word after "I'm" or "my name is" usually is one.
      personName = [...text.matchAll(GIVEN_NAME)].map((m) => m[1]).find((word) => /^\p{Lu}/u.test(word));
    }
    for (const run of mentions[i].runs) {
      if (!names.has(run.name) || run.name === personName) {
        continue;
      }
      const entry = scores.get(run.name) ?? { score: 0, first: order++ };
      entry.score += message.role === 'user' ? 2 : 1;
      scores.set(run.name, entry);
    }
  });
  const topics = [...scores].sort((a, b) => b[1].score - a[1].score || a[1].first - b[1].first).map(([name]) => name);
  return { earlierUser, earlierAssistant, personName, topics };
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function turns(n: number): string {
  return `${n} turn${n === 1 ? '' : 's'}`;
}

/** What the answer says about the earlier turns, longer for a more verbose family (0 brief .. 2 thorough). */
export function recallSentences(recall: Recall, verbosity: 0 | 1 | 2): string {
  const parts: string[] = [];
  const topics = recall.topics.slice(0, verbosity === 0 ? 3 : 5);
  const name = recall.personName ? `you told me your name is ${recall.personName}` : '';
  const mentioned = topics.length > 0 ? `you mentioned ${list(topics)}` : '';
  const facts = [name, mentioned].filter(Boolean).join(', and ');
  const first = recall.earlierUser[0];
  const latest = recall.earlierUser.length > 1 ? recall.earlierUser[recall.earlierUser.length - 1] : undefined;
  if (verbosity === 0) {
    // Brief, but never without something only the earlier turns held.
    if (facts) {
      parts.push(`Earlier ${facts}.`);
    } else if (first) {
      parts.push(`Earlier you said: "${quote(first, 60)}"`);
    } else {
      parts.push(`I read the ${turns(recall.earlierAssistant.length)} before it too.`);
    }
    return parts.join(' ');
  }
  const counted = `${recall.earlierUser.length} of your turns and ${recall.earlierAssistant.length} of mine`;
  parts.push(`Earlier in this conversation (${counted} before this one)${facts ? ` ${facts}` : ', nothing stood out by name'}.`);
  if (verbosity === 1) {
    if (first) {
      parts.push(`You began with: "${quote(first, 100)}"`);
    }
    if (latest) {
      parts.push(`and last said: "${quote(latest, 100)}"`);
    }
    return parts.join(' ');
  }
  recall.earlierUser.forEach((text, i) => parts.push(`Your turn ${i + 1} said: "${quote(text, 120)}"`));
  const lastMine = recall.earlierAssistant[recall.earlierAssistant.length - 1];
  if (lastMine) {
    parts.push(`And I last said: "${quote(lastMine, 120)}"`);
  }
  return parts.join(' ');
}
