// The quoting of the snippets that cannot run here, read back the way their shells would read them: cmd (its
// percent expansion at an interactive prompt, its ^ escapes and quote state, then curl.exe's own argument parser)
// and PowerShell (single-quoted strings and here-strings). And every language's string literal, read back by its
// own language: TypeScript by node, Python by python3. On the curl tests' hostile corpus and a seeded fuzz of it.
import * as assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { codeSnippet } from '../../src/core/code';
import { pythonString, typescriptString } from '../../src/core/code/literals';
import { Redactor } from '../../src/core/secrets/redact';
import type { CapturedRequest } from '../../src/shared/callRecord';
import { CONTROL, HOSTILE, HOSTILE_BITS, UNICODE } from '../support/hostileText';
import { run } from '../support/snippetRunners';
// The stand-in's seeded generator (mulberry32): the same sequence for the same seed, so a printed seed replays.
import { seededRng } from '../../src/standIn/random';

const SEED = Number(process.env.CODE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KEY = ['sk', 'ant', 'fake', 'quoting', 'key', 'not', 'real', 'ASDFGHJKL0123456789'].join('-');

/** Random text from the hostile corpus: bits, controls, Unicode (lone surrogates included) and plain ASCII. */
function hostileTexts(count: number): string[] {
  const next = seededRng(SEED);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const texts = [HOSTILE, ...HOSTILE_BITS, ...CONTROL, ...UNICODE, '%ANTHROPIC_API_KEY%', '%PATH%', '^%PATH^%', '%%', '\"', 'end \\'];
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let j = 0, n = 1 + Math.floor(next() * 12); j < n; j++) {
      text += pick([pick(HOSTILE_BITS), pick(CONTROL), pick(UNICODE), 'plain words ']);
    }
    texts.push(text);
  }
  return texts;
}

/** Header values can hold visible ASCII, tabs and Latin-1, nothing else. */
function headerSafe(text: string): string {
  return [...text].filter((c) => c === '\t' || (c >= ' ' && c <= '~') || (c >= '\u00a0' && c <= '\u00ff')).join('');
}

function capture(body: unknown, extraHeaders: Record<string, string> = {}, secretHeader?: string): CapturedRequest {
  return {
    method: 'POST',
    url: 'https://api.anthropic.com/v1/messages',
    headers: {
      accept: 'application/json',
      'anthropic-version': '2026-10-21',
      authorization: 'Bearer $ANTHROPIC_API_KEY',
      'content-type': 'application/json',
      ...extraHeaders,
      ...(secretHeader ? { 'x-gateway-token': '$CLAUDE_HEADER_X_GATEWAY_TOKEN' } : {}),
    },
    masked: {
      authorization: { prefix: 'Bearer ', variable: 'ANTHROPIC_API_KEY' },
      ...(secretHeader ? { 'x-gateway-token': { variable: 'CLAUDE_HEADER_X_GATEWAY_TOKEN' } } : {}),
    },
    body: JSON.stringify(body),
  };
}

/** What cmd at an interactive prompt passes to curl.exe: continuation lines joined, %VAR% expanded, ^ removed. */
function cmdCommandLine(snippet: string, env: Record<string, string>): string {
  const lines = snippet.split('\n').filter((line) => !/^REM /.test(line) && line !== '');
  const joined = lines.join('\n').replace(/\^\n/g, '');
  assert.ok(!joined.includes('\n'), 'one command');
  // Phase 1: %NAME% of a defined variable is replaced; anything else is left as it is (interactive rules).
  let expanded = '';
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '%') {
      const end = joined.indexOf('%', i + 1);
      const name = end > i ? joined.slice(i + 1, end) : undefined;
      if (name !== undefined && Object.prototype.hasOwnProperty.call(env, name)) {
        expanded += env[name];
        i = end;
        continue;
      }
    }
    expanded += joined[i];
  }
  // Phase 2: ^ escapes the next character outside quotes; an unescaped " toggles quoting; & | < > outside quotes
  // would end or redirect the command, which our quoting must never leave.
  let out = '';
  let quoted = false;
  for (let i = 0; i < expanded.length; i++) {
    const c = expanded[i];
    if (quoted) {
      quoted = c !== '"';
      out += c;
    } else if (c === '^') {
      out += expanded[++i] ?? '';
    } else {
      assert.ok(!'&|<>'.includes(c), `cmd would act on ${c} at ${i}: ${expanded.slice(Math.max(0, i - 30), i + 30)}`);
      quoted = c === '"';
      out += c;
    }
  }
  return out;
}

