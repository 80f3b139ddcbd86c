// Measures what one frame of streaming costs in the panel as the answer grows: if rendering redid the whole
// message (or block) per delta, late frames would cost far more than early ones. Run after a build:
//   node esbuild.js && npx tsc -p . && node out/bench/webviewStreaming.js [megabytes]
import { Harness } from '../test/webview/harness';
import { message, startedRecord } from '../test/webview/fixtures/records';

interface BenchWindow {
  requestAnimationFrame(callback: (time: number) => void): number;
  __frames: number[];
  performance: { now(): number };
}

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? '4');
  const paragraph = 'Streaming text with **bold**, `code` and [links](https://example.com) in a long answer. '.repeat(5) + '\n\n';
  const text = paragraph.repeat(Math.ceil((megabytes * 1024 * 1024) / paragraph.length));
  const deltaSize = 40;
  const perMessage = 50;
  const harness = await Harness.start();
  const panel = await harness.open();
  // Times every animation-frame callback: that is where the panel applies a frame's deltas.
  await panel.page.evaluate(() => {
    const w = globalThis as unknown as BenchWindow;
    const original = w.requestAnimationFrame.bind(globalThis);
    w.__frames = [];
    w.requestAnimationFrame = (callback) =>
      original((time) => {
        const start = w.performance.now();
        callback(time);
        w.__frames.push(w.performance.now() - start);
      });
  });
  await panel.post({ type: 'callStarted', record: startedRecord({ id: 'bench' }) });
  await panel.post({
    type: 'events',
    callId: 'bench',
    events: [
      { ms: 0, event: 'message_start', data: { type: 'message_start', message: message([], { stop_reason: null }) } },
      { ms: 1, event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    ],
  });
  const buckets = 10;
  const perBucket = Math.ceil(text.length / buckets);
  console.log(`streaming ${(text.length / 1024 / 1024).toFixed(1)} MB in ${Math.ceil(text.length / deltaSize)} deltas of ${deltaSize} chars`);
  console.log('answer so far   frames   median ms   p95 ms   max ms   bucket wall s');
  let sent = 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    await panel.page.evaluate(() => {
      (globalThis as unknown as BenchWindow).__frames = [];
    });
    const end = Math.min(text.length, (bucket + 1) * perBucket);
    // Wall time of the bucket includes style, layout and paint, which the frame callbacks do not.
    const started = Date.now();
    while (sent < end) {
      const events = [];
      for (let i = 0; i < perMessage && sent < end; i++) {
        events.push({ ms: sent, event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: text.slice(sent, sent + deltaSize) } } });
        sent += deltaSize;
      }
      await panel.post({ type: 'events', callId: 'bench', events });
      await panel.frames(1);
    }
    const frames = (await panel.page.evaluate(() => (globalThis as unknown as BenchWindow).__frames)).sort((a, b) => a - b);
    const at = (q: number): string => (frames[Math.min(frames.length - 1, Math.floor(frames.length * q))] ?? 0).toFixed(2);
    console.log(
      `${(sent / 1024 / 1024).toFixed(2).padStart(8)} MB   ${String(frames.length).padStart(6)}   ${at(0.5).padStart(9)}   ${at(0.95).padStart(6)}   ${at(1).padStart(6)}   ${((Date.now() - started) / 1000).toFixed(1).padStart(12)}`,
    );
  }
  await panel.close();
  await harness.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
