// The editor sends the check worker the edits of a request file instead of its whole text (src/core/requestFiles/
// textEdits.ts): the edits must make exactly the editor's text, and where the log of them cannot be trusted (an
// event missed, an end-of-line change, too much typed) it must say so, so that the whole text goes instead.
import * as assert from 'node:assert/strict';
import { applyEdits, EditLog } from '../../src/core/requestFiles/textEdits';

describe('text edits for the check worker', () => {
  it('applies the changes of one event one after the other, from the end of the text back, as VS Code lists them', () => {
    // Two cursors: "b" replaced by "XY" and "d" deleted, listed from the end back.
    assert.equal(applyEdits('abcde', [{ offset: 3, length: 1, text: '' }, { offset: 1, length: 1, text: 'XY' }]), 'aXYce');
    assert.equal(applyEdits('', [{ offset: 0, length: 0, text: '{}' }]), '{}');
    assert.throws(() => applyEdits('abc', [{ offset: 2, length: 5, text: '' }]), RangeError);
  });

  it('gives the edits between two versions, and nothing it does not know', () => {
    const log = new EditLog(1);
    log.record(2, [{ offset: 0, length: 0, text: 'a' }]);
    log.record(3, [{ offset: 1, length: 0, text: 'b' }]);
    log.record(4, [{ offset: 0, length: 1, text: '' }]);
    assert.equal(applyEdits('', log.since(1) ?? []), 'b');
    assert.equal(applyEdits('a', log.since(2, 3) ?? []), 'ab');
    assert.deepEqual(log.since(4), []);
    assert.equal(log.since(0), undefined, 'a version before the log');
    // The worker has version 3 now: what came before is dropped.
    log.trim(3);
    assert.equal(log.since(1), undefined);
    assert.equal(applyEdits('ab', log.since(3) ?? []), 'b');
  });

  it('starts again where an event skipped a version or changed the text without saying how', () => {
    const log = new EditLog(1);
    log.record(2, [{ offset: 0, length: 0, text: 'a' }]);
    // Version 3 was missed.
    log.record(4, [{ offset: 0, length: 0, text: 'c' }]);
    assert.equal(log.since(1), undefined);
    assert.deepEqual(log.since(4), []);
    log.record(5, [{ offset: 0, length: 0, text: 'd' }]);
    assert.deepEqual(log.since(4), [{ offset: 0, length: 0, text: 'd' }]);
    // The line ends changed (a new version, no content changes): what was logged is no longer enough.
    log.record(6, []);
    assert.equal(log.since(4), undefined);
    // The dirty state changed (same version, no changes): nothing happened to the text.
    log.record(6, []);
    assert.deepEqual(log.since(6), []);
  });

  it('gives up on a long run of edits, which costs more to replay than the text to send', () => {
    const log = new EditLog(1);
    const paste = 'x'.repeat(600 * 1024);
    log.record(2, [{ offset: 0, length: 0, text: paste }]);
    assert.ok(log.since(1));
    log.record(3, [{ offset: 0, length: 0, text: paste }]);
    assert.equal(log.since(1), undefined, 'more than a megabyte typed since');
    log.record(4, [{ offset: 0, length: 0, text: 'y' }]);
    assert.equal(log.since(3)?.length, 1);
  });
});
