// The Messages API stand-in's command line (src/standIn/main.js): where it listens, its key, its pace, bad options
// and a port already taken (see standIn.test.ts and standInModels.test.ts).
import Anthropic from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { STAND_IN_API_KEY } from '../../src/standIn/fakeKey';
import { FAMILIES } from '../../src/standIn/family';
import type { StandIn } from '../../src/standIn/server';
import { ask, KEY, useStandInWithSdk } from '../support/standInRequests';

describe('Messages API stand-in, models and answers', function () {
  let standIn: StandIn;
  useStandInWithSdk((started) => ({ standIn } = started));

  describe('main.js', () => {
    const main = path.join(__dirname, '..', '..', 'src', 'standIn', 'main.js');

    function run(args: string[]): { lines: Promise<string>; exit: Promise<{ code: number | null; stderr: string }>; kill: () => void } {
      const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const lines = new Promise<string>((resolve) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) {
            resolve(out.split('\n')[0]);
          }
        });
        child.on('exit', () => resolve(out));
      });
      const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
      return { lines, exit, kill: () => child.kill('SIGTERM') };
    }

    it('prints where it listens, answers, and stops on SIGTERM', async () => {
      const proc = run(['--port', '0', '--quiet', '--key', 'sk-ant-cli-key-000000']);
      const line = await proc.lines;
      const match = /^Messages API stand-in listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      assert.ok(match, line);
      const response = await fetch(`${match[1]}/v1/models`, { headers: { 'x-api-key': 'sk-ant-cli-key-000000', 'anthropic-version': '2023-06-01' } });
      assert.equal(response.status, 200);
      proc.kill();
      assert.equal((await proc.exit).code, 0);
    });

    it('accepts the fixed stand-in key when given no --key, and refuses any other with the API\'s 401', async () => {
      const proc = run(['--port', '0', '--quiet', '--latency', '0']);
      try {
        const url = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(await proc.lines)?.[1];
        assert.ok(url);
        const ask_ = (headers: Record<string, string>) =>
          fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json', ...headers }, body: JSON.stringify(ask('hi')) });
        assert.equal((await ask_({ 'x-api-key': STAND_IN_API_KEY })).status, 200);
        assert.equal((await ask_({ authorization: `Bearer ${STAND_IN_API_KEY}` })).status, 200);
        const message = await new Anthropic({ apiKey: STAND_IN_API_KEY, baseURL: url, maxRetries: 0 }).messages.create(ask('through the SDK'));
        assert.ok(message.content.length > 0);
        for (const wrong of [KEY, `${STAND_IN_API_KEY}x`, STAND_IN_API_KEY.toUpperCase()]) {
          const refused = await ask_({ 'x-api-key': wrong });
          const text = await refused.text();
          assert.equal(refused.status, 401);
          const body = JSON.parse(text) as { type: string; error: { type: string; message: string }; request_id: string };
          assert.deepEqual(Object.keys(body), ['type', 'error', 'request_id']);
          assert.equal(body.type, 'error');
          assert.deepEqual(body.error, { type: 'authentication_error', message: 'invalid x-api-key' });
          assert.equal(body.request_id, refused.headers.get('request-id'));
          assert.ok(!text.includes(wrong), 'the refused key is not echoed');
        }
        const models = await fetch(`${url}/v1/models`, { headers: { 'x-api-key': 'not-the-key', 'anthropic-version': '2023-06-01' } });
        assert.equal(models.status, 401);
      } finally {
        proc.kill();
        await proc.exit;
      }
    });

    it('answers at the families\' realistic pace by default, and at once with --latency 0', async () => {
      const timed = async (args: string[]): Promise<number> => {
        const proc = run(['--port', '0', '--quiet', ...args]);
        try {
          const url = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(await proc.lines)?.[1];
          const sdk_ = new Anthropic({ apiKey: STAND_IN_API_KEY, baseURL: url, maxRetries: 0 });
          await sdk_.messages.create(ask('warm up', { model: 'claude-haiku-5-5', max_tokens: 1 }));
          const started = Date.now();
          await sdk_.messages.create(ask('How long?', { model: 'claude-haiku-5-5' }));
          return Date.now() - started;
        } finally {
          proc.kill();
          await proc.exit;
        }
      };
      assert.ok((await timed([])) >= FAMILIES.haiku.firstTokenMs * 0.9, 'a Haiku-class answer takes at least its first-token time');
      assert.ok((await timed(['--latency', '0'])) < FAMILIES.haiku.firstTokenMs * 0.9);
    });

    it('refuses a bad --port or --latency (not plain decimal digits) or an empty --key with exit 2 and a line naming it', async () => {
      for (const [args, pattern] of [
        [['--latency', 'fast'], /^--latency must be a number from 0 to 100 .*not "fast"$/],
        [['--latency=-1'], /^--latency must be a number/],
        [['--key', ''], /^--key must not be empty/],
        // Decimal digits only: Number() took "" as 0 (any free port), "0x1F90" as 8080 and "1e1" as a pace of 10.
        [['--port', ''], /^--port must be a whole number from 0 to 65535 in decimal digits .*not ""$/],
        [['--port', '0x1F90'], /^--port must be a whole number .*not "0x1F90"$/],
        [['--port', ' 8080 '], /^--port must be a whole number .*not " 8080 "$/],
        [['--port', '+80'], /^--port must be a whole number .*not "\+80"$/],
        [['--port', '70000'], /^--port must be a whole number from 0 to 65535/],
        [['--latency', ''], /^--latency must be a number from 0 to 100 .*not ""$/],
        [['--latency', '1e1'], /^--latency must be a number .*not "1e1"$/],
        [['--latency', '0x1'], /^--latency must be a number .*not "0x1"$/],
        [['--latency', ' 1'], /^--latency must be a number .*not " 1"$/],
      ] as [string[], RegExp][]) {
        // A value read loosely would start a server that never exits: stop it after a bound, and fail.
        const proc = run(args);
        const bound = setTimeout(proc.kill, 5000);
        const { code, stderr } = await proc.exit.finally(() => clearTimeout(bound));
        assert.equal(code, 2, `${JSON.stringify(args)}: ${stderr}`);
        assert.match(stderr.trim(), pattern);
      }
    });

    it('exits 1 with a clear message when the port is taken', async () => {
      const proc = run(['--port', String(standIn.port)]);
      const { code, stderr } = await proc.exit;
      assert.equal(code, 1);
      assert.match(stderr.trim(), new RegExp(`^Port ${standIn.port} on 127\\.0\\.0\\.1 is already in use`));
      assert.equal(stderr.trim().split('\n').length, 1);
    });
  });
});
