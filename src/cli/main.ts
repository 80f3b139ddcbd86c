// The command-line face of Claude Inspector, on the same core as the extension: send, curl, count and models.
// The command line is read in cli/args.ts, the file in cli/input.ts; the calls into core are below, one per command.
import { summarizeError } from '../core/callError';
import { captureWithoutSending, sendMessage } from '../core/client';
import { usableBaseUrl } from '../core/connection';
import { estimateCost } from '../shared/cost';
import { countTokens } from '../core/countTokens';
import { listModels, type ModelSummary, retrieveModel } from '../core/models';
import type { CallError, CallRecord } from '../shared/callRecord';
import { type HintKnobs, wordHint } from '../shared/hints';
import { CURL_BODY_MASKED_NOTE, curlOf } from '../core/code/curl';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_WAIT_SECONDS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODEL,
  DEFAULT_TIMEOUT_SECONDS,
} from '../shared/defaults';
import { describeRetry, RetryNotice } from '../core/capture/retry';
import type { RequestDefaults } from '../core/effectiveRequest';
import { estimateText, tokenCountText } from '../shared/tokenCountText';
import { dayText, formatCount } from '../shared/format';
import { parseCommandLine } from './args';
import { RedactingWriter } from '../core/secrets/redactingWriter';
import { rememberSecretsInPlay } from '../core/secrets/secretsInPlay';
import { readRequest } from './input';
import { callSummaryText } from './messageText';
import { MAX_RETRIES_LIMIT, retryWaitMs, timeoutMs as timeoutOption, wholeNumber } from './optionValues';
import { COMMAND_HELP, HELP, UsageError } from './usage';
import { cliJson } from './jsonOutput';
import { appendAfterCall, appendedText, type AppendOutcome } from './appendTurns';
import { table } from './table';
import { HistoryMiss, historyCommand, saveCall, storeForSave } from './history';
import { compareCommand } from './compare';
import { codeCommand, codeLanguage } from './code';

declare const CLI_VERSION: string | undefined;

/** Hints name the flag that fixes them (core's own words name none). */
const HINT_KNOBS: HintKnobs = { timeout: 'the timeout (--timeout)', baseUrl: 'the base URL (--base-url or ANTHROPIC_BASE_URL)', maxRetryWait: 'the cap (--max-retry-wait)' };

// Every byte the CLI prints goes through one redaction, which knows the environment's secrets from the start.
rememberSecretsInPlay({ apiKey: process.env.ANTHROPIC_API_KEY });
const stdout = new RedactingWriter(process.stdout);
const stderr = new RedactingWriter(process.stderr);

