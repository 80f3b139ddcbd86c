// The CLI refuses bad request files as the editor does, through the built dist/cli.js against the stand-in: exit
// code, the exact `file:line:column: message` lines, and nothing sent. Files are random (seeded), with one planted
// fault whose place the test computes on its own.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnoseRequest } from '../../src/core/requestFiles/diagnostics';
import { MAX_REQUEST_BYTES } from '../../src/core/requestFiles/requestBytes';
import { MAX_NESTING, positionAt } from '../../src/core/requestFiles/requestFile';
import { exactNumberText, expectedPosition, inexactNumberText, printRequest, randomRequest, seededRng } from './requestFileCases';
import { cli, RUN_BOUND_MS, useCliFilesSuite } from '../support/cliFilesSuite';

describe('CLI: request files are checked as the editor checks them', function () {
  this.timeout(120_000);
  const suite = useCliFilesSuite();
  const { file, refused, hello } = suite;

  it('refuses duplicate keys and inexact numbers at their line:column, for send, count and curl, with the Problems panel\'s messages', async () => {
    const rng = seededRng(101);
    for (let i = 0; i < 18; i++) {
      const request = randomRequest(rng);
      const probe = printRequest(request, rng, { eol: '\n', comments: false });
      const eol = (['\n', '\r\n', '\r'] as const)[i % 3];
      const printed =
        i % 2 === 0
          ? printRequest(request, seededRng(i), { eol, comments: true, duplicateIn: { object: Math.floor(rng() * probe.objects), value: '"again"' } })
          : printRequest(request, seededRng(i), { eol, comments: true, numberAs: { number: 1 + Math.floor(rng() * (probe.numbers - 1)), text: inexactNumberText(rng) } });
      const bom = i % 4 === 1;
      const text = bom ? `\uFEFF${printed.text}` : printed.text;
      const target = file(text);
      const command = (['send', 'count', 'curl'] as const)[i % 3];
      const run = await cli([command, target, '--base-url', suite.standIn.url], suite.env);
      refused(run, `case ${i} ${command}`);
      const { line, column } = expectedPosition(text, printed.mark! + (bom ? 1 : 0));
      // The same messages as the Problems panel, from the same core, each as file:line:column: message.
      const panel = diagnoseRequest(bom ? text.slice(1) : text, { defaultMaxTokens: 1024, defaultModel: 'claude-sonnet-5-5' }).filter((d) => d.severity === 'error');
      const expected = panel.map((d) => {
        const at = positionAt(text, d.offset + (bom ? 1 : 0));
        return `${target}:${at.line}:${at.column}: ${d.message}`;
      });
      assert.ok(expected.some((l) => l.startsWith(`${target}:${line}:${column}: ${i % 2 === 0 ? 'duplicate key' : 'this number cannot be sent exactly'}`)), `case ${i}: planted fault at ${line}:${column}\n${expected.join('\n')}`);
      const count = panel.length === 1 ? '1 error' : `${panel.length} errors`;
      const hint = i % 2 === 0 ? ' (--no-check sends it anyway, to see what the API says)' : '';
      assert.equal(run.stderr, `${expected.join('\n')}\nclaude-inspector: nothing was sent: ${target} has ${count}${hint}\n`, `case ${i}`);
      if (i % 2 === 1) {
        refused(await cli([command, target, '--base-url', suite.standIn.url, '--no-check'], suite.env), `case ${i}: a number that would change is refused even with --no-check`);
      }
    }
  });

  it('sends the last of two keys with --no-check, and sends a file with a byte order mark as written', async () => {
    const twice = file('{"messages": [{"role": "user", "content": "first"}],\n "messages": [{"role": "user", "content": "second"}]}');
    const run = await cli(['send', twice, '--base-url', suite.standIn.url, '--no-check', '--json'], suite.env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(suite.standIn.requests[0].body).messages[0].content, 'second');
    const rng = seededRng(102);
    for (let i = 0; i < 4; i++) {
      const request = randomRequest(rng);
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(printRequest(request, rng, { eol: (['\n', '\r\n', '\r'] as const)[i % 3], comments: true }).text)]);
      const curl = await cli(['curl', file(bom)], {});
      assert.equal(curl.code, 0, curl.stderr);
      assert.ok(curl.stdout.includes(JSON.stringify(request.messages).slice(1, 20).replace(/'/g, "'\\''")), 'the body is the file\'s');
    }
    suite.standIn.reset();
    const bomHello = await cli(['send', file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(hello)])), '--base-url', suite.standIn.url], suite.env);
    assert.equal(bomHello.code, 0, bomHello.stderr);
    assert.equal(suite.standIn.requests[0].body, '{"model":"claude-sonnet-5-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello"}]}');
  });

  it('gives the same line:column for a syntax error with LF, CRLF and CR-only line ends', async () => {
    const rng = seededRng(103);
    for (let i = 0; i < 4; i++) {
      const request = randomRequest(rng);
      const probe = printRequest(request, rng, { eol: '\n', comments: false });
      const number = 1 + Math.floor(rng() * (probe.numbers - 1));
      const lines = new Set<string>();
      for (const eol of ['\n', '\r\n', '\r'] as const) {
        const printed = printRequest(request, seededRng(i), { eol, comments: true, numberAs: { number, text: '+1' } });
        const target = file(printed.text);
        const run = await cli(['curl', target], {});
        refused(run, `case ${i} ${JSON.stringify(eol)}`);
        const { line, column } = expectedPosition(printed.text, printed.mark!);
        assert.ok(run.stderr.startsWith(`${target}:${line}:${column}: invalid JSON: `), run.stderr);
        lines.add(`${line}:${column}`);
      }
      assert.equal(lines.size, 1);
    }
  });

  it('names UTF-16 and UTF-32 files, and refuses binary and invalid UTF-8 at their place', async () => {
    const text = `{\n  "messages": [{"role": "user", "content": "${exactNumberText(seededRng(1))}"}]\n}\n`;
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const cases: [Buffer, string][] = [
      [le, 'UTF-16 LE'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'UTF-16 LE'],
      [be, 'UTF-16 BE'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'UTF-16 BE'],
      [Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(Array.from(text).flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))]), 'UTF-32 LE'],
    ];
    for (const [bytes, name] of cases) {
      const target = file(bytes);
      const run = await cli(['send', target, '--base-url', suite.standIn.url], suite.env);
      refused(run, name);
      assert.equal(run.stderr, `claude-inspector: cannot read ${target}: the file is ${name}: save it as UTF-8\n`);
      const piped = await cli(['send', '-', '--base-url', suite.standIn.url], suite.env, bytes);
      assert.equal(piped.stderr, `claude-inspector: cannot read <stdin>: the file is ${name}: save it as UTF-8\n`);
    }
    const binary = file(Buffer.concat([Buffer.from('{\n  "messages": '), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])]));
    const run = await cli(['send', binary, '--base-url', suite.standIn.url], suite.env);
    refused(run, 'binary');
    assert.equal(run.stderr, `${binary}:2:15: invalid UTF-8: a request file must be saved as UTF-8 text\nclaude-inspector: nothing was sent: the file is not UTF-8 text\n`);
    const nul = file(Buffer.concat([Buffer.from('{"a":\r\n  "'), Buffer.from([0, 1]), Buffer.from('"}')]));
    assert.equal((await cli(['curl', nul], {})).stderr, `${nul}:2:4: the file holds NUL bytes: it is binary data, not a UTF-8 JSON request file\nclaude-inspector: nothing was sent: the file is not UTF-8 text\n`);
  });

  it('refuses nesting too deep at the bracket that goes too deep, and sends the deepest it allows', async () => {
    for (const levels of [MAX_NESTING + 1, 100_000, 2_000_000]) {
      const prefix = '{\n  "messages": [{"role": "user", "content": "deep"}],\n  "extra": ';
      const text = `${prefix}${'['.repeat(levels - 1)}`;
      const target = file(text);
      const run = await cli(['send', target, '--base-url', suite.standIn.url], suite.env);
      refused(run, `${levels} levels`);
      assert.ok(run.stderr.startsWith(`${target}:3:${12 + MAX_NESTING - 1}: nesting too deep: more than ${MAX_NESTING} levels of [ and {`), run.stderr.slice(0, 300));
      const stdin = await cli(['count', '-', '--base-url', suite.standIn.url], suite.env, text);
      refused(stdin, `${levels} levels on stdin`);
    }
    const deepest = `{"messages": [{"role": "user", "content": "deep"}], "extra": ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)}}`;
    const run = await cli(['send', file(deepest), '--base-url', suite.standIn.url, '--json'], suite.env);
    assert.equal(run.code, 0, run.stderr.slice(0, 500));
    assert.equal(JSON.parse(suite.standIn.requests[0].body).extra.length, 1);
  });

  it('refuses a file or stdin above 32 MB without reading it all, and an endless stdin stops', async () => {
    const big = path.join(suite.dir, 'big.claude.json');
    fs.writeFileSync(big, hello);
    fs.truncateSync(big, MAX_REQUEST_BYTES + 1);
    const run = await cli(['send', big, '--base-url', suite.standIn.url], suite.env);
    refused(run, 'big file');
    assert.equal(run.stderr, `claude-inspector: cannot read ${big}: it is larger than 32 MB, the most the API accepts in one request (${MAX_REQUEST_BYTES + 1} bytes)\n`);
    const started = Date.now();
    const endless = await cli(['send', '-', '--base-url', suite.standIn.url], suite.env, 'endless');
    refused(endless, 'endless stdin');
    assert.equal(endless.stderr, 'claude-inspector: cannot read <stdin>: it is larger than 32 MB, the most the API accepts in one request; stopped reading there\n');
    assert.ok(Date.now() - started < RUN_BOUND_MS);
  });

  it('refuses a folder, a missing file, a pipe, a device and an unreadable file, with the reason', async () => {
    const fifo = path.join(suite.dir, 'pipe.claude.json');
    execFileSync('mkfifo', [fifo]);
    const cases: [string, string][] = [
      [suite.dir, `cannot read ${suite.dir}: it is a folder`],
      [path.join(suite.dir, 'nope.claude.json'), `cannot read ${path.join(suite.dir, 'nope.claude.json')}: no such file`],
      [path.join(suite.dir, 'nope', 'x.json'), `cannot read ${path.join(suite.dir, 'nope', 'x.json')}: no such file`],
      [fifo, `cannot read ${fifo}: it is a named pipe, not a file: pipe it to stdin instead, e.g. claude-inspector send - < ${fifo}`],
      ['/dev/zero', 'cannot read /dev/zero: it is a device, not a file: pipe it to stdin instead, e.g. claude-inspector send - < /dev/zero'],
    ];
    for (const [target, message] of cases) {
      for (const command of ['send', 'count', 'curl']) {
        const run = await cli([command, target, '--base-url', suite.standIn.url], suite.env);
        refused(run, `${command} ${target}`);
        assert.equal(run.stderr, `claude-inspector: ${message}\n`);
      }
    }
    // Root reads every file whatever its mode, so this class can only be produced as another user.
    if (process.getuid?.() !== 0) {
      const locked = file(hello);
      fs.chmodSync(locked, 0o000);
      const run = await cli(['send', locked, '--base-url', suite.standIn.url], suite.env);
      refused(run, 'unreadable');
      assert.equal(run.stderr, `claude-inspector: cannot read ${locked}: permission denied\n`);
    }
  });

  it('refuses errors the editor shows and prints its warnings, then sends; --no-check sends anyway', async () => {
    const errors = file('{\n  "temperature": 0.5,\n  "messages": [{"role": "developer", "content": "x"}]\n}');
    for (const command of ['send', 'count', 'curl']) {
      const run = await cli([command, errors, '--base-url', suite.standIn.url], suite.env);
      refused(run, command);
      assert.equal(
        run.stderr,
        `${errors}:2:3: temperature is rejected under anthropic-version 2026-10-21 (what SDK 1.x sends): remove it; use output_config.effort or the prompt to steer the answer.\n` +
          `${errors}:3:25: role must be "user", "assistant" or "system", not "developer". Instructions go in the top-level "system" field, or a "system" turn.\n` +
          `claude-inspector: nothing was sent: ${errors} has 2 errors (--no-check sends it anyway, to see what the API says)\n`,
      );
      const loose = await cli([command, errors, '--base-url', suite.standIn.url, '--no-check'], suite.env);
      assert.notEqual(loose.code, 2, loose.stderr);
      assert.equal(suite.standIn.requests.length, command === 'curl' ? 0 : 1, `${command} --no-check goes on`);
      suite.standIn.reset();
    }
    const thinking = file('{"thinking": {"type": "enabled", "budget_tokens": 2048}, "messages": [{"role": "user", "content": "x"}]}');
    assert.match((await cli(['curl', thinking, '--max-tokens', '2000'], {})).stderr, /must be below max_tokens \(from --max-tokens or its default\) \(2000\)/);
    const warned = file('{"messages": [{"role": "user", "content": "x"},\r\n {"role": "assistant", "content": ""}]}');
    const run = await cli(['send', warned, '--base-url', suite.standIn.url, '--json'], suite.env);
    assert.ok(run.stderr.startsWith(`${warned}:2:35: warning: The final assistant turn is empty: remove it, or write the start of the answer (a prefill).\n`), run.stderr);
    assert.equal(suite.standIn.requests.length, 1, 'a warning does not stop the send');
  });

});
