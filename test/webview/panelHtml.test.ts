// The panel page (pure): a strict CSP, the nonce on the one script and the stylesheets, all inline (a linked file is
// a round trip through VS Code's service worker), nothing in them able to end its element early, the files they
// name (the codicon font, source maps) resolved to webview URIs.
import * as assert from 'node:assert/strict';
import { fontDataUrl, inlineScript, inlineStyle } from '../../src/extension/panel/inlineAssets';
import { panelCsp, panelHtml } from '../../src/extension/panel/panelHtml';

const RESOURCES = 'https://file+.vscode-resource.vscode-cdn.net/ext/dist';
const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Vub25jZW5vbmNlMTIzNA==',
  script: 'document.body.dataset.ran = "yes";',
  styles: ['.codicon { font-family: codicon; }', 'body { color: var(--vscode-foreground); }'],
  title: 'Claude <Inspector> & "friends"',
};

describe('webview: panelHtml', () => {
  it('sets a CSP with nothing inline but what carries the nonce, and nothing remote', () => {
    const html = panelHtml(options);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(
      csp,
      "default-src &#39;none&#39;; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src &#39;nonce-bm9uY2Vub25jZW5vbmNlMTIzNA==&#39;; font-src data:; script-src &#39;nonce-bm9uY2Vub25jZW5vbmNlMTIzNA==&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;;",
    );
    assert.ok(!panelCsp(options.cspSource, options.nonce).includes('unsafe'));
  });

  it('puts the one script and each stylesheet inline, in order, each with the nonce', () => {
    const html = panelHtml(options);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes(`<script nonce="${options.nonce}">${options.script}</script>`));
    const styles = [...html.matchAll(/<style nonce="([^"]*)">([^<]*)<\/style>/g)];
    assert.deepEqual(styles.map((m) => [m[1], m[2]]), options.styles.map((css) => [options.nonce, css]));
    assert.ok(!/<link/.test(html), 'nothing linked');
    assert.ok(!/style=/.test(html), 'no inline style attribute');
    assert.ok(html.indexOf('<script') > html.indexOf('<main id="app"'), 'the script after the element it fills');
  });

  it('nothing in the script or a stylesheet can end its element early', () => {
    const html = panelHtml({
      ...options,
      script: 'const a = "</script><script>alert(1)</script>"; const b = /<\\/SCRIPT>/;',
      styles: ['.x::after { content: "</style><script>alert(2)</script>"; }'],
    });
    // As the HTML parser reads a script or style element: its text runs to the first end tag of its own name.
    const scriptText = /<script nonce="[^"]*">([\s\S]*?)<\/script/i.exec(html)?.[1];
    assert.equal(scriptText, 'const a = "<\\/script><script>alert(1)<\\/script>"; const b = /<\\/SCRIPT>/;', 'the whole script, the same to JavaScript');
    const styleText = /<style nonce="[^"]*">([\s\S]*?)<\/style/i.exec(html)?.[1];
    assert.equal(styleText, '.x::after { content: "<\\/style><script>alert(2)</script>"; }', 'the whole stylesheet, the same to CSS');
    assert.ok(html.trimEnd().endsWith('</script>\n</body>\n</html>'), 'the page ends after the one script');
    // "<!--" then "<script" in a script would make the parser skip the real end tag.
    const commented = panelHtml({ ...options, script: 'const c = "<!--"; const d = "<script>";' });
    assert.equal(/<script nonce="[^"]*">([\s\S]*?)<\/script/i.exec(commented)?.[1], 'const c = "\\x3C!--"; const d = "<script>";');
  });

  it('escapes the title', () => {
    const html = panelHtml({ ...options, title: '</title><script>x</script>' });
    assert.ok(html.includes('<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>'));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('refuses a nonce or cspSource that could break the policy', () => {
    assert.throws(() => panelHtml({ ...options, nonce: "abc'; script-src *" }));
    assert.throws(() => panelHtml({ ...options, nonce: 'short' }));
    assert.throws(() => panelHtml({ ...options, cspSource: "https://x; script-src 'unsafe-inline'" }));
  });

  it('resolves what a stylesheet or script names relatively (the font, a source map), and leaves the rest', () => {
    const resolve = (file: string) => `${RESOURCES}/codicons/${file}`;
    const css = '@font-face { src: url("./codicon.ttf?721d4c") format("truetype"); }\n.a { background: url(data:image/png;base64,AAAA); }\n.b { background: url(\'https://example.com/x.png\'); }\n/*# sourceMappingURL=codicon.css.map */\n';
    const inlined = inlineStyle(css, resolve);
    assert.ok(inlined.includes(`url("${RESOURCES}/codicons/codicon.ttf")`), inlined);
    assert.ok(inlined.includes('url(data:image/png;base64,AAAA)'));
    assert.ok(inlined.includes("url('https://example.com/x.png')"));
    assert.ok(inlined.endsWith(`/*# sourceMappingURL=${RESOURCES}/codicons/codicon.css.map */\n`), inlined);
    const js = 'console.log(1);\n//# sourceMappingURL=webview.js.map\n';
    assert.equal(inlineScript(js, (file) => `${RESOURCES}/${file}`), `console.log(1);\n//# sourceMappingURL=${RESOURCES}/webview.js.map\n`);
    assert.equal(inlineScript('const x = 1;', (file) => `${RESOURCES}/${file}`), 'const x = 1;', 'no map: unchanged');
    assert.equal(inlineScript('const x = 1;', () => '', 'claude-inspector/webview.js'), 'const x = 1;\n//# sourceURL=claude-inspector/webview.js\n', 'named');
  });

  it('puts a font a stylesheet names into the page as a data: URL, and nothing else', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251]);
    assert.equal(fontDataUrl('codicon.ttf', () => bytes), `data:font/ttf;base64,${Buffer.from(bytes).toString('base64')}`);
    assert.equal(fontDataUrl('x.WOFF2', () => bytes)?.startsWith('data:font/woff2;base64,'), true);
    let read = false;
    assert.equal(fontDataUrl('panel.css.map', () => ((read = true), bytes)), undefined);
    assert.equal(read, false, 'a file that is not a font is not read');
  });
});