async function main(argv: string[]): Promise<number> {
  const { command, positionals, values } = parseCommandLine(argv);
  if (command === 'help' || values.help) {
    // "help send", "send --help" and "--help" alone.
    const about = command === 'help' ? positionals[0] : command;
    if (about !== undefined && !(about in COMMAND_HELP)) {
      throw new UsageError(`no help for "${about.slice(0, 40)}": the commands are send, curl, code, count, models, compare and history`);
    }
    stdout.print(`${about ? COMMAND_HELP[about as keyof typeof COMMAND_HELP] : HELP}\n`);
    return 0;
  }
  if (values.version) {
    stdout.print(`${typeof CLI_VERSION === 'string' ? CLI_VERSION : 'dev'}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!command) {
    throw new UsageError(`a command is needed: send, curl, code, count, models, compare or history\n\n${HELP}`);
  }
  if (command === 'history') {
    return historyCommand(positionals, values, { stdout, stderr });
  }
  const option = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const timeoutMs = timeoutOption(option('timeout'), DEFAULT_TIMEOUT_SECONDS);
  const maxRetries = wholeNumber(option('max-retries'), '--max-retries', DEFAULT_MAX_RETRIES, 0, MAX_RETRIES_LIMIT);
  // Resolved and checked by core as the extension's setting is; said here with the flag's name.
  const base = usableBaseUrl(option('base-url'));
  if (!base.ok) {
    throw new UsageError(`the base URL (${base.origin === 'given' ? '--base-url' : 'ANTHROPIC_BASE_URL'}) cannot be used: ${base.problem}`);
  }
  const baseUrl = base.url;
  const maxRetryWaitMs = retryWaitMs(option('max-retry-wait'), DEFAULT_MAX_RETRY_WAIT_SECONDS);
  // Retries are announced on stderr as they happen, so a wait is never silent (and stdout stays one JSON object).
  const onRetry = (notice: RetryNotice) => stderr.print(`claude-inspector: ${describeRetry(notice)}\n`);
  const retrying = { maxRetryWaitMs, onRetry };
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
    return modelsCommand({ apiKey, baseUrl, timeoutMs, maxRetries, ...retrying }, values.json === true);
  }
  if (!file) {
    throw new UsageError(`${command} needs a request file, or - for stdin (see claude-inspector ${command} --help)`);
  }
  if (extra.length) {
    throw new UsageError(`unexpected argument "${extra[0]}"`);
  }
  if (values.stream && values['no-stream']) {
    throw new UsageError('--stream and --no-stream contradict each other');
  }
  // Checked before the file is read: a wrong --lang should not wait for stdin.
  const language = command === 'code' ? codeLanguage(option('lang')) : undefined;
  const defaults: RequestDefaults = {
    model: option('model') ?? DEFAULT_MODEL,
    maxTokens: wholeNumber(option('max-tokens'), '--max-tokens', DEFAULT_MAX_TOKENS, 0, 2 ** 31 - 1),
    stream: values.stream === true,
  };
  if (values.next !== undefined && !values.append) {
    throw new UsageError('--next adds a turn after the answer, so it needs --append');
  }
  if (values.append && file === '-') {
    throw new UsageError('--append writes the answer into the request file, and stdin (-) is no file: give the file\'s path');
  }
  let sentText = '';
  // The same checks as the editor's Problems panel: errors stop here (exit 2), warnings are printed.
  const request = await readRequest(file, defaults, {
    check: values['no-check'] !== true,
    warn: (line) => stderr.print(`${line}\n`),
    onText: (text) => (sentText = text),
  });

  if (language) {
    return codeCommand(request, { apiKey, baseUrl, timeoutMs, maxRetries }, language, { stdout, stderr });
  }
  if (command === 'curl') {
    const captured = await captureWithoutSending(request, { apiKey, baseUrl, timeoutMs, maxRetries });
    const curl = curlOf(captured, { streamed: request.streamed });
    if (curl.bodyMasked) {
      stderr.print(`note: ${CURL_BODY_MASKED_NOTE}\n`);
    }
    stdout.print(`${curl.command}\n`);
    return 0;
  }

  needKey();
  if (command === 'compare') {
    return compareCommand(request, { apiKey, baseUrl, timeoutMs, maxRetries, maxRetryWaitMs }, values, file, { stdout, stderr, hintKnobs: HINT_KNOBS });
  }
  const history = command === 'send' ? await storeForSave(values, { stdout, stderr }) : undefined;
  if (command === 'count') {
    return countCommand(request.body, { apiKey, baseUrl, timeoutMs, maxRetries, ...retrying }, values.json === true);
  }
  const live = !values.json && request.streamed && process.stdout.isTTY !== undefined;
  let printedLive = false;
  const record: CallRecord = await sendMessage(request, {
    apiKey,
    baseUrl,
    timeoutMs,
    maxRetries,
    ...retrying,
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
  if (record.error) {
    record.error = wordHint(record.error, HINT_KNOBS);
  }
  // Only after a complete answer: a failed or cut call writes nothing into the file.
  const appended: AppendOutcome | undefined = values.append ? await appendAfterCall(file, sentText, record, option('next')) : undefined;
  // Recorded once the call is over (nothing of it waits for the disk), before printing: --json carries the id.
  const historyId = history && (await saveCall(history, record, { kind: 'cli', path: file === '-' ? undefined : file, text: sentText }, { stdout, stderr }));
  if (values.json) {
    const json = { ...cliJson(record), ...(history ? { historyId: historyId ?? null } : {}) };
    if (appended) {
      Object.assign(json, appended.ok ? { appended: appended.appended } : { appended: null, notAppended: appended.reason });
    }
    stdout.print(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const onlyText = printedLive && Array.isArray(record.message?.content) &&
      (record.message!.content as { type?: string }[]).every((b) => b.type === 'text');
    const text = callSummaryText(record, { includeBlocks: !onlyText });
    const out = record.error ? stderr : stdout;
    if (printedLive) {
      stdout.print('\n\n');
    }
    out.print(`${text}\n`);
    if (appended) {
      if (appended.ok) {
        stdout.print(`\n${appendedText(appended.appended)}\n`);
      } else {
        stderr.print(`claude-inspector: nothing was appended to ${file}: ${appended.reason}\n`);
      }
    }
    if (historyId) {
      stderr.print(`saved to history: ${historyId} (${history!.folder})\n`);
    }
  }
  return record.error || (appended && !appended.ok) || (history && !historyId) ? 1 : 0;
}

type Connection = import('../core/client').ConnectionOptions;

async function modelsCommand(connection: Connection, json: boolean): Promise<number> {
  const result = await listModels(connection);
  const arrived = { models: result.raw, count: result.models.length, pages: result.pages };
  if (!result.ok) {
    // The pages that arrived before the list went wrong (a repeated cursor, too many pages, a stall) are shown too.
    if (!json && result.models.length) {
      stdout.print(`${modelsTable(result.models)}\n${result.models.length} models arrived before the error\n`);
    }
    printError(result.error, json, result.raw.length ? arrived : {});
    return 1;
  }
  if (json) {
    stdout.print(`${JSON.stringify(arrived, null, 2)}\n`);
    return 0;
  }
  stdout.print(`${modelsTable(result.models)}\n${result.models.length} models\n`);
  return 0;
}

function modelsTable(models: ModelSummary[]): string {
  const rows = models.map((m) => [
    m.id,
    m.displayName,
    m.contextWindow !== undefined ? formatCount(m.contextWindow) : '',
    m.maxOutput !== undefined ? formatCount(m.maxOutput) : '',
    dayText(m.createdAt),
  ]);
  return table(['id', 'name', 'context', 'max output', 'created'], rows);
}

async function countCommand(body: Record<string, unknown>, connection: Connection, json: boolean): Promise<number> {
  const result = await countTokens(body, connection);
  if (!result.ok) {
    printError(result.error, json);
    return 1;
  }
  const model = String(body.model);
  const maxTokens = Number(body.max_tokens);
  // The context window, as Count Tokens in the editor shows it; a server that does not say leaves it out, quietly.
  // Bounded apart from --timeout: a slow models endpoint must not hold up a count that is already done.
  const contextWindow = (await retrieveModel(model, { ...connection, maxRetries: 0, timeoutMs: Math.min(connection.timeoutMs ?? 10_000, 10_000) }))?.contextWindow;
  const estimate = estimateCost(model, result.inputTokens, maxTokens);
  if (json) {
    const cost = estimate.known ? { inputUsd: estimate.inputUsd, ceilingUsd: estimate.ceilingUsd } : { unknown: estimate.reason };
    stdout.print(`${JSON.stringify({ input_tokens: result.inputTokens, model, max_tokens: maxTokens, requestId: result.requestId ?? null, cost, contextWindow: contextWindow ?? null }, null, 2)}\n`);
    return 0;
  }
  stdout.print(`${tokenCountText(result.inputTokens, model, contextWindow)}\n${estimateText(estimate)}\n`);
  return 0;
}

function printError(unworded: CallError, json: boolean, arrived: Record<string, unknown> = {}): void {
  const error = wordHint(unworded, HINT_KNOBS);
  if (json) {
    stdout.print(`${JSON.stringify({ error: { status: error.status ?? null, type: error.type ?? null, message: error.message, requestId: error.requestId ?? null, kind: error.kind }, ...arrived }, null, 2)}\n`);
  }
  stderr.print(`claude-inspector: ${summarizeError(error)}${error.hint ? `\n  ${error.hint}` : ''}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    stdout.flush();
    if (error instanceof HistoryMiss) {
      stderr.print(`claude-inspector: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof UsageError) {
      for (const problem of error.problems) {
        stderr.print(`${problem}\n`);
      }
      stderr.print(`claude-inspector: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    stderr.print(`claude-inspector: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
