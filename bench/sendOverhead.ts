// What the core's send path (src/core/client.ts: the SDK, a client per call, the capturing fetch, the record, the
// curl, the cost) adds to a call, against a bare fetch of the same body to the same local server, in the same
// process: a JSON answer (fetch + res.json()) and a streamed one (fetch + reading the SSE body to its end). The SDK
// alone (one client, no capture) is timed too, to tell the SDK's share from the core's own. The variants are
// interleaved in a shuffled order each iteration; the server (bench/lib/cannedServer.ts) runs in a worker thread and
// answers every request with the same bytes.
//
//   node out/bench/sendOverhead.js [--send-iterations=200] [--send-warmup=30] [--send-text-chars=2000]
import Anthropic from '@anthropic-ai/sdk';
import { captureWithoutSending, sendMessage, type SendOptions } from '../src/core/client';
import { effectiveRequest, type EffectiveRequest } from '../src/core/effectiveRequest';
import { startCannedServer } from './lib/cannedServer';
import { numberOption } from './lib/options';
import { report, row, runMain } from './lib/report';
import { mean, median, ms, p95, shuffled } from './lib/stats';

const API_KEY = 'sk-ant-bench-key-000000000000';

type Variant = () => Promise<void>;

async function main(): Promise<void> {
  const iterations = Math.round(numberOption('send-iterations', 200));
  const warmup = Math.round(numberOption('send-warmup', 30));
  const textChars = Math.round(numberOption('send-text-chars', 2000));
  const server = await startCannedServer({ textChars });
  console.log(
    `send overhead: ${iterations} calls per variant after ${warmup} warm-up, interleaved; canned answer of ${textChars} chars (JSON ${server.jsonBytes} bytes, SSE ${server.events} events); server in a worker thread at ${server.url}`,
  );
  try {
    const defaults = { model: 'claude-sonnet-5-5', maxTokens: 1024 };
    const file = { messages: [{ role: 'user', content: 'Say something, the same thing each time.' }] };
    const jsonRequest = effectiveRequest(file, { ...defaults, stream: false });
    const streamRequest = effectiveRequest(file, { ...defaults, stream: true });
    const options: SendOptions = { apiKey: API_KEY, baseUrl: server.url, source: { kind: 'selection' }, timeoutMs: 600_000, maxRetries: 2 };
    // The bare fetch sends exactly the bytes the SDK sends.
    const jsonBody = (await captureWithoutSending(jsonRequest, options)).body;
    const streamBody = (await captureWithoutSending(streamRequest, options)).body;
    const url = `${server.url}/v1/messages`;
    const headers = { 'content-type': 'application/json', 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01' };
    const sdk = new Anthropic({ apiKey: API_KEY, baseURL: server.url, maxRetries: 2, timeout: 600_000, logLevel: 'warn' });

    const core = (request: EffectiveRequest): Variant => async () => {
      const record = await sendMessage(request, options);
      const block = (record.message?.content as Array<{ text?: string }> | undefined)?.[0];
      if (record.error || block?.text?.length !== textChars) {
        throw new Error(`core send failed: ${record.error?.message ?? `text of ${block?.text?.length} chars`}`);
      }
    };
    const variants: Record<string, Variant> = {
      'JSON, bare fetch': async () => {
        const res = await fetch(url, { method: 'POST', headers, body: jsonBody });
        const message = (await res.json()) as { content: Array<{ text: string }> };
        if (message.content[0].text.length !== textChars) {
          throw new Error('bare fetch: unexpected answer');
        }
      },
      'JSON, SDK alone': async () => {
        const message = await sdk.messages.create(jsonRequest.body as unknown as Anthropic.MessageCreateParamsNonStreaming);
        if (message.content.length !== 1) {
          throw new Error('SDK: unexpected answer');
        }
      },
      'JSON, core sendMessage': core(jsonRequest),
      'stream, bare fetch': async () => {
        const res = await fetch(url, { method: 'POST', headers, body: streamBody });
        let bytes = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
        }
        if (bytes === 0) {
          throw new Error('bare fetch: empty stream');
        }
      },
      'stream, SDK alone': async () => {
        const message = await sdk.messages.stream(streamRequest.body as unknown as Anthropic.MessageStreamParams).finalMessage();
        if (message.content.length !== 1) {
          throw new Error('SDK: unexpected answer');
        }
      },
      'stream, core sendMessage': core(streamRequest),
    };
    const names = Object.keys(variants);
    const samples = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let i = 0; i < warmup + iterations; i++) {
      for (const group of [names.filter((n) => n.startsWith('JSON')), names.filter((n) => n.startsWith('stream'))]) {
        for (const name of shuffled(group, i + 1)) {
          const start = performance.now();
          await variants[name]();
          const elapsed = performance.now() - start;
          if (i >= warmup) {
            samples.get(name)!.push(elapsed);
          }
        }
      }
    }
    console.log(`\n  ${'variant'.padEnd(26)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'mean'.padStart(9)}`);
    for (const name of names) {
      const s = samples.get(name)!;
      console.log(`  ${name.padEnd(26)} ${ms(median(s)).padStart(9)} ${ms(p95(s)).padStart(9)} ${ms(mean(s)).padStart(9)}`);
    }
    const get = (name: string): number[] => samples.get(name)!;
    report('sendOverhead', [
      row('send JSON: core vs bare fetch, median', median(get('JSON, bare fetch')), median(get('JSON, core sendMessage')), 'Median ms per non-streamed call: the core (SDK, client per call, capture, record, curl, cost) against fetch + res.json() of the same bytes.'),
      row('send JSON: core vs bare fetch, p95', p95(get('JSON, bare fetch')), p95(get('JSON, core sendMessage')), 'The same at the 95th percentile.'),
      row('send stream: core vs bare fetch, median', median(get('stream, bare fetch')), median(get('stream, core sendMessage')), 'Median ms per streamed call: the core (SDK stream, capture parsing every event, timeline) against fetch reading the SSE body to its end.'),
      row('send stream: core vs bare fetch, p95', p95(get('stream, bare fetch')), p95(get('stream, core sendMessage')), 'The same at the 95th percentile.'),
      row('send JSON: core vs SDK alone, median', median(get('JSON, SDK alone')), median(get('JSON, core sendMessage')), "The core against the SDK by itself (one client, the global fetch): the core's own share."),
      row('send stream: core vs SDK alone, median', median(get('stream, SDK alone')), median(get('stream, core sendMessage')), 'The same for streams.'),
    ]);
  } finally {
    await server.close();
  }
}

runMain(main);
