// The one way text leaves the CLI (and the SDK's log): through the redaction. A streamed answer arrives in pieces,
// and a key can be cut between two of them ("sk-ant-ap" + "i03-…"), so the writer keeps back the shortest tail that
// could still become a secret and prints it when the next piece shows it is not one, or at flush().
import { inspect } from 'node:util';
import { MASK, redactor, Redactor } from './redact';
import { isSecretHeaderName } from './secretHeaders';

export interface TextSink {
  write(text: string): unknown;
}

export class RedactingWriter {
  private pending = '';

  constructor(
    private readonly sink: TextSink,
    private readonly secrets: Redactor = redactor(),
  ) {}

  /** Writes what is safe to write now; keeps back a tail that may be the start of a secret. */
  write(text: string): void {
    if (text === '') {
      return;
    }
    const all = this.pending + text;
    const cut = this.secrets.holdFrom(all);
    this.pending = all.slice(cut);
    if (cut > 0) {
      this.sink.write(this.secrets.redact(all.slice(0, cut)));
    }
  }

  /** Writes whatever was kept back: the text has ended. */
  flush(): void {
    if (this.pending !== '') {
      const rest = this.pending;
      this.pending = '';
      this.sink.write(this.secrets.redact(rest));
    }
  }

  /** A whole message: written and flushed. */
  print(text: string): void {
    this.write(text);
    this.flush();
  }
}

type LogFn = (message: string, ...rest: unknown[]) => void;
export interface Logger {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
}

/** A copy of a log argument with the values of secret-named fields (authorization, x-api-key, …) masked. */
function maskFields(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') {
    return value;
  }
  if (value instanceof Headers) {
    return maskFields(Object.fromEntries(value), depth + 1);
  }
  if (Array.isArray(value)) {
    return value.map((item) => maskFields(item, depth + 1));
  }
  if (value instanceof Error) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    out[name] = isSecretHeaderName(name) && field !== undefined && field !== null ? MASK : maskFields(field, depth + 1);
  }
  return out;
}

function logText(args: unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : inspect(maskFields(arg), { depth: 6, breakLength: Infinity }))).join(' ');
}

/**
 * A logger for the SDK's `logger` option: every line is redacted before it reaches `base` (console by default).
 * Even with ANTHROPIC_LOG=debug, no header value or key reaches the log.
 */
export function redactingLogger(base: Logger = console, secrets: Redactor = redactor()): Logger {
  const level = (fn: LogFn): LogFn => (...args: unknown[]) => fn.call(base, secrets.redact(logText(args)));
  return { error: level(base.error), warn: level(base.warn), info: level(base.info), debug: level(base.debug) };
}
