// Every fault of the hostile server, through the built CLI as a user runs it (ANTHROPIC_BASE_URL at the fault, a
// sentinel key): the exit code, the message on stderr, what --json keeps, retries announced, no key and no raw
// control character in any output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HostileServer, startHostileServer } from '../hostile/server';
import { caseName, CASES, HostileCase, Outcome, sentinelKey } from './hostileCases';
import { CLI, type CliRun, runCli } from '../support/runCli';

const KEY = sentinelKey();

// A bound on the wait: a CLI that hangs fails the test instead of the suite.
const cli = (args: string[], baseUrl: string) => runCli(args, { env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: baseUrl }, timeoutMs: 15_000 });

/** The message regex without its anchors: on stderr it follows a prefix and may be followed by a hint. */
function unanchored(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.replace(/^\^/, '').replace(/\$$/, ''), pattern.flags);
}

function assertClean(run: CliRun, label: string): void {
  for (const [name, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    assert.ok(!text.includes(KEY), `${label}: the key is not on ${name}`);
    assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f]/, `${label}: no raw control character on ${name}`);
  }
}

describe('the CLI against the hostile server', function () {
  this.timeout(30000);
  let server: HostileServer;
  let dir: string;
  let file: string;

  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (node esbuild.js)');
    server = await startHostileServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-hostile-'));
    file = path.join(dir, 'hello.claude.json');
    fs.writeFileSync(file, '{"messages": [{"role": "user", "content": "Hello hostile server"}]}\n');
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function argsFor(c: HostileCase, json: boolean): string[] {
    const base = c.call === 'models' ? ['models'] : c.call === 'count' ? ['count', file] : ['send', file, c.call === 'stream' ? '--stream' : '--no-stream'];
    return [...base, '--timeout', '1', ...(c.args ?? []), ...(json ? ['--json'] : [])];
  }

  // One case per fault (the core suite runs every call of every fault), and every case that announces retries:
  // each case starts the CLI twice, and the unit stage should stay quick.
  const firstOfFault = CASES.filter((c, i) => CASES.findIndex((d) => d.fault === c.fault) === i || c.announced?.length);
  for (const c of firstOfFault) {
    it(caseName(c), async () => {
      const baseUrl = `${server.url}/${c.fault}`;
      const [json, text] = await Promise.all([cli(argsFor(c, true), baseUrl), cli(argsFor(c, false), baseUrl)]);
      assertClean(json, '--json');
      assertClean(text, 'text');
      assert.equal(json.code, c.code, `--json exit code; stderr: ${json.stderr}`);
      assert.equal(text.code, c.code, `exit code; stderr: ${text.stderr}`);
      const out = JSON.parse(json.stdout) as Record<string, unknown> & { error?: Outcome['error'] };
      if (c.code === 1) {
        assert.equal((out.error as { kind?: string } | undefined)?.kind, c.kind, `kind: ${json.stdout.slice(0, 400)}`);
        if (c.message) {
          assert.match(out.error?.message ?? '', c.message);
          assert.match(text.stderr, unanchored(c.message), 'the same message on stderr');
        }
        assert.doesNotMatch(text.stderr, /no error body/);
      }
      if (c.kept && (c.call === 'send' || c.call === 'stream')) {
        c.kept({
          error: out.error,
          message: out.response as Outcome['message'],
          body: out.responseBody as string | undefined,
          incomplete: out.incomplete as boolean | undefined,
          partialToolInputs: out.partialToolInputs as Outcome['partialToolInputs'],
          attempts: out.attempts as Outcome['attempts'],
          request: out.request as Outcome['request'],
        });
      }
      for (const line of c.announced ?? []) {
        assert.ok(text.stderr.includes(`claude-inspector: ${line}\n`), `announced on stderr: ${line}\n${text.stderr}`);
        assert.ok(json.stderr.includes(line), 'announced on stderr with --json too (stdout stays one object)');
      }
      if (c.announced?.length === 0) {
        assert.doesNotMatch(text.stderr, /retrying/);
      }
    });
  }

  it('refuses a --max-retry-wait that is not a number of seconds, 0 or more, with exit 2', async () => {
    for (const value of ['-1', 'abc', 'Infinity', 'NaN', '', '1e12']) {
      const run = await cli(['send', file, `--max-retry-wait=${value}`], `${server.url}/ok`);
      assert.equal(run.code, 2, `--max-retry-wait ${JSON.stringify(value)}: ${run.stderr}`);
      assert.match(run.stderr, /--max-retry-wait must be a number/);
    }
    const ok = await cli(['send', file, '--max-retry-wait', '0', '--no-stream'], `${server.url}/ok`);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('with --max-retry-wait 0, any retry-after fails at once', async () => {
    const run = await cli(['send', file, '--no-stream', '--max-retry-wait', '0'], `${server.url}/retry-then-ok`);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /the server asked to retry after 0\.2 s \(more than the cap of 0 s/);
    // The way out names the CLI's flag, never the extension's setting.
    assert.match(run.stderr, /raise the cap \(--max-retry-wait\) to wait it out/);
    assert.doesNotMatch(run.stderr, /claudeInspector/);
  });
});
