// The command-line face of Claude Inspector, on the same core as the extension: `send` and `curl`.
import { parseArgs } from 'node:util';
import { captureWithoutSending, resolveBaseUrl, sendMessage } from './core/client';
import type { CallRecord } from './core/callRecord';
import { toCurl } from './core/curl';
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_TOKENS, DEFAULT_MODEL, DEFAULT_TIMEOUT_SECONDS } from './core/defaults';
import type { RequestDefaults } from './core/effectiveRequest';
import { redactKey } from './core/redact';
import { readRequest } from './cli/input';
import { callSummaryText } from './cli/messageText';
import { HELP, UsageError } from './cli/usage';
import { cliJson } from './cli/jsonOutput';

declare const CLI_VERSION: string | undefined;

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
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${typeof CLI_VERSION === 'string' ? CLI_VERSION : 'dev'}\n`);
    return 0;
  }
  const [command, file, ...extra] = positionals;
  if (!command) {
    throw new UsageError(`a command is needed: send or curl\n\n${HELP}`);
  }
  if (command !== 'send' && command !== 'curl') {
    throw new UsageError(`unknown command "${command}": use send or curl (see --help)`);
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
  const timeoutMs = positiveNumber(values.timeout, '--timeout', DEFAULT_TIMEOUT_SECONDS, false) * 1000;
  const maxRetries = positiveNumber(values['max-retries'], '--max-retries', DEFAULT_MAX_RETRIES, true);
  const request = await readRequest(file, defaults);
  const baseUrl = resolveBaseUrl(values['base-url']);
  const apiKey = process.env.ANTHROPIC_API_KEY?.trim() ?? '';

  if (command === 'curl') {
    const captured = await captureWithoutSending(request, { apiKey, baseUrl, timeoutMs, maxRetries });
    process.stdout.write(`${toCurl(captured, { streamed: request.streamed })}\n`);
    return 0;
  }

  if (!apiKey) {
    throw new UsageError('ANTHROPIC_API_KEY is not set: export your API key (it is never printed) and run again');
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
            process.stdout.write(data.delta.text);
            printedLive = true;
          }
        }
      : undefined,
  });
  if (values.json) {
    process.stdout.write(`${redactKey(JSON.stringify(cliJson(record), null, 2), apiKey)}\n`);
  } else {
    const onlyText = printedLive && Array.isArray(record.message?.content) &&
      (record.message!.content as { type?: string }[]).every((b) => b.type === 'text');
    const text = callSummaryText(record, { includeBlocks: !onlyText });
    const out = record.error ? process.stderr : process.stdout;
    if (printedLive) {
      process.stdout.write('\n\n');
    }
    out.write(`${redactKey(text, apiKey)}\n`);
  }
  return record.error ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const apiKey = process.env.ANTHROPIC_API_KEY;
    if (error instanceof UsageError) {
      process.stderr.write(`claude-inspector: ${redactKey(error.message, apiKey)}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`claude-inspector: ${redactKey(error instanceof Error ? error.message : String(error), apiKey)}\n`);
    process.exitCode = 2;
  },
);