/** curl.exe's arguments from its command line (the Microsoft C runtime's rules). */
function argv(commandLine: string): string[] {
  const args: string[] = [];
  let current: string | undefined;
  let quoted = false;
  for (let i = 0; i < commandLine.length; i++) {
    const c = commandLine[i];
    if (c === '\\') {
      let n = 0;
      while (commandLine[i] === '\\') {
        n++;
        i++;
      }
      if (commandLine[i] === '"') {
        current = (current ?? '') + '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) {
          current += '"';
          continue;
        }
        i--; // the quote is read next, as a quote
      } else {
        current = (current ?? '') + '\\'.repeat(n);
        i--;
      }
      continue;
    }
    if (c === '"') {
      quoted = !quoted;
      current ??= '';
      continue;
    }
    if ((c === ' ' || c === '\t') && !quoted) {
      if (current !== undefined) {
        args.push(current);
        current = undefined;
      }
      continue;
    }
    current = (current ?? '') + c;
  }
  if (current !== undefined) {
    args.push(current);
  }
  return args;
}

/** The argument after each `flag`. */
function values(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1]] : []));
}

/** PowerShell's single-quoted string at `at`: its value and where it ends (typographic quotes count as quotes). */
function psString(text: string, at: number): { value: string; end: number } {
  const QUOTE = /['\u2018-\u201b]/;
  assert.match(text[at], QUOTE);
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    if (QUOTE.test(text[i])) {
      if (QUOTE.test(text[i + 1] ?? '')) {
        value += text[i + 1];
        i++;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += text[i];
  }
  throw new Error('unterminated string');
}

/** The headers and body a PowerShell snippet sends, read as PowerShell reads its strings and here-strings. */
function readPowershell(snippet: string, env: Record<string, string>): { headers: Record<string, string>; body: string; uri: string } {
  const headers: Record<string, string> = {};
  const table = /\$headers = \[ordered\]@\{\n([\s\S]*?)\n\}\n/.exec(snippet);
  assert.ok(table, 'an ordered header table');
  for (const line of table[1].split('\n')) {
    const name = psString(line, 4);
    let rest = line.slice(name.end);
    assert.ok(rest.startsWith(' = '));
    rest = rest.slice(3);
    let value = '';
    for (const part of rest.split(' + ')) {
      value += part.startsWith('$env:') ? env[part.slice(5)] : psString(part, 0).value;
    }
    headers[name.value] = value;
  }
  const bodyAt = snippet.indexOf('$body = ');
  let body = '';
  let at = bodyAt + '$body = '.length;
  for (;;) {
    if (snippet.startsWith("@'\n", at)) {
      const end = snippet.indexOf("\n'@", at + 3);
      const content = snippet.slice(at + 3, end);
      assert.ok(!/^'@/m.test(content), 'no line of a here-string ends it early');
      body += content;
      at = end + 3;
    } else {
      const env1 = /^\(ConvertTo-Json \$env:([A-Z0-9_]+)\)\.Trim\('"'\)/.exec(snippet.slice(at));
      assert.ok(env1, `a here-string or a secret at ${snippet.slice(at, at + 40)}`);
      body += JSON.stringify(env[env1[1]]).slice(1, -1);
      at += env1[0].length;
    }
    if (!snippet.startsWith(' + ', at)) {
      break;
    }
    at += 3;
  }
  const uri = /-Uri ('[^\n]*?') -Headers/.exec(snippet);
  assert.ok(uri);
  return { headers, body, uri: psString(uri[1], 0).value };
}

describe('code quoting, read back as each shell or language reads it', function () {
  this.timeout(60_000);
  const texts = hostileTexts(300);
  const env = { ANTHROPIC_API_KEY: KEY, CLAUDE_HEADER_X_GATEWAY_TOKEN: 'gateway-token-value-0123456789' };
  const secrets = new Redactor();
  secrets.add({ value: KEY, variable: 'ANTHROPIC_API_KEY' });

  it(`cmd: every hostile text, in the body and in a header, reaches curl.exe as it was (seed ${SEED})`, () => {
    for (const text of texts) {
      const body = { model: 'claude-sonnet-5-5', max_tokens: 8, system: text, messages: [{ role: 'user', content: `${text} my key ${KEY}` }], [text]: text };
      const note = headerSafe(text);
      const snippet = codeSnippet(capture(body, { 'x-note': note }, 'secret'), 'cmd', { redactor: secrets }).text;
      assert.ok(!snippet.includes(KEY), 'the key is not inline');
      assert.ok(/^[\x20-\x7e\n]*$/.test(snippet.replace(/^\s*-H .*$/gm, '')), 'the body is plain ASCII: no code page in play');
      const args = argv(cmdCommandLine(snippet, env));
      assert.equal(args[0], 'curl.exe');
      assert.equal(args[1], 'https://api.anthropic.com/v1/messages');
      assert.deepStrictEqual(JSON.parse(values(args, '--data-binary')[0]), body, `seed ${SEED}: ${JSON.stringify(text)}`);
      const headers = values(args, '-H');
      assert.ok(headers.includes(`authorization: Bearer ${KEY}`));
      assert.ok(headers.includes(`x-gateway-token: ${env.CLAUDE_HEADER_X_GATEWAY_TOKEN}`));
      assert.ok(headers.includes(`x-note: ${note}`), `seed ${SEED}: header ${JSON.stringify(note)}`);
    }
  });

  it('cmd: a body too long for a cmd line goes through a file, written from base64 lines', () => {
    const body = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: `${HOSTILE} ${'🧪 long '.repeat(3000)}` }] };
    const snippet = codeSnippet(capture(body), 'cmd', { redactor: secrets }).text;
    const lines = snippet.split('\n');
    assert.ok(lines.every((line) => line.length < 8191), 'every line fits in cmd');
    const base64 = lines.filter((l) => l.startsWith('>>claude-body.b64 echo ')).map((l) => l.slice('>>claude-body.b64 echo '.length)).join('');
    assert.deepStrictEqual(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')), body);
    assert.match(snippet, /certutil -f -decode claude-body\.b64 claude-body\.json/);
    assert.deepStrictEqual(values(argv(cmdCommandLine(lines.filter((l) => !l.startsWith('>>') && !/^(del|certutil) /.test(l)).join('\n'), env)), '--data-binary'), ['@claude-body.json']);
  });

  it(`PowerShell: every hostile text, in the body and in a header, is read back as it was (seed ${SEED})`, () => {
    for (const text of [...texts, "'@ at a line start\n'@", "it's \u2018typographic\u2019 \u201aquotes\u201b"]) {
      const body = { model: 'claude-sonnet-5-5', max_tokens: 8, system: text, messages: [{ role: 'user', content: `${KEY}'@ after the key ${text}` }], [text]: [text] };
      const note = headerSafe(text);
      const snippet = codeSnippet(capture(body, { 'x-note': note }, 'secret'), 'powershell', { redactor: secrets }).text;
      assert.ok(!snippet.includes(KEY), 'the key is not inline');
      const read = readPowershell(snippet, env);
      assert.equal(read.uri, 'https://api.anthropic.com/v1/messages');
      assert.deepStrictEqual(JSON.parse(read.body), body, `seed ${SEED}: ${JSON.stringify(text)}`);
      assert.equal(read.headers['x-note'], note);
      assert.equal(read.headers.authorization, `Bearer ${KEY}`);
      assert.equal(read.headers['x-gateway-token'], env.CLAUDE_HEADER_X_GATEWAY_TOKEN);
      assert.equal(read.headers['content-type'], undefined, 'content-type goes as -ContentType');
    }
  });

  it(`TypeScript string literals, evaluated by node, are the text (seed ${SEED})`, () => {
    for (const text of texts) {
      const literal = typescriptString(text);
      assert.ok(!/[\n\r\u2028\u2029]/.test(literal), 'one line');
      assert.equal(vm.runInNewContext(literal), text, JSON.stringify(text));
    }
  });

  it(`Python string literals, evaluated by python3, are the text (seed ${SEED})`, async () => {
    const program = `import json, sys\nvalues = [\n${texts.map((t) => `    ${pythonString(t)},`).join('\n')}\n]\nsys.stdout.write(json.dumps(values))\n`;
    const result = await run('python3', ['-c', program], { env: { PATH: process.env.PATH } });
    assert.equal(result.code, 0, result.stderr.slice(0, 2000));
    assert.deepStrictEqual(JSON.parse(result.stdout), texts);
  });

  it('long texts stay one literal, with no character split by an escape', () => {
    const text = `${'👩‍👩‍👧 long '.repeat(20000)}\ud800 end`;
    for (const language of ['python', 'typescript', 'python-httpx', 'powershell'] as const) {
      const snippet = codeSnippet(capture({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: text }] }), language, { redactor: secrets }).text;
      const line = snippet.split('\n').find((l) => l.includes('👩‍👩‍👧 long'));
      assert.ok(line && line.length > text.length, `${language}: the text is on one line`);
      assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(snippet), `${language}: no lone surrogate written raw`);
    }
  });
});
