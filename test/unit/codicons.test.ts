// Every $(name) icon the extension shows must be one VS Code 1.100 draws: an unknown name is a blank button, with
// no error anywhere (the History view's Clear Filter button was blank with $(clear-filter)). The list is VS Code's
// own, not @vscode/codicons': VS Code 1.100 does not take the npm package, and its newer versions name icons 1.100
// lacks (add, forward…) while missing aliases 1.100 has (versions, trashcan…).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const known = new Set(
  fs
    .readFileSync(path.join(root, 'test/unit/fixtures/codicons-vscode-1.100.txt'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#')),
);

/** Every `$(name)` in `text` (a `$(name~spin)` names `name`). */
function iconsIn(text: string): string[] {
  return [...text.matchAll(/\$\(([a-z0-9-]+)(?:~[a-z]+)?\)/g)].map((m) => m[1]);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('codicons', () => {
  it('the list of VS Code 1.100 is there and has the common icons', () => {
    assert.ok(known.size > 500, `only ${known.size} names`);
    for (const name of ['clear-all', 'filter', 'send', 'refresh', 'add', 'plus']) {
      assert.ok(known.has(name), name);
    }
  });

  it('every $(icon) in package.json contributes is one VS Code 1.100 draws', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const used = iconsIn(JSON.stringify(pkg.contributes));
    assert.ok(used.length > 0, 'package.json names no icon: the pattern is wrong');
    assert.deepEqual([...new Set(used.filter((name) => !known.has(name)))], [], 'icons VS Code 1.100 does not have');
  });

  it('every $(icon) the extension writes in titles and status texts is one VS Code 1.100 draws', () => {
    const unknown = sourceFiles(path.join(root, 'src/extension')).flatMap((file) =>
      iconsIn(fs.readFileSync(file, 'utf8'))
        .filter((name) => !known.has(name))
        .map((name) => `${path.relative(root, file)}: $(${name})`),
    );
    assert.deepEqual(unknown, []);
  });
});
