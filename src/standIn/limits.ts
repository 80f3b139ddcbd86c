// stop_sequences and max_tokens applied to a made-up answer, as the model's generation would have met them.
import type { MessageSpec, WireBlock } from './types';
import type { MessagesRequest } from './validate';

/**
 * Applies stop_sequences and max_tokens to an answer, in the order the text would have been written: the answer
 * stops at the first stop sequence, or is cut where max_tokens runs out (about 4 characters a token).
 */
export function applyLimits(content: WireBlock[], request: MessagesRequest): MessageSpec {
  const budget = request.maxTokens === undefined ? Infinity : request.maxTokens * 4;
  let used = 0;
  const out: WireBlock[] = [];
  for (const block of content) {
    const writable = block.type === 'text' ? 'text' : block.type === 'thinking' ? 'thinking' : undefined;
    if (writable) {
      let text = String(block[writable]);
      let stopSequence: string | undefined;
      if (writable === 'text') {
        let at = -1;
        for (const sequence of request.stopSequences) {
          const found = sequence === '' ? -1 : text.indexOf(sequence);
          if (found >= 0 && (at < 0 || found < at)) {
            at = found;
            stopSequence = sequence;
          }
        }
        if (at >= 0) {
          text = text.slice(0, at);
        }
      }
      if (used + text.length > budget) {
        const cut = cutAt(text, budget - used);
        if (cut !== '' || writable === 'thinking') {
          out.push({ ...block, [writable]: cut });
        }
        return { content: out, stop_reason: 'max_tokens', usage: { output_tokens: Math.max(1, request.maxTokens ?? 1) } };
      }
      used += text.length;
      out.push({ ...block, [writable]: text });
      if (stopSequence !== undefined) {
        return { content: out, stop_reason: 'stop_sequence', stop_sequence: stopSequence };
      }
      continue;
    }
    const size = block.input !== undefined ? JSON.stringify(block.input).length : 0;
    if (used + size > budget) {
      return { content: out, stop_reason: 'max_tokens', usage: { output_tokens: Math.max(1, request.maxTokens ?? 1) } };
    }
    used += size;
    out.push(block);
  }
  return { content: out };
}

export function cutAt(text: string, chars: number): string {
  let end = Math.max(0, chars);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) {
    end--;
  }
  return text.slice(0, end);
}
