// "Small files with one job": a source file over 300 lines says why in its head (a line "Over 300 lines: …" in its
// first 15 lines), so that a long file is a decision, not an accident. Test fixtures (data) are exempt.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const LIMIT = 300;
const SOURCE = /^(src|test|bench|scripts|media)\/.*\.(ts|js|mjs|css)$/;

/** The files of `lines` longer than the limit whose head gives no reason. */
export function longWithoutReason(files: { name: string; text: string }[]): string[] {
  return files
    .filter(({ text }) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0) > LIMIT)
    .filter(({ text }) => !text.split('\n').slice(0, 15).some((line) => /Over 300 lines: \S/.test(line)))
    .map(({ name, text }) => `${name}: ${text.split('\n').length} lines`);
}

describe('file sizes', () => {
  it('finds a long file without a reason, and accepts one with it (the check can fail)', () => {
    const long = Array.from({ length: LIMIT + 1 }, (_, i) => `const a${i} = ${i};`).join('\n');
    assert.deepEqual(longWithoutReason([{ name: 'a.ts', text: long }]).length, 1);
    assert.deepEqual(longWithoutReason([{ name: 'b.ts', text: `// Over 300 lines: one table.\n${long}` }]), []);
    assert.deepEqual(longWithoutReason([{ name: 'c.ts', text: long.split('\n').slice(0, LIMIT).join('\n') }]), []);
  });

  it('every source file of the project is at most 300 lines, or says why in its head', () => {
    const names = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((name) => SOURCE.test(name) && !name.includes('/fixtures/') && fs.existsSync(path.join(root, name)));
    assert.ok(names.length > 100, `only ${names.length} source files found`);
    assert.deepEqual(longWithoutReason(names.map((name) => ({ name, text: fs.readFileSync(path.join(root, name), 'utf8') }))), []);
  });
});
