// Runs the Messages API stand-in until Ctrl+C: for `npm start`, manual testing and tests that need a separate
// process. Usage: node out/src/standIn/main.js [--port N] [--host H] [--key K] [--latency F] [--quiet]
// Without --key it accepts only the fixed, printed stand-in key (fakeKey.ts), so what `npm start` prints works as is.
// It answers at its models' realistic pace (--latency 1) unless told otherwise: it is what a person tries things on.
import { parseArgs } from 'node:util';
import { STAND_IN_API_KEY } from './fakeKey';
import { startStandIn } from './server';

const USAGE = 'usage: node out/src/standIn/main.js [--port N] [--host H] [--key K] [--latency F] [--quiet]';

/** An option's value as given, cut short and without control characters, to quote it in a message. */
function quoted(value: string): string {
  const printable = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `"${printable.length > 40 ? `${printable.slice(0, 40)}…` : printable}"`;
}

async function main(): Promise<number> {
  let values: { port?: string; host?: string; key?: string; latency?: string; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        key: { type: 'string' },
        latency: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(
      [
        USAGE,
        'A teaching and test double of the Messages API (not Claude) on /v1/messages, /v1/messages/count_tokens and /v1/models.',
        `--key K       the one key accepted (default: ${STAND_IN_API_KEY})`,
        '--latency F   timings as a factor of the model families\' pace: 1 (default) realistic, 0 none',
        'Put [[stand-in: NAME]] in a user message to pick a scenario; see src/standIn/README.md.',
      ].join('\n'),
    );
    return 0;
  }
  // Decimal digits only, as the CLI reads its numbers: Number() alone takes "" as 0 and "0x1F90" as 8080.
  const port = values.port === undefined ? 0 : /^[0-9]{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535 in decimal digits (0 picks a free port), not ${quoted(values.port ?? '')}`);
    return 2;
  }
  const latency = values.latency === undefined ? 1 : /^[0-9]+(\.[0-9]+)?$/.test(values.latency) ? Number(values.latency) : NaN;
  if (!Number.isFinite(latency) || latency < 0 || latency > 100) {
    console.error(`--latency must be a number from 0 to 100 such as 1 or 0.5 (1 is the realistic pace, 0 answers at once), not ${quoted(values.latency ?? '')}`);
    return 2;
  }
  if (values.key !== undefined && values.key.trim() === '') {
    console.error('--key must not be empty: leave it out to use the fixed stand-in key');
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  let standIn;
  try {
    standIn = await startStandIn({
      port,
      host,
      apiKey: values.key ?? STAND_IN_API_KEY,
      latency,
      // Request lines go to stderr, so that stdout holds only the "listening on" line a script may wait for.
      log: values.quiet ? undefined : (line) => console.error(line),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`Port ${port} on ${host} is already in use: stop whatever listens there, or pass another --port (0 picks a free one).`);
    } else if (code === 'EACCES') {
      console.error(`Not allowed to listen on port ${port} on ${host}: pick a port above 1023.`);
    } else {
      console.error(`Could not start the stand-in on ${host}:${port}: ${(error as Error).message}`);
    }
    return 1;
  }
  console.log(`Messages API stand-in listening on ${standIn.url}`);
  const running = standIn;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
