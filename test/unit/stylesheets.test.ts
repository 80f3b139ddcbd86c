// The panel's stylesheets: colours only from the theme (--vscode-* variables and the keywords that follow them), so
// that dark, light and both high-contrast themes all work; and media/panel.css, which the build bundles into the one
// stylesheet of the page (dist/panel.css), imports every part in media/panel/ that exists, each once, and none that
// does not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const media = path.resolve(__dirname, '../../..', 'media');

function stylesheets(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? stylesheets(full) : entry.name.endsWith('.css') ? [full] : [];
  });
}

/** The text without comments, each comment replaced by its newlines (so line numbers hold). */
function withoutComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''));
}

// CSS's named colours that a stylesheet could use in place of the theme's (the common ones and every system colour
// keyword that is not a theme's: Canvas, CanvasText… do follow forced colours, so they are allowed).
const NAMED = /(?<![-\w])(black|white|red|green|blue|yellow|orange|purple|gray|grey|silver|maroon|navy|teal|olive|lime|aqua|fuchsia|pink|brown|gold)(?![-\w])/i;
const COLOUR_PROPERTY = /^\s*(color|background|background-color|border(-[a-z]+)*|outline(-color)?|fill|stroke|box-shadow|text-decoration(-color)?|caret-color|accent-color|column-rule(-color)?|scrollbar-color)\s*:/i;

/** The 1-based lines of `css` that set a colour of their own rather than the theme's. */
function ownColours(css: string): number[] {
  const lines: number[] = [];
  withoutComments(css).split('\n').forEach((line, index) => {
    const literal = /#[0-9a-f]{3,8}\b/i.test(line) || /\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i.test(line);
    // var(--name, fallback): the name is the theme's, a fallback colour would be our own.
    const named = COLOUR_PROPERTY.test(line) && NAMED.test(line.replace(/var\(--[\w-]+/g, ''));
    if (literal || named) {
      lines.push(index + 1);
    }
  });
  return lines;
}

describe('the stylesheets', () => {
  const files = stylesheets(media);

  it('exist (the test reads the real files)', () => {
    assert.ok(files.some((file) => file.endsWith(`${path.sep}panel.css`)), files.join(', '));
  });

  it('finds a colour of its own in every form (the check can fail)', () => {
    const css = 'a {\n  color: #fff;\n  background: rgb(0 0 0);\n  border: 1px solid red;\n  outline-color: var(--vscode-focusBorder, blue);\n  white-space: nowrap;\n  color: var(--vscode-foreground);\n  border-color: transparent;\n}';
    assert.deepEqual(ownColours(css), [2, 3, 4, 5]);
  });

  it('use no colour of their own: no hex, rgb(), hsl() or named colour (nor as a fallback), only the theme\'s variables', () => {
    const found = files.flatMap((file) => {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      return ownColours(lines.join('\n')).map((line) => `${path.relative(media, file)}:${line}: ${lines[line - 1].trim()}`);
    });
    assert.deepEqual(found, []);
  });

  it('media/panel.css imports every part in media/panel/, in one list, each once', () => {
    const index = fs.readFileSync(path.join(media, 'panel.css'), 'utf8');
    const imported = [...withoutComments(index).matchAll(/@import\s+url\("([^"]+)"\)\s*;/g)].map((match) => match[1]);
    const parts = fs.readdirSync(path.join(media, 'panel')).filter((name) => name.endsWith('.css')).map((name) => `panel/${name}`);
    assert.equal(new Set(imported).size, imported.length, `imported twice: ${imported}`);
    assert.deepEqual([...imported].sort(), parts.sort());
    // Only imports: a rule here would come before or after the parts depending on where it stands, silently.
    assert.equal(withoutComments(index).replace(/@import\s+url\("[^"]+"\)\s*;/g, '').trim(), '');
  });
});
