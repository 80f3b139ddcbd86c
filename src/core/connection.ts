// Where and how calls go, from what the user wrote (a setting or a flag) and the environment, checked the same way
// for every face: the base URL (given, else ANTHROPIC_BASE_URL, else the API's own) must be usable as one, and the
// timeout, retries and retry wait must be what a timer and the capture can hold. Each face words the problem with
// the name of its own setting or flag; a problem never repeats the URL (it may hold a password).
import { checkBaseUrl } from './baseUrl';
import { connectionProblem, resolveBaseUrl } from './client';

/** Where and how calls go, checked: what every face passes to core with the key. */
export interface Connection {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
}

/** Where the base URL came from: what the user gave (a setting, a flag), ANTHROPIC_BASE_URL, or the API's own. */
export type BaseUrlOrigin = 'given' | 'environment' | 'default';

export type BaseUrlResult = { ok: true; url: string } | { ok: false; origin: BaseUrlOrigin; problem: string };

/** The base URL calls go to, or why it cannot be used and where it came from. */
export function usableBaseUrl(given: string | undefined, env: NodeJS.ProcessEnv = process.env): BaseUrlResult {
  const origin: BaseUrlOrigin = given?.trim() ? 'given' : env.ANTHROPIC_BASE_URL?.trim() ? 'environment' : 'default';
  const checked = checkBaseUrl(resolveBaseUrl(given, env));
  return checked.ok ? { ok: true, url: checked.url } : { ok: false, origin, problem: checked.problem };
}

export type ConnectionResult =
  | { ok: true; connection: Connection }
  | { ok: false; at: 'baseUrl'; origin: BaseUrlOrigin; problem: string }
  /** The timeout, the retries or the retry wait. */
  | { ok: false; at: 'limits'; problem: string };

/** The connection `given` describes, or what is wrong with it. */
export function resolveConnection(given: Omit<Connection, 'baseUrl'> & { baseUrl?: string }, env: NodeJS.ProcessEnv = process.env): ConnectionResult {
  const base = usableBaseUrl(given.baseUrl, env);
  if (!base.ok) {
    return { ok: false, at: 'baseUrl', origin: base.origin, problem: base.problem };
  }
  const connection: Connection = { baseUrl: base.url, timeoutMs: given.timeoutMs, maxRetries: given.maxRetries, maxRetryWaitMs: given.maxRetryWaitMs };
  const problem = connectionProblem({ apiKey: '', ...connection });
  return problem ? { ok: false, at: 'limits', problem } : { ok: true, connection };
}
