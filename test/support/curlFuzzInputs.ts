// The curl fuzz's random inputs (moved out of curlFuzz.test.ts): bodies of every kind, bodies above 128 KiB and
// header values hostile to shells, all from one seeded generator so a seed replays the same cases.
import { CONTROL, HOSTILE_BITS, UNICODE } from './hostileText';

/** Built so that no scanner takes it for a real key. */
export const KEY = ['sk', 'ant', 'fake', 'fuzz', 'key', 'not', 'real', 'QWERTYUIOP0123456789'].join('-');

export class Random {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 {}[]:,."\'-_/+=.';

export function randomText(rng: Random, parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) {
    const kind = rng.int(10);
    if (kind < 3) {
      text += rng.pick(HOSTILE_BITS);
    } else if (kind < 5) {
      text += rng.pick(CONTROL);
    } else if (kind < 7) {
      text += rng.pick(UNICODE);
    } else {
      const n = 1 + rng.int(12);
      for (let j = 0; j < n; j++) {
        text += ASCII[rng.int(ASCII.length)];
      }
    }
  }
  return text;
}

/** A body as the SDK would send it (JSON), or any text at all; now and then one holding the key itself. */
export function randomBody(rng: Random): string {
  const text = randomText(rng, 1 + rng.int(40));
  const shape = rng.int(6);
  const body =
    shape === 0
      ? JSON.stringify({ model: 'claude-sonnet-5-5', max_tokens: 16, messages: [{ role: 'user', content: text }] })
      : shape === 1
        ? `${rng.pick(['-', '@', '%', '\\', "'", '!', '\n', '\0', '$', '#'])}${text}`
        : shape === 2
          ? `${text}${rng.pick(['\n', '\n\n', '\r\n', '\\', "'", '!', '\0', ' '])}`
          : shape === 3 && rng.chance(0.3)
            ? `{"note":"${KEY}","text":${JSON.stringify(text)}}`
            : text;
  return withoutSecretShapes(body);
}

/**
 * Text shaped like a secret (a key's sk-ant-, a URL's user@) is masked in every output, the curl included (README,
 * "Secrets"), so such a curl sends other bytes by design (curl.test.ts checks that and its note): not for this fuzz.
 */
function withoutSecretShapes(body: string): string {
  return body.replace(/sk-ant-/gi, 'sk_ant_').replace(/:\/\//g, ':/_/');
}

/** A body above 128 KiB: the kernel refuses such an argument, so the curl must not make it one. */
export function bigBody(rng: Random): string {
  const target = 128 * 1024 + rng.int(300 * 1024);
  const chunks: string[] = [];
  let size = 0;
  while (size < target) {
    const chunk = rng.chance(0.5) ? randomText(rng, 40) : JSON.stringify({ text: randomText(rng, 30) });
    chunks.push(chunk);
    size += Buffer.byteLength(chunk);
  }
  return withoutSecretShapes(chunks.join(rng.pick(['', '\n', ','])));
}

/** A header value the wire can carry: tabs, visible ASCII, Latin-1; hostile to shells in every other way. */
export function headerValue(rng: Random): string {
  const latin1 = Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + (i % 96)));
  let value = '';
  const parts = 1 + rng.int(8);
  for (let i = 0; i < parts; i++) {
    const kind = rng.int(4);
    value +=
      kind === 0
        ? rng.pick(HOSTILE_BITS.filter((bit) => !/[\0-\x08\n-\x1f\x7f]/.test(bit)))
        : kind === 1
          ? rng.pick([...latin1, '\x80', '\x85', '\x9f', '\t'])
          : ASCII.slice(rng.int(20), 20 + rng.int(40));
  }
  // The SDK trims values, as HTTP does: keep what will really be sent comparable.
  return value.trim() || 'x';
}
