// The extension's numeric settings, each read through one checker: a JSON number only (a string such as "0x10" or
// "1e3" is not read as one, as Number() would), whole where the setting is an integer, within the bounds that
// package.json declares (a unit test keeps the two in step). A value that fails is replaced by the default, and the
// problem names the setting and the value, for the extension to tell the user: never silently.
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT_SECONDS, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_SECONDS } from './defaults';

export interface NumberSettingSpec {
  /** As package.json's schema says: "integer" wants a whole number. */
  type: 'number' | 'integer';
  default: number;
  minimum?: number;
  maximum?: number;
  /** What the value counts, for the message: "seconds", "retries". */
  unit: string;
}

/** The numeric settings under claudeInspector.*, as package.json's contributes.configuration declares them. */
export const NUMBER_SETTINGS = {
  defaultMaxTokens: { type: 'integer', default: DEFAULT_MAX_TOKENS, minimum: 0, maximum: 2147483647, unit: 'tokens' },
  timeoutSeconds: { type: 'number', default: DEFAULT_TIMEOUT_SECONDS, minimum: 1, maximum: 2147483, unit: 'seconds' },
  maxRetries: { type: 'integer', default: DEFAULT_MAX_RETRIES, minimum: 0, maximum: 100, unit: 'retries' },
  maxRetryWaitSeconds: { type: 'number', default: DEFAULT_MAX_RETRY_WAIT_SECONDS, minimum: 0, maximum: 2147483, unit: 'seconds' },
} satisfies Record<string, NumberSettingSpec>;

export type NumberSettingName = keyof typeof NUMBER_SETTINGS;

/** The value as the user wrote it, cut short, for a message (JSON, so that "10" and 10 read differently). */
function shown(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  text = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function range(spec: NumberSettingSpec): string {
  if (spec.maximum !== undefined) {
    return `from ${spec.minimum ?? 0} to ${spec.maximum}`;
  }
  return spec.minimum === undefined ? '' : spec.minimum === 0 ? '0 or more' : `${spec.minimum} or more`;
}

/**
 * The setting's value when it is a number the setting allows, else its default with the problem (naming the setting
 * as `<section>.<name>` and the value). An absent value is the default, with no problem.
 */
export function checkNumberSetting(section: string, name: string, spec: NumberSettingSpec, value: unknown): { value: number; problem?: string } {
  if (value === undefined) {
    return { value: spec.default };
  }
  const kind = spec.type === 'integer' ? `a whole number of ${spec.unit}` : `a number of ${spec.unit}`;
  const wanted = `${kind}${range(spec) ? `, ${range(spec)}` : ''}`;
  let why: string | undefined;
  if (typeof value !== 'number') {
    why = typeof value === 'string' ? `must be a JSON number, not text in quotes: ${wanted}` : `must be ${wanted}`;
  } else if (!Number.isFinite(value) || (spec.type === 'integer' && !Number.isInteger(value))) {
    why = `must be ${wanted}`;
  } else if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) {
    why = `must be ${range(spec)}`;
  }
  if (why === undefined) {
    return { value: value as number };
  }
  return { value: spec.default, problem: `${section}.${name} is ${shown(value)}: it ${why}; using ${spec.default} (the default) instead` };
}
