// Secrets by header name: some headers are secret whatever their value. Their values are masked where headers are
// kept and shown, and each masked header is marked with the shell variable a curl reads its value from.
import type { MaskedHeader } from '../../shared/callRecord';
import { KEY_VARIABLE, MASK, PLACEHOLDER, redactor, rememberSecret } from './redact';
import { secretValueParts } from './secretValueParts';

/** Names whose values are always secret. */
const SECRET_HEADER_NAMES = new Set(['authorization', 'x-api-key', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Names that say they carry a credential: a gateway's x-portkey-api-key, cf-aig-authorization, x-auth-token… */
const SECRET_NAME_PART = /auth|token|secret|passw|cookie|credential|session|signature|api-?key|(^|[-_])key($|[-_])/i;

/** Names that match the pattern but carry no credential. */
const NOT_SECRET = new Set(['idempotency-key', 'sec-websocket-key']);

/** True when a header's value is a secret by its name alone. */
export function isSecretHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADER_NAMES.has(lower) || (SECRET_NAME_PART.test(lower) && !NOT_SECRET.has(lower));
}

/** The shell variable a curl uses for a secret header: CLAUDE_HEADER_X_GATEWAY_TOKEN for x-gateway-token. */
export function headerVariable(name: string): string {
  return `CLAUDE_HEADER_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** An authorization value's scheme ("Bearer "), which is no secret. */
function schemeOf(name: string, value: string): string {
  if (!/authorization$/i.test(name)) {
    return '';
  }
  return /^[A-Za-z][A-Za-z0-9._~+/-]*[ \t]+(?=\S)/.exec(value)?.[0] ?? '';
}

/**
 * How a secret header is written in a curl: its scheme kept ("Bearer "), the rest read from a variable: the API key
 * from ANTHROPIC_API_KEY, another bearer token of `authorization` from ANTHROPIC_AUTH_TOKEN, anything else from
 * CLAUDE_HEADER_<NAME>.
 */
export function secretHeaderParts(name: string, value: string, key?: string): MaskedHeader & { secret: string } {
  const prefix = schemeOf(name, value);
  const secret = value.slice(prefix.length);
  const variable =
    key && secret === key
      ? KEY_VARIABLE
      : name.toLowerCase() === 'authorization' && /^bearer\s/i.test(prefix)
        ? 'ANTHROPIC_AUTH_TOKEN'
        : headerVariable(name);
  return prefix ? { prefix, variable, secret } : { variable, secret };
}

/**
 * Headers as they may be shown and kept: names in lower case, order kept, secret values masked. A secret header
 * (by name, or any header whose value holds a secret) is shown as its readable mask ("Bearer $ANTHROPIC_API_KEY",
 * "$CLAUDE_HEADER_X_GATEWAY_TOKEN") and listed in `masked` with the variable a curl reads its value from.
 */
export function maskHeaders(
  headers: Iterable<[string, string]>,
  key: string | undefined,
): { headers: Record<string, string>; masked?: Record<string, MaskedHeader> } {
  if (key) {
    rememberSecret(key, KEY_VARIABLE);
  }
  const out: Record<string, string> = {};
  const masked: Record<string, MaskedHeader> = {};
  const pairs = [...headers].map(([name, value]) => [name.toLowerCase(), value] as const);
  // Secret values first, so that a secret repeated in another header is known when that header is read.
  for (const [name, value] of pairs) {
    if (isSecretHeaderName(name)) {
      const { secret, variable } = secretHeaderParts(name, value, key);
      rememberSecret(secret, variable);
      secretValueParts(value).forEach((part) => rememberSecret(part));
    }
  }
  for (const [name, value] of pairs) {
    if (isSecretHeaderName(name)) {
      const { prefix, variable } = secretHeaderParts(name, value, key);
      masked[name] = prefix ? { variable, prefix } : { variable };
      out[name] = `${prefix ?? ''}$${variable}`;
      continue;
    }
    const shown = redactor().redact(value);
    if (shown !== value) {
      // Not secret by name, but it holds one: shown masked, and a curl reads the whole value from a variable.
      masked[name] = { variable: headerVariable(name) };
    }
    out[name] = shown;
  }
  return Object.keys(masked).length > 0 ? { headers: out, masked } : { headers: out };
}

/** Headers with every secret masked (see maskHeaders), names in lower case, order kept. */
export function redactHeaders(headers: Iterable<[string, string]>, key: string | undefined): Record<string, string> {
  return maskHeaders(headers, key).headers;
}

/** Header names that are headers wherever they appear as keys of a JSON object (for redactDeep). */
const ALWAYS_HEADER_NAMES = SECRET_HEADER_NAMES;

/**
 * Response headers as they may be kept and shown: names in lower case, order kept, `set-cookie`, `authorization`
 * and the other secret names masked whatever the value, every other value redacted as text.
 */
export function redactResponseHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    out[lower] = isSecretHeaderName(lower) ? MASK : redactor().redact(value);
  }
  return out;
}

/**
 * A copy of a JSON-like value with every string redacted and the values of header-named keys (authorization,
 * x-api-key, proxy-authorization, cookie, set-cookie) masked unless they are already a placeholder: for a message
 * to the panel, or anything else shown whole.
 */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') {
    return redactor().redact(value) as T;
  }
  if (value === null || typeof value !== 'object' || depth > 64) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactDeep(item, depth + 1)) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    const placeholder = typeof field === 'string' && new RegExp(PLACEHOLDER.source).test(field);
    out[name] = ALWAYS_HEADER_NAMES.has(name.toLowerCase()) && typeof field === 'string' && !placeholder ? MASK : redactDeep(field, depth + 1);
  }
  return out as T;
}
