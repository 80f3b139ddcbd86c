// The command-line face of Claude Inspector, on the same core as the extension: `send` and `curl`.
import { parseArgs } from 'node:util';
import { summarizeError } from './core/callError';
import { captureWithoutSending, resolveBaseUrl, sendMessage } from './core/client';
import { estimateCost, formatUsd } from './core/cost';
import { countTokens } from './core/countTokens';
import { listModels } from './core/models';
import type { CallRecord } from './core/callRecord';
import { toCurl } from './core/curl';
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_TOKENS, DEFAULT_MODEL, DEFAULT_TIMEOUT_SECONDS } from './core/defaults';
import type { RequestDefaults } from './core/effectiveRequest';
import { RedactingWriter } from './core/redactingWriter';
import { rememberSecretsInPlay } from './core/secretsInPlay';
import { readRequest } from './cli/input';
import { callSummaryText } from './cli/messageText';
import { HELP, UsageError } from './cli/usage';
import { cliJson } from './cli/jsonOutput';

declare const CLI_VERSION: string | undefined;

// Every byte the CLI prints goes through one redaction, which knows the environment's secrets from the start.
rememberSecretsInPlay({ apiKey: process.env.ANTHROPIC_API_KEY });
const stdout = new RedactingWriter(process.stdout);
const stderr = new RedactingWriter(process.stderr);

