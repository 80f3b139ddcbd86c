// The response panel's HTML page. Pure (no vscode import): the extension host passes the page's script and
// stylesheets, read from its own files and made ready to go inline (inlineAssets.ts), and a nonce from
// crypto.getRandomValues. The one script and the stylesheets carry the nonce; no other inline script or style, and no
// style attribute, is allowed; the font is a data: URL, images come only from the extension's files or data: URLs.

export interface PanelHtmlOptions {
  /** webview.cspSource: where the webview may load the extension's files from. */
  cspSource: string;
  /** A fresh random nonce (base64 or hex) for the script and style tags. */
  nonce: string;
  /** The page's bundle (dist/webview.js), from inlineScript. */
  script: string;
  /** Its stylesheets in cascade order (codicons, dist/panel.css, the compare view's compare.css), from inlineStyle. */
  styles: string[];
  title: string;
}

/**
 * `text` that cannot end its <script> or <style> element early: "</script" can occur in code or CSS only inside a
 * string, a regular expression or a comment, where "<\/script" means the same. In a script, "<!--" too (with a later
 * "<script" it would keep the real end tag from ending the element), as "\x3C!--", the same there.
 */
function untilClosed(text: string, tag: 'script' | 'style'): string {
  const closed = text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
  return tag === 'script' ? closed.replace(/<!--/g, '\\x3C!--') : closed;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The Content-Security-Policy of the panel. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src 'nonce-${nonce}'`,
    // The codicon font is in the page (inlineAssets.ts).
    `font-src data:`,
    `script-src 'nonce-${nonce}'`,
    // Not covered by default-src: no <base> and no form may ever redirect the page.
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ') + ';';
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { cspSource, nonce } = options;
  // Both go into the policy itself: anything that could end a directive or a quoted source is refused.
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) {
    throw new Error('panelHtml: the nonce must be at least 16 base64 or hex characters');
  }
  // code-server gives "'self' https://*.vscode-cdn.net": sources, or the one quoted keyword 'self'.
  if (!cspSource.split(' ').every((source) => source === "'self'" || /^[^\s;'",]+$/.test(source))) {
    throw new Error(`panelHtml: unexpected cspSource ${JSON.stringify(cspSource)}`);
  }
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${options.styles.map((css) => `<style nonce="${attr(nonce)}">${untilClosed(css, 'style')}</style>\n`).join('')}<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="app"></main>
<script nonce="${attr(nonce)}">${untilClosed(options.script, 'script')}</script>
</body>
</html>
`;
}
