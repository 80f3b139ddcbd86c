// A big answer streamed fast, in the real extension host: the host posts the panel a few joined events, not one
// message's worth per delta; a command still answers meanwhile; the panel shows the whole answer and stops saying
// "streaming" when the stream ends.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandIn } from '../../src/standIn/server';
import { inspector, open, PANEL_WAIT_MS, waitFor, responsiveness } from './support';
import { useStandInSuite } from './standInHooks';

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
  // A fast 2 MB stream keeps a loaded 2-core machine's extension host busy (the workbench logs it "unresponsive"
  // for seconds); one retry, so that a machine busy with something else does not fail the suite. A real failure
  // fails twice.
  this.retries(1);
  let standIn: StandIn;
  useStandInSuite((ready) => ({ standIn } = ready));

  it('reaches the panel in few messages, keeps commands answering, and stops streaming with the stream', async () => {
    const api = await inspector();
    const { text, last } = paragraphs(2 * 1024 * 1024);
    // Written as fast as the socket takes it, in big chunks (the stand-in runs in this process: a write per event,
    // each on its own timer, would pace the stream at the timers' rate, not the network's).
    standIn.enqueue({ kind: 'stream', text, chunking: { bytes: 64 * 1024 } });
    const before = api.panelEventsPosted();
    const editor = await open('notes.md');
    editor.selection = new vscode.Selection(2, 0, 2, 10);

    // A command round trip keeps being timed while the answer streams: the extension host stays responsive.
    const { slowestCommandMs, commands } = await responsiveness(async () => {
      await vscode.commands.executeCommand('claudeInspector.sendSelection');
    });

    const record = api.lastCall();
    assert.equal(record?.error, undefined, `the call succeeded: ${JSON.stringify(record?.error)}`);
    assert.equal((record?.message?.content as Array<{ text?: string }>)[0].text, text);
    const deltas = (record?.timeline ?? []).reduce((sum, entry) => sum + (entry.event === 'content_block_delta' ? (entry.count ?? 1) : 0), 0);
    const after = api.panelEventsPosted();
    const posted = { messages: after.messages - before.messages, events: after.events - before.events };
    assert.ok(deltas > 10_000, `a stream of many deltas (${deltas})`);
    const said = `${posted.events} events posted to the panel in ${posted.messages} messages for ${deltas} deltas`;
    assert.ok(posted.messages < deltas / 50, `few messages: ${said}`);
    // Joined: a message carries a few events (a block's deltas in one), not the deltas that came meanwhile.
    assert.ok(posted.events <= posted.messages * 4, `few events per message: ${said}`);
    assert.ok(commands > 5 && slowestCommandMs < 300, `a command answered within 300 ms throughout (${commands} round trips, slowest ${slowestCommandMs.toFixed(0)} ms)`);

    // The panel shows the last paragraph and no longer says "streaming…".
    const endWord = new RegExp(`end ${last.slice(last.lastIndexOf(' ') + 1).replace('.', '\\.')}`);
    let seen = '(the panel did not answer)';
    await waitFor(
      'the panel to show the end of the answer, not streaming',
      async () => {
        const dom = await api.inspectPanel();
        const response = dom?.views.find((view) => /response/i.test(view.label)) ?? dom?.views[0];
        if (response) {
          const ends = response.text.match(/end \d+\./g) ?? [];
          seen = `${(dom?.html.match(/end \d+\./g) ?? []).length} paragraph ends in the markup, ${ends.length} in the text, the last "${ends[ends.length - 1]}" (expected ${endWord.source}), streaming: ${/streaming…/.test(response.text)}; ${response.text.length} chars`;
        }
        // The end is looked for in the markup: the text read as a user reads it (innerText) leaves out the groups of
        // paragraphs laid out only when scrolled to (content-visibility), as it does any long answer's.
        return response && dom && endWord.test(dom.html) && !/streaming…/.test(response.text);
      },
      PANEL_WAIT_MS,
    ).catch((error: Error) => assert.fail(`${error.message}; it shows: ${seen}`));
  });
});