function positiveNumber(value: string | undefined, name: string, fallback: number, integer: boolean): number {
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} must be ${integer ? 'a whole number' : 'a number'}, 0 or more (got "${value}")`);
  }
  return n;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'base-url': { type: 'string' },
        stream: { type: 'boolean' },
        'no-stream': { type: 'boolean' },
        json: { type: 'boolean' },
        model: { type: 'string' },
        'max-tokens': { type: 'string' },
        timeout: { type: 'string' },
        'max-retries': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout.print(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    stdout.print(`${typeof CLI_VERSION === 'string' ? CLI_VERSION : 'dev'}\n`);
    return 0;
  }
  const [command, file, ...extra] = positionals;
  if (!command) {
    throw new UsageError(`a command is needed: send, curl, count or models\n\n${HELP}`);
  }
  if (!['send', 'curl', 'count', 'models'].includes(command)) {
    throw new UsageError(`unknown command "${command}": use send, curl, count or models (see --help)`);
  }
  const timeoutMs = positiveNumber(values.timeout, '--timeout', DEFAULT_TIMEOUT_SECONDS, false) * 1000;
  const maxRetries = positiveNumber(values['max-retries'], '--max-retries', DEFAULT_MAX_RETRIES, true);
  const baseUrl = resolveBaseUrl(values['base-url']);
  const apiKey = process.env.ANTHROPIC_API_KEY?.trim() ?? '';
  const needKey = () => {
    if (!apiKey) {
      throw new UsageError('ANTHROPIC_API_KEY is not set: export your API key (it is never printed) and run again');
    }
  };
  if (command === 'models') {
    if (file) {
      throw new UsageError(`unexpected argument "${file}": models takes no file`);
    }
    needKey();
    return modelsCommand({ apiKey, baseUrl, timeoutMs, maxRetries }, values.json === true);
  }
  if (!file) {
    throw new UsageError(`${command} needs a request file, or - for stdin`);
  }
  if (extra.length) {
    throw new UsageError(`unexpected argument "${extra[0]}"`);
  }
  if (values.stream && values['no-stream']) {
    throw new UsageError('--stream and --no-stream contradict each other');
  }
  const defaults: RequestDefaults = {
    model: values.model ?? DEFAULT_MODEL,
    maxTokens: positiveNumber(values['max-tokens'], '--max-tokens', DEFAULT_MAX_TOKENS, true),
    stream: values.stream === true,
  };
  const request = await readRequest(file, defaults);

  if (command === 'curl') {
    const captured = await captureWithoutSending(request, { apiKey, baseUrl, timeoutMs, maxRetries });
    stdout.print(`${toCurl(captured, { streamed: request.streamed })}\n`);
    return 0;
  }

  needKey();
  if (command === 'count') {
    return countCommand(request.body, { apiKey, baseUrl, timeoutMs, maxRetries }, values.json === true);
  }
  const live = !values.json && request.streamed && process.stdout.isTTY !== undefined;
  let printedLive = false;
  const record: CallRecord = await sendMessage(request, {
    apiKey,
    baseUrl,
    timeoutMs,
    maxRetries,
    source: { kind: 'cli', path: file === '-' ? undefined : file },
    onEvent: live
      ? (event) => {
          // Text arrives as it is written; the other blocks are printed whole at the end.
          const data = event.data as { type?: string; delta?: { type?: string; text?: string } };
          if (data?.delta?.type === 'text_delta' && typeof data.delta.text === 'string') {
            stdout.write(data.delta.text);
            printedLive = true;
          }
        }
      : undefined,
  });
  if (values.json) {
    stdout.print(`${JSON.stringify(cliJson(record), null, 2)}\n`);
  } else {
    const onlyText = printedLive && Array.isArray(record.message?.content) &&
      (record.message!.content as { type?: string }[]).every((b) => b.type === 'text');
    const text = callSummaryText(record, { includeBlocks: !onlyText });
    const out = record.error ? stderr : stdout;
    if (printedLive) {
      stdout.print('\n\n');
    }
    out.print(`${text}\n`);
  }
  return record.error ? 1 : 0;
}

type Connection = { apiKey: string; baseUrl: string; timeoutMs: number; maxRetries: number };

async function modelsCommand(connection: Connection, json: boolean): Promise<number> {
  const result = await listModels(connection);
  if (!result.ok) {
    printError(result.error, json);
    return 1;
  }
  if (json) {
    stdout.print(`${JSON.stringify({ models: result.raw, count: result.models.length, pages: result.pages }, null, 2)}\n`);
    return 0;
  }
  const rows = result.models.map((m) => [
    m.id,
    m.displayName,
    m.contextWindow?.toLocaleString('en-US') ?? '',
    m.maxOutput?.toLocaleString('en-US') ?? '',
    m.createdAt.slice(0, 10),
  ]);
  stdout.print(`${table(['id', 'name', 'context', 'max output', 'created'], rows)}\n${result.models.length} models\n`);
  return 0;
}

async function countCommand(body: Record<string, unknown>, connection: Connection, json: boolean): Promise<number> {
  const result = await countTokens(body, connection);
  if (!result.ok) {
    printError(result.error, json);
    return 1;
  }
  const model = String(body.model);
  const maxTokens = Number(body.max_tokens);
  const estimate = estimateCost(model, result.inputTokens, maxTokens);
  if (json) {
    const cost = estimate.known ? { inputUsd: estimate.inputUsd, ceilingUsd: estimate.ceilingUsd } : { unknown: estimate.reason };
    stdout.print(`${JSON.stringify({ input_tokens: result.inputTokens, model, max_tokens: maxTokens, requestId: result.requestId ?? null, cost }, null, 2)}\n`);
    return 0;
  }
  const cost = estimate.known
    ? `cost: ${formatUsd(estimate.inputUsd)} input, at most ${formatUsd(estimate.ceilingUsd)} with max_tokens ${maxTokens}`
    : estimate.reason;
  stdout.print(`${result.inputTokens} input tokens (${model})\n${cost}\n`);
  return 0;
}

function printError(error: import('./core/callRecord').CallError, json: boolean): void {
  if (json) {
    stdout.print(`${JSON.stringify({ error: { status: error.status ?? null, type: error.type ?? null, message: error.message, requestId: error.requestId ?? null, kind: error.kind } }, null, 2)}\n`);
  }
  stderr.print(`claude-inspector: ${summarizeError(error)}${error.hint ? `\n  ${error.hint}` : ''}\n`);
}

/** A plain text table with columns padded to their widest cell. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    stdout.flush();
    if (error instanceof UsageError) {
      stderr.print(`claude-inspector: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    stderr.print(`claude-inspector: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
