// Safe reads from JSON that came over the wire. Model output and server bodies are untrusted and may not have the
// shape the SDK types promise (a proxy, a stand-in, a newer API), so the panel never assumes a field's type.
import type { JsonObject } from '../../shared/callRecord';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** A field as text whatever its type: strings as they are, anything else as JSON; undefined when absent. */
export function describe(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value === 'string') {
    return value;
  }
  return prettyJson(value, 0);
}

/** JSON.stringify that cannot throw (cycles, BigInt): the panel must render whatever it is given. */
export function prettyJson(value: unknown, indent = 2): string {
  try {
    const text = JSON.stringify(value, null, indent);
    return text === undefined ? String(value) : text;
  } catch (error) {
    return `/* cannot show as JSON: ${error instanceof Error ? error.message : String(error)} */`;
  }
}
