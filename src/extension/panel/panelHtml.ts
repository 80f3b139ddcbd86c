// The response panel's HTML page. Pure (no vscode import): the extension host passes URIs already made with
// asWebviewUri and a nonce from crypto.randomBytes. Everything the page loads comes from the extension's own
// files; the only script is the bundle carrying the nonce; no inline style or script is allowed.

export interface PanelHtmlOptions {
  /** webview.cspSource: where the webview may load the extension's files from. */
  cspSource: string;
  /** A fresh random nonce (base64 or hex) for the script tag. */
  nonce: string;
  /** dist/webview.js */
  scriptUri: string;
  /** media/panel.css */
  styleUri: string;
  /** Stylesheets after it (the compare view's media/compare.css). */
  moreStyleUris?: string[];
  /** dist/codicons/codicon.css */
  codiconsUri: string;
  title: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The Content-Security-Policy of the panel. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
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
<link rel="stylesheet" href="${attr(options.codiconsUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${attr(options.styleUri)}">
${(options.moreStyleUris ?? []).map((uri) => `<link rel="stylesheet" href="${attr(uri)}">\n`).join('')}<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="app"></main>
<script nonce="${attr(nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>
`;
}
