// The panel's script and stylesheets go into its page inline, not as links: a webview fetches a linked file through
// VS Code's service worker and the workbench, a round trip of 0.1-0.5 s (longest while the workbench reloads
// around it), and its script waits for every stylesheet. Inline, the page runs as soon as VS Code writes it. The
// codicon font goes in too, as a data: URL: a page with no request of its own pending can be closed at any moment
// (VS Code's worker holds a closed webview's pending requests for 30 s, and the next webview waits for them). Pure
// (no vscode import): the files a stylesheet or script names by a relative URL (the font, a source map) are turned
// into URLs by the host's `resolve`, given the path relative to the file's folder.

/** A relative path from the inlined file's folder to the URI the webview may load it from. */
export type Resolve = (relativePath: string) => string;

/** `css`, to go inline: its relative url()s (the codicon font) and source map resolved. */
export function inlineStyle(css: string, resolve: Resolve): string {
  const absolute = css.replace(/url\(\s*(["']?)([^"')\s]+)\1\s*\)/g, (whole, quote: string, url: string) =>
    isRelative(url) ? `url(${quote}${resolve(pathOf(url))}${quote})` : whole,
  );
  return withResolvedSourceMap(absolute, resolve);
}

/**
 * `js`, to go inline: its source map resolved, and named `name` (sourceURL), so that the developer tools and the
 * browser's long-frame reports say which script ran (an inline script has no URL of its own).
 */
export function inlineScript(js: string, resolve: Resolve, name?: string): string {
  const resolved = withResolvedSourceMap(js, resolve);
  return name ? `${resolved}${resolved.endsWith('\n') ? '' : '\n'}//# sourceURL=${name}\n` : resolved;
}

function isRelative(url: string): boolean {
  return !/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(url);
}

/** "./codicon.ttf?721d4c" -> "codicon.ttf": the query is a cache-buster, and a webview URI may carry its own. */
function pathOf(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/^\.\//, '');
}

function withResolvedSourceMap(text: string, resolve: Resolve): string {
  return text.replace(/([#@] sourceMappingURL=)(\S+?)(\s*\*\/)?(\s*)$/, (whole, prefix: string, url: string, end: string | undefined, space: string) =>
    isRelative(url) ? `${prefix}${resolve(pathOf(url))}${end ?? ''}${space}` : whole,
  );
}

/** The font types a stylesheet may name, which go into the page as data: URLs. */
const FONT_TYPES: Record<string, string> = { ttf: 'font/ttf', woff: 'font/woff', woff2: 'font/woff2' };

/** A font file's data: URL, or undefined for a file that is not a font. */
export function fontDataUrl(relativePath: string, read: () => Uint8Array): string | undefined {
  const type = FONT_TYPES[/\.([a-z0-9]+)$/i.exec(relativePath)?.[1]?.toLowerCase() ?? ''];
  return type ? `data:${type};base64,${Buffer.from(read()).toString('base64')}` : undefined;
}
