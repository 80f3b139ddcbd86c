// The compare view with four long answers streaming at once, as the host posts them (comparePanel.ts: the runs'
// events in batches, one runEvents per running run, interleaved, the runs ending apart). Whatever the cuts between
// deltas (inside words, markers, fences), every column shows exactly its own answer from the stream alone (before
// any final record, which would repair what the stream missed), and still after the runs' complete records: every
// heading, paragraph, list item and code line, in order, none from another column. Not a timing test:
// bench/webviewCompare.ts measures the frames.
import * as assert from 'node:assert/strict';
import type { CallRecord, JsonObject, TimelineEvent } from '../../src/shared/callRecord';
import type { Comparison } from '../../src/shared/modelCompare/comparison';
import type { CompareHostMessage } from '../../src/shared/modelCompare/protocol';
import type { HostMessage } from '../../src/shared/protocol';
import { Harness, type PanelPage } from './harness';
import { message, record, startedRecord } from './fixtures/records';

const MODELS = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-1'];

interface Answer {
  text: string;
  headings: string[];
  paragraphs: string[];
  items: string[];
  code: string[];
}

/** A long markdown answer that names its model in every piece, so that each piece shown can be told apart. */
function answerOf(tag: string, parts: number): Answer {
  const out: Answer = { text: '', headings: [], paragraphs: [], items: [], code: [] };
  const chunks: string[] = [];
  for (let i = 0; i < parts; i++) {
    switch (i % 4) {
      case 0:
        out.headings.push(`${tag} section ${i}`);
        chunks.push(`## ${tag} section ${i}`);
        break;
      case 1: {
        const paragraph = `${tag} paragraph ${i}: ${'the answer goes on with **bold** words and `code` spans '.repeat(3).trim()} end ${i}.`;
        out.paragraphs.push(paragraph.replace(/\*\*|`/g, ''));
        chunks.push(paragraph);
        break;
      }
      case 2:
        out.items.push(`${tag} item ${i} a`, `${tag} item ${i} b`);
        chunks.push(`- ${tag} item ${i} a\n- ${tag} item ${i} b`);
        break;
      default:
        out.code.push(`${tag} code ${i}`);
        chunks.push(`\`\`\`ts\n${tag} code ${i}\n\`\`\``);
    }
  }
  out.text = chunks.join('\n\n');
  return out;
}

/** The text cut into deltas of 1 to 40 characters, from a seeded generator: cuts fall anywhere. */
function deltasOf(text: string, seed: number): string[] {
  let state = seed;
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const size = 1 + (state % 40);
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

function finalRecord(model: string, text: string): CallRecord {
  return record({
    id: `run-${model}`,
    streamed: true,
    effectiveRequest: { model, max_tokens: 64000, messages: [{ role: 'user', content: 'Write a long answer.' }] },
    message: message([{ type: 'text', text, citations: null }], { model }),
  });
}

async function post(panel: PanelPage, m: CompareHostMessage): Promise<void> {
  await panel.post(m as unknown as HostMessage);
}

describe('webview: compare view, four long answers streamed at once', function () {
  this.timeout(300_000);
  let harness: Harness;
  let panel: PanelPage | undefined;

  before(async () => {
    harness = await Harness.start();
  });
  afterEach(async () => {
    const opened = panel;
    panel = undefined;
    if (opened) {
      try {
        assert.deepEqual(opened.errors, [], 'no script errors in the page');
        assert.deepEqual(await opened.violations(), [], 'no CSP violations');
      } finally {
        await opened.close();
      }
    }
  });
  after(async () => {
    await harness?.close();
  });

  for (const [name, parts, perBatch] of [
    ['small batches', [700, 560, 840, 420], 30],
    ['large batches, much behind', [1400, 1100, 1700, 900], 2000],
  ] as [string, number[], number][]) {
    it(`every column shows exactly its own answer, from the stream and once finished (${name})`, async () => {
      panel = await harness.open({ width: 1400, height: 900, page: 'compare' });
      const answers = MODELS.map((model, i) => answerOf(model.replace('claude-', '').replace(/-\d.*/, ''), parts[i]));
      const comparison: Comparison = {
        id: `cmp-long-${name}`,
        startedAt: '2026-11-30T10:00:00.000Z',
        source: { kind: 'file', path: 'examples/long.claude.json' },
        baseUrl: 'http://127.0.0.1:1',
        request: {},
        models: MODELS,
        runsPerModel: 1,
        concurrency: 4,
        runs: MODELS.map((model) => ({ model, run: 1, status: 'waiting' })),
      };
      await post(panel, { type: 'comparison', comparison, running: true });
      const pending = MODELS.map((model, index) => {
        const text = answers[index].text;
        let ms = 500;
        const at = () => ms++;
        const start: TimelineEvent[] = [
          { ms: at(), event: 'message_start', data: { type: 'message_start', message: { ...message([], { model }), stop_reason: null } } },
          { ms: at(), event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } } },
        ];
        const deltas: TimelineEvent[] = deltasOf(text, index + 7).map((piece) => ({ ms: at(), event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } } }));
        const end: TimelineEvent[] = [
          { ms: at(), event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
          { ms: at(), event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: Math.ceil(text.length / 4) } as JsonObject } },
          { ms: at(), event: 'message_stop', data: { type: 'message_stop' } },
        ];
        return { index, model, events: [...start, ...deltas, ...end], final: finalRecord(model, text) };
      });
      for (const run of pending) {
        await post(panel, { type: 'run', index: run.index, run: { model: run.model, run: 1, status: 'running', record: startedRecord({ id: run.final.id, effectiveRequest: run.final.effectiveRequest }) } });
      }
      // Round by round, each streaming run's next batch (the order of the runs turning each round), until each has
      // sent all of its events.
      const streaming = [...pending];
      for (let round = 0; streaming.length > 0; round++) {
        for (const run of round % 2 ? [...streaming].reverse() : [...streaming]) {
          await post(panel, { type: 'runEvents', index: run.index, events: run.events.splice(0, perBatch) });
          if (run.events.length === 0) {
            streaming.splice(streaming.indexOf(run), 1);
          }
        }
      }

      const column = (model: string) => panel!.page.locator(`.model-column[data-model="${model}"] .run-answer .block-text .md`);
      // The rendering may still be catching up with a stream faster than its frames: wait (bounded) for the last piece.
      for (const [i, model] of MODELS.entries()) {
        const last = answers[i].headings[answers[i].headings.length - 1];
        for (let frame = 0; frame < 1200 && !(await column(model).locator('h2').allTextContents()).includes(last); frame += 10) {
          await panel.frames(10);
        }
      }
      const assertShown = async (when: string) => {
        for (const [i, model] of MODELS.entries()) {
          const md = column(model);
          const expected = answers[i];
          assert.deepEqual(await md.locator('h2').allTextContents(), expected.headings, `${model}, ${when}: headings`);
          assert.deepEqual(await md.locator('p').allTextContents(), expected.paragraphs, `${model}, ${when}: paragraphs`);
          assert.deepEqual(await md.locator('li').allTextContents(), expected.items, `${model}, ${when}: list items`);
          assert.deepEqual((await md.locator('pre code').allTextContents()).map((c) => c.trim()), expected.code, `${model}, ${when}: code`);
        }
      };
      await assertShown('from the stream');
      assert.match(await panel.page.locator('.compare-progress').innerText(), /0 of 4 runs done/);
      // The runs end, one after the other: each reconciled with its complete record, nothing lost or doubled.
      for (const run of pending) {
        await post(panel, { type: 'run', index: run.index, run: { model: run.model, run: 1, status: 'ok', record: run.final } });
      }
      await post(panel, { type: 'finished', finishedAt: '2026-11-30T10:00:09.000Z' });
      await panel.frames(3);
      await assertShown('finished');
      for (const model of MODELS) {
        assert.equal(await panel.page.locator(`.model-column[data-model="${model}"] .run-button.status-ok`).count(), 1, `${model}: its run is over`);
      }
      assert.match(await panel.page.locator('.compare-progress').innerText(), /4 of 4 runs done/);
    });
  }

  it('a long answer in a column renders what the column shows and the screens around it while it streams, the rest after', async () => {
    panel = await harness.open({ width: 1400, height: 900, page: 'compare' });
    const model = MODELS[0];
    const answer = answerOf('haiku', 3000);
    const comparison: Comparison = {
      id: 'cmp-one-long',
      startedAt: '2026-11-30T10:00:00.000Z',
      source: { kind: 'file', path: 'examples/long.claude.json' },
      baseUrl: 'http://127.0.0.1:1',
      request: {},
      models: [model],
      runsPerModel: 1,
      concurrency: 1,
      runs: [{ model, run: 1, status: 'waiting' }],
    };
    await post(panel, { type: 'comparison', comparison, running: true });
    const final = finalRecord(model, answer.text);
    await post(panel, { type: 'run', index: 0, run: { model, run: 1, status: 'running', record: startedRecord({ id: final.id, effectiveRequest: final.effectiveRequest }) } });
    let ms = 500;
    const events: TimelineEvent[] = [
      { ms: ms++, event: 'message_start', data: { type: 'message_start', message: { ...message([], { model }), stop_reason: null } } },
      { ms: ms++, event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } } },
      ...deltasOf(answer.text, 3).map((piece) => ({ ms: ms++, event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } } })),
    ];
    // Streamed in batches, with frames between them: the column's end goes far below what it shows.
    for (let at = 0; at < events.length; at += 2000) {
      await post(panel, { type: 'runEvents', index: 0, events: events.slice(at, at + 2000) });
      await panel.frames(2);
    }
    await panel.frames(10);
    const box = `.model-column[data-model="${model}"] .run-answer`;
    /** The waiting groups the column shows, and whether the group just below what it shows is rendered. */
    const seen = () => panel!.page.evaluate((selector) => {
      type Box = { top: number; bottom: number };
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): Box; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): Box; classList: { contains(c: string): boolean } }> } | null } }).document;
      const column = doc.querySelector(selector);
      if (!column) {
        return { shown: -1, belowRendered: false, waiting: 0 };
      }
      const view = column.getBoundingClientRect();
      const groups = Array.from(column.querySelectorAll('.md-group'));
      const shown = groups.filter((g) => g.classList.contains('md-deferred') && g.getBoundingClientRect().top < view.bottom && g.getBoundingClientRect().bottom > view.top).length;
      const below = groups.find((g) => g.getBoundingClientRect().top >= view.bottom);
      return { shown, belowRendered: below !== undefined && !below.classList.contains('md-deferred'), waiting: groups.filter((g) => g.classList.contains('md-deferred')).length };
    }, box);
    const live = await seen();
    assert.ok(live.waiting > 0, `the column's far end waits while it streams (${JSON.stringify(live)})`);
    // Scrolled to the middle, as a reader would: what it shows is rendered, and so is the group below (a few screens
    // of the column are rendered ahead, so that scrolling on finds them done).
    await panel.page.locator(box).evaluate((column: { scrollTop: number; scrollHeight: number }) => {
      column.scrollTop = column.scrollHeight / 2;
    });
    let middle = await seen();
    for (let frame = 0; frame < 60 && (middle.shown > 0 || !middle.belowRendered); frame += 2) {
      await panel.frames(2);
      middle = await seen();
    }
    assert.equal(middle.shown, 0, `nothing the column shows is waiting (${JSON.stringify(middle)})`);
    assert.equal(middle.belowRendered, true, `the group below what the column shows is rendered too (${JSON.stringify(middle)})`);
  });
});
