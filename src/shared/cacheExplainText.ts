// The cache explanation (cacheExplain.ts) in words, the same in every face: one headline (what the cache did) and
// the lines that say why, for the panel and a terminal alike.
import type { CacheExplanation } from './cacheExplain';
import { formatCount, localTimeText } from './format';

export interface CacheExplanationText {
  /** "Cache: read 1,024 tokens, wrote 0." */
  headline: string;
  /** Why, one sentence a line: the difference, the TTL, a breakpoint too short. */
  details: string[];
  /** `warning` when something the user can fix made the cache miss. */
  severity: 'info' | 'warning';
}

const ago = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

export function cacheExplanationText(e: CacheExplanation): CacheExplanationText {
  const usage = e.usage;
  const headline = usage
    ? `Cache: read ${formatCount(usage.readTokens)} tokens, wrote ${formatCount(usage.writeTokens)} (${e.outcome === 'hit' ? 'a hit' : e.outcome === 'partial' ? 'a partial hit' : e.outcome === 'written' ? 'a miss: written for the next call' : e.outcome === 'not-cached' ? 'nothing cached' : 'unknown'}).`
    : 'Cache: the call has no usage (it failed before an answer).';
  const details: string[] = [];
  let severity: 'info' | 'warning' = 'info';
  // Local time, as History lists the calls: the user finds the earlier call there by it.
  const earlier = e.earlier ? `the earlier call of ${localTimeText(e.earlier.startedAt)} (${ago(e.earlier.ageMs)} before)` : 'the earlier call';
  switch (e.missReason) {
    case 'no-earlier-call':
      details.push(`No earlier call with ${e.model} in the history to compare the prefix with.`);
      break;
    case 'prefix-changed': {
      severity = 'warning';
      const d = e.difference;
      if (d) {
        const where = `The prefix differs from ${earlier} at ${d.path}`;
        details.push(
          d.kind === 'added'
            ? `${where}: only this call has it.`
            : d.kind === 'removed'
              ? `${where}: only the earlier call had it.`
              : `${where}.`,
        );
        if (d.before !== undefined) {
          details.push(`before: ${d.before}`);
        }
        if (d.after !== undefined) {
          details.push(`now:    ${d.after}`);
        }
      } else {
        details.push(`The prefix differs from ${earlier}.`);
      }
      break;
    }
    case 'expired':
      severity = 'warning';
      details.push(
        e.expired
          ? `The prefix is the same as ${earlier}, but that is older than the breakpoint's ${e.expired.ttl} TTL: the cache entry had expired.`
          : `The prefix is the same as ${earlier}, but the cache entry had expired.`,
      );
      break;
    case 'not-written-before':
      details.push(`The prefix is the same as ${earlier}, which had no breakpoint inside it: it cached nothing this call could read.`);
      break;
    case 'too-short':
      severity = 'warning';
      details.push(`Every breakpoint is on a prefix below ${e.model}'s minimum of ${formatCount(e.minimum.tokens)} tokens: nothing can be cached.`);
      break;
    case 'unexplained':
      details.push(unexplained(earlier, e.earlier?.usage));
      break;
    default:
      break;
  }
  for (const point of e.breakpoints) {
    if (point.tooShort && e.missReason !== 'too-short') {
      severity = 'warning';
      details.push(`The breakpoint at ${point.path} is on a prefix of about ${formatCount(point.prefixTokens)} tokens, below ${e.model}'s minimum of ${formatCount(e.minimum.tokens)}: it caches nothing.`);
    }
  }
  return { headline, details, severity };
}

/**
 * The same recent prefix, and nothing read: what the earlier call did, from its numbers. "Written" only when it
 * wrote: an earlier call that wrote nothing left nothing to read, whatever its breakpoints.
 */
function unexplained(earlier: string, usage: CacheExplanation['usage'] | undefined): string {
  const unknown = 'the API does not say why it was not read (evicted, or another workspace).';
  if (usage === undefined) {
    return `The prefix is the same as ${earlier}, which was recent: ${unknown}`;
  }
  if (usage === null) {
    return `The prefix is the same as ${earlier}, which has no usage (it failed before an answer): it may have cached nothing.`;
  }
  if (usage.writeTokens > 0) {
    return `The prefix is the same as ${earlier}, recent, and it wrote ${formatCount(usage.writeTokens)} tokens to the cache: ${unknown}`;
  }
  if (usage.readTokens > 0) {
    return `The prefix is the same as ${earlier}, which wrote nothing but read ${formatCount(usage.readTokens)} tokens from an older call's entry: ${unknown}`;
  }
  return `The prefix is the same as ${earlier}, which cached nothing either (it wrote and read 0 tokens): there was nothing to read. The API does not say why neither call wrote the prefix.`;
}
