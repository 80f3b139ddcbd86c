// List Models that goes wrong after some pages (a cursor that repeats, a list that never ends, has_more without a
// cursor, a stall): the models of the pages that arrived are shown, in the CLI's table and in --json beside the
// error, never only said to be "kept". Random page counts and cycle lengths, through the built CLI.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRng } from '../../src/standIn/random';
import { runCli } from '../support/runCli';

const SEED = Number(process.env.MODELS_ARRIVED_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KEY = ['sk', 'ant', 'models', 'arrived', 'not', 'real', 'key0'].join('-');

type Pager = (page: number) => { ids: string[]; hasMore: boolean; last: string | null } | 'stall';

describe(`models: what arrived before the list went wrong (seed ${SEED}; MODELS_ARRIVED_SEED=${SEED} replays it)`, function () {
  this.timeout(120000);
  const rng = seededRng(SEED);
  let server: Server;
  let url = '';
  let pager: Pager = () => ({ ids: [], hasMore: false, last: null });
  const pageOf = new Map<string, number>();

  before(async () => {
    server = createServer((req, res) => {
      const after = new URL(req.url ?? '/', 'http://x').searchParams.get('after_id');
      const page = after === null ? 1 : (pageOf.get(after) ?? 0) + 1;
      const answer = pager(page);
      if (answer === 'stall') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data": [');
        return;
      }
      answer.ids.forEach((id) => pageOf.set(id, page));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: answer.ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })), has_more: answer.hasMore, first_id: answer.ids[0] ?? null, last_id: answer.last }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const id = (page: number, i: number) => `claude-p${page}-m${i}-${SEED % 1000}`;
  const ids = (page: number) => Array.from({ length: 1 + (page % 3) }, (_, i) => id(page, i));

  async function check(label: string, expectedIds: string[], message: RegExp) {
    const text = await runCli(['models', '--base-url', url, '--timeout', '1', '--max-retries', '0'], { env: { ANTHROPIC_API_KEY: KEY } });
    assert.equal(text.code, 1, `${label}: ${text.stderr}`);
    assert.match(text.stderr, message, label);
    for (const expected of expectedIds) {
      assert.ok(text.stdout.includes(expected), `seed ${SEED}, ${label}: ${expected} is shown`);
    }
    const json = await runCli(['models', '--base-url', url, '--timeout', '1', '--max-retries', '0', '--json'], { env: { ANTHROPIC_API_KEY: KEY } });
    assert.equal(json.code, 1);
    const out = JSON.parse(json.stdout) as { error: { message: string }; models?: { id: string }[] };
    assert.match(out.error.message, message);
    assert.deepEqual(out.models?.map((m) => m.id) ?? [], expectedIds, `seed ${SEED}, ${label}: --json lists them`);
  }

  it('a cursor that comes back after N pages', async () => {
    for (let round = 0; round < 4; round++) {
      const cycle = 1 + Math.floor(rng() * 4);
      pageOf.clear();
      // Page cycle+1 ends on the cursor of page 1: the list would go round for ever.
      pager = (page) => ({ ids: page <= cycle ? ids(page) : [id(1, 0)], hasMore: true, last: page <= cycle ? ids(page).at(-1)! : ids(1).at(-1)! });
      const arrived = [...Array.from({ length: cycle }, (_, i) => ids(i + 1)).flat(), id(1, 0)];
      await check(`cycle of ${cycle}`, arrived, /repeats the cursor/);
    }
  });

  it('has_more without a cursor, and a stall, after some pages', async () => {
    const good = 1 + Math.floor(rng() * 3);
    pageOf.clear();
    pager = (page) => (page <= good ? { ids: ids(page), hasMore: true, last: ids(page).at(-1)! } : { ids: [id(page, 9)], hasMore: true, last: null });
    await check('no cursor', [...Array.from({ length: good }, (_, i) => ids(i + 1)).flat(), id(good + 1, 9)], /no last_id/);
    pageOf.clear();
    pager = (page) => (page <= good ? { ids: ids(page), hasMore: true, last: ids(page).at(-1)! } : 'stall');
    await check('stall', Array.from({ length: good }, (_, i) => ids(i + 1)).flat(), /no data for 1 s/);
  });

  it('a list that never ends is stopped after 100 pages, with all 100 pages shown', async () => {
    pageOf.clear();
    pager = (page) => ({ ids: [id(page, 0)], hasMore: true, last: id(page, 0) });
    await check('endless', Array.from({ length: 100 }, (_, i) => id(i + 1, 0)), /stopped after 100 pages/);
  });
});
