// The DOM of one finished markdown segment, and the joining of segments into fewer renders: what MarkdownView
// (markdownView.ts) appends, live or when rendering a whole text.
import { el } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import { renderMarkdown, renderCodeBlock, type MarkdownEnv } from './render';
import { sanitize } from './sanitize';
import type { Segment } from './segmenter';

/** A fence longer than this is shown as plain chunked text rather than through markdown-it. */
const BIG_FENCE_CHARS = 64 * 1024;
/** Finished segments are grouped up to this size per render call when rendering a whole text. */
export const GROUP_CHARS = 16 * 1024;

/** A segment rendered: markdown, or a big code fence filled in chunks. */
export function segmentElement(segment: Segment, env: MarkdownEnv): HTMLElement {
  const node = el('div', { class: `md-seg${segment.continues ? ' md-cont' : ''}` });
  const fence = segment.fence;
  if (fence && segment.text.length > BIG_FENCE_CHARS) {
    // Too big for one markdown render and one text node: a code block filled in chunks.
    node.append(codeBlockFragment(fence.info, ''));
    const code = node.querySelector('code');
    if (code) {
      fillLongText(code, segment.text.slice(fence.contentStart, fence.contentEnd).replace(/\n$/, ''));
    }
    return node;
  }
  node.append(renderMarkdown(segment.text, env));
  return node;
}

/**
 * Consecutive segments joined up to {@link GROUP_CHARS}: they render the same joined as apart (the segmenter cut them at
 * block boundaries), with fewer markdown renders. Code fences stay apart (a big one is filled in chunks).
 */
export function joined(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && !last.fence && !segment.fence && last.text.length < GROUP_CHARS) {
      out[out.length - 1] = { text: last.text + segment.text, continues: last.continues };
    } else {
      out.push(segment);
    }
  }
  return out;
}

/** An empty code block for a fence (its info string comes from the model: escaped, then sanitized). */
export function codeBlockFragment(info: string, escaped: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = renderCodeBlock(info.split(/\s+/)[0] ?? '', escaped);
  sanitize(template.content);
  return template.content;
}
