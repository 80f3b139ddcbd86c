// markdown-it configured for untrusted model output: no raw HTML (escaped as text), only http(s) links clickable
// (anything else is shown as plain text), images never loaded (a placeholder with the alt text and, for a web
// address, a link), table alignment as classes (the CSP forbids inline styles). Output is sanitized before use.
import MarkdownIt, { type Env, type RendererRule, type Token } from 'markdown-it';
import { sanitize } from './sanitize';
import { safeHttpUrl } from '../links/urls';

/** One env per text block: reference definitions found in a segment serve the segments after it. */
export interface MarkdownEnv extends Env {
  linkStack?: boolean[];
}

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });
const escapeHtml = md.utils.escapeHtml;

function linkStack(env: Env | undefined): boolean[] {
  const menv = (env ?? {}) as MarkdownEnv;
  menv.linkStack ??= [];
  return menv.linkStack;
}

function shortUrl(url: string): string {
  return url.length > 80 ? `${url.slice(0, 77)}…` : url;
}

const linkOpen: RendererRule = (tokens, idx, _options, env) => {
  const token = tokens[idx];
  const raw = String(token.attrGet('href') ?? '');
  const href = safeHttpUrl(raw);
  linkStack(env).push(href !== undefined);
  const title = token.attrGet('title');
  if (href !== undefined) {
    const tip = title ? `${String(title)}\n${href}` : href;
    return `<a class="md-link" href="${escapeHtml(href)}" title="${escapeHtml(tip)}">`;
  }
  const tip = raw ? `Not a web link, not opened: ${raw}` : 'Not a web link, not opened';
  return `<span class="md-link-blocked" title="${escapeHtml(tip)}">`;
};

const linkClose: RendererRule = (_tokens, _idx, _options, env) => (linkStack(env).pop() ? '</a>' : '</span>');

const image: RendererRule = (tokens, idx, options, env, renderer) => {
  const token = tokens[idx];
  const alt = renderer.renderInlineAsText(token.children ?? [], options, env) || 'image';
  const raw = String(token.attrGet('src') ?? '');
  const src = safeHttpUrl(raw);
  const placeholder =
    `<span class="md-image" title="${escapeHtml(`Image not loaded: ${raw || 'no address'}`)}">` +
    `<span class="codicon codicon-file-media" aria-hidden="true"></span>${escapeHtml(alt)}</span>`;
  // Inside a link the image's own address is not linked (no nested links); the outer link still works.
  if (src === undefined || linkStack(env).length > 0) {
    return placeholder;
  }
  return `${placeholder} <a class="md-link md-image-link" href="${escapeHtml(src)}" title="${escapeHtml(src)}">${escapeHtml(shortUrl(src))}</a>`;
};

const fence: RendererRule = (tokens, idx) => {
  const token = tokens[idx];
  const info = md.utils.unescapeAll(token.info).trim();
  const lang = info.split(/\s+/)[0] ?? '';
  return renderCodeBlock(lang, escapeHtml(token.content));
};

/** The HTML of a code block with its language and a copy button; `escaped` is already HTML-escaped. */
export function renderCodeBlock(lang: string, escaped: string): string {
  const langClass = /^[A-Za-z0-9_+#.-]{1,40}$/.test(lang) ? ` class="language-${lang}"` : '';
  return (
    `<div class="md-code"><div class="md-code-head"><span class="md-code-lang">${escapeHtml(lang || 'text')}</span>` +
    `<button type="button" class="md-copy-code" title="Copy code" aria-label="Copy code">` +
    `<span class="codicon codicon-copy" aria-hidden="true"></span></button></div>` +
    `<pre><code${langClass}>${escaped}</code></pre></div>\n`
  );
}

const escapeRaw: RendererRule = (tokens, idx) => escapeHtml(tokens[idx].content);

md.renderer.rules.link_open = linkOpen;
md.renderer.rules.link_close = linkClose;
md.renderer.rules.image = image;
md.renderer.rules.fence = fence;
// html is off, so these never run; if they ever do, the markup is shown as text.
md.renderer.rules.html_block = escapeRaw;
md.renderer.rules.html_inline = escapeRaw;

// Table cell alignment comes as style="text-align:..."; the CSP blocks inline styles, so it becomes a class.
md.core.ruler.push('alignment_classes', (state) => {
  const visit = (tokens: Token[]): void => {
    for (const token of tokens) {
      if ((token.type === 'th_open' || token.type === 'td_open') && token.attrs) {
        const style = String(token.attrGet('style') ?? '');
        token.attrs = token.attrs.filter(([name]) => name !== 'style');
        const align = /text-align:\s*(left|right|center)/.exec(style);
        if (align) {
          token.attrJoin('class', `md-align-${align[1]}`);
        }
      }
    }
  };
  visit(state.tokens);
});

/** Markdown rendered to sanitized DOM nodes. */
export function renderMarkdown(source: string, env: MarkdownEnv = {}): DocumentFragment {
  const template = document.createElement('template');
  let html: string;
  try {
    html = md.render(source, env);
  } catch (error) {
    // Never lose the answer because the renderer failed: show it as text.
    const fragment = document.createDocumentFragment();
    const fallback = document.createElement('pre');
    fallback.textContent = source;
    fragment.append(fallback);
    console.error('Claude Inspector: markdown failed', error);
    return fragment;
  } finally {
    env.linkStack = [];
  }
  // A <template> parses inertly: nothing loads and no handler runs while the sanitizer looks at it.
  template.innerHTML = html;
  sanitize(template.content);
  return template.content;
}

export { escapeHtml };
