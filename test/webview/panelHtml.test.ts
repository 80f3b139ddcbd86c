// The panel page (pure): a strict CSP, the nonce on the one script, every URI escaped.
import * as assert from 'node:assert/strict';
import { panelCsp, panelHtml } from '../../src/extension/panel/panelHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Vub25jZW5vbmNlMTIzNA==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  title: 'Claude <Inspector> & "friends"',
};

describe('webview: panelHtml', () => {
  it('sets a CSP with no inline script or style and nothing remote', () => {
    const html = panelHtml(options);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(
      csp,
      "default-src &#39;none&#39;; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; script-src &#39;nonce-bm9uY2Vub25jZW5vbmNlMTIzNA==&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;;",
    );
    assert.ok(!panelCsp(options.cspSource, options.nonce).includes('unsafe'));
  });

  it('loads the one script with the nonce, and the styles and codicons from the extension', () => {
    const html = panelHtml(options);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes(`<script nonce="${options.nonce}" src="${options.scriptUri}"></script>`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${options.styleUri}">`));
    assert.ok(html.includes(`href="${options.codiconsUri}"`));
    assert.ok(!/style=/.test(html), 'no inline style attribute');
    assert.ok(html.includes('<main id="app"'));
  });

  it('escapes the title and URIs', () => {
    const html = panelHtml({ ...options, title: '</title><script>x</script>', styleUri: 'https://x/"><script>y</script>' });
    assert.ok(html.includes('<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>'));
    assert.ok(html.includes('href="https://x/&quot;&gt;&lt;script&gt;y&lt;/script&gt;"'));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('refuses a nonce or cspSource that could break the policy', () => {
    assert.throws(() => panelHtml({ ...options, nonce: "abc'; script-src *" }));
    assert.throws(() => panelHtml({ ...options, nonce: 'short' }));
    assert.throws(() => panelHtml({ ...options, cspSource: "https://x; script-src 'unsafe-inline'" }));
  });
});
