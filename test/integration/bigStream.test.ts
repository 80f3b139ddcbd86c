// A big answer streamed fast, in the real extension host: the host posts the panel a few joined events, not one
// message's worth per delta; a command still answers meanwhile; the panel shows the whole answer and stops saying
// "streaming" when the stream ends.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/standIn/server';
import { closeAllEditors, inspector, open, stopStandIn, useStandIn, waitFor } from './support';

/** About `chars` of markdown paragraphs that say their own number; the last one is known. */
function paragraphs(chars: number): { text: string; last: string } {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const paragraph = `Paragraph ${i} of a big streamed answer, with *some* emphasis and \`code\` in it, end ${i}.`;
    out.push(paragraph);
    length += paragraph.length + 2;
  }
  return { text: out.join('\n\n'), last: out[out.length - 1] };
}

describe('A big answer streamed fast', function () {
  this.timeout(120_000);
  let standIn: StandIn;

  before(async () => {
    await inspector();
    standIn = await useStandIn();
  });
  afterEach(() => closeAllEditors());
  after(() => stopStandIn(standIn));

  it('reaches the panel in few messages, keeps commands answering, and stops streaming with the stream', async () => {
    const api = await inspector();
    const { text, last } = paragraphs(2 * 1024 * 1024);
    standIn.enqueue({ kind: 'stream', text, durationMs: 1500 });
    const before = api.panelEventsPosted();
    const editor = await open('notes.md');
    editor.selection = new vscode.Selection(2, 0, 2, 10);

    const command = `claudeInspector.test.bigStream.${Date.now()}`;
    const registration = vscode.commands.registerCommand(command, () => 'pong');
    let slowestCommandMs = 0;
    let commands = 0;
    let sending = true;
    const pinging = (async () => {
      while (sending) {
        const start = performance.now();
        assert.equal(await vscode.commands.executeCommand(command), 'pong');
        slowestCommandMs = Math.max(slowestCommandMs, performance.now() - start);
        commands++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      await vscode.commands.executeCommand('claudeInspector.sendSelection');
    } finally {
      sending = false;
      await pinging;
      registration.dispose();
    }

    const record = api.lastCall();
    assert.equal(record?.error, undefined, `the call succeeded: ${JSON.stringify(record?.error)}`);
    assert.equal((record?.message?.content as Array<{ text?: string }>)[0].text, text);
    const deltas = (record?.timeline ?? []).reduce((sum, entry) => sum + (entry.event === 'content_block_delta' ? (entry.count ?? 1) : 0), 0);
    const after = api.panelEventsPosted();
    const posted = { messages: after.messages - before.messages, events: after.events - before.events };
    assert.ok(deltas > 10_000, `a stream of many deltas (${deltas})`);
    assert.ok(posted.events < deltas / 50, `${posted.events} events posted to the panel in ${posted.messages} messages for ${deltas} deltas`);
    assert.ok(commands > 5 && slowestCommandMs < 300, `a command answered within 300 ms throughout (${commands} round trips, slowest ${slowestCommandMs.toFixed(0)} ms)`);

    // The panel shows the last paragraph and no longer says "streaming…".
    const endWord = new RegExp(`end ${last.slice(last.lastIndexOf(' ') + 1).replace('.', '\\.')}`);
    const shown = await waitFor(
      'the panel to show the end of the answer, not streaming',
      async () => {
        const dom = await api.inspectPanel();
        const response = dom?.views.find((view) => /response/i.test(view.label)) ?? dom?.views[0];
        return response && endWord.test(response.text) && !/streaming…/.test(response.text) && response;
      },
      20_000,
    );
    assert.ok(shown);
  });
});
