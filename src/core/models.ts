// The models an API key can use, from GET /v1/models, every page followed to the end.
import { toCallError } from './callError';
import type { CallError } from '../shared/callRecord';
import { captureFor, connectionProblem, ConnectionOptions, createClient } from './client';
import { modelsPageFrom } from './capture/responseShape';
import { FaultDetail, WireFault } from './capture/wireFault';

export interface ModelSummary {
  id: string;
  displayName: string;
  /** ISO date. */
  createdAt: string;
  /** The context window, in tokens, when the API says. */
  contextWindow?: number;
  /** The most output tokens one answer can have, when the API says. */
  maxOutput?: number;
}

export type ModelList =
  | { ok: true; models: ModelSummary[]; pages: number; raw: unknown[] }
  /** `raw` holds the models of the pages that did arrive, `models` their summaries. */
  | { ok: false; error: CallError; pages: number; raw: unknown[]; models: ModelSummary[] };

/** More pages than any real account has: a server that never says has_more: false is stopped here. */
export const MAX_MODEL_PAGES = 100;

function summarize(model: Record<string, unknown>): ModelSummary {
  const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    id: String(model.id),
    displayName: typeof model.display_name === 'string' ? model.display_name : String(model.id),
    createdAt: typeof model.created_at === 'string' ? model.created_at : '',
    contextWindow: num(model.max_input_tokens),
    maxOutput: num(model.max_tokens),
  };
}

/**
 * Every page of GET /v1/models, followed by hand (not by the SDK's auto-pagination) so that a server that never
 * ends the list is stopped: a cursor seen before, has_more without a cursor, or more than {@link MAX_MODEL_PAGES}.
 */
export async function listModels(
  options: ConnectionOptions & { signal?: AbortSignal; pageSize?: number; maxPages?: number },
): Promise<ModelList> {
  const raw: unknown[] = [];
  let pages = 0;
  const problem = connectionProblem(options);
  if (problem) {
    return { ok: false, error: { kind: 'client', message: problem }, pages, raw, models: [] };
  }
  const maxPages = options.maxPages ?? MAX_MODEL_PAGES;
  const seen = new Map<string, number>();
  let after: string | undefined;
  let capture = captureFor(options);
  const fail = (detail: FaultDetail) => {
    throw new WireFault(detail);
  };
  try {
    for (;;) {
      capture = captureFor(options);
      const client = createClient(options, capture);
      const query = { limit: options.pageSize ?? 100, ...(after !== undefined ? { after_id: after } : {}) };
      const response = await client.models.list(query, { signal: options.signal }).asResponse();
      const text = await capture.readText(response);
      const found = modelsPageFrom(response, text);
      if ('fault' in found) {
        throw new WireFault(found.fault);
      }
      pages++;
      raw.push(...found.page.data);
      if (!found.page.hasMore) {
        break;
      }
      const stop = (message: string) =>
        fail({ kind: 'unexpected-response', status: response.status, message, hint: 'The server does not end the list of models; the pages that arrived are kept.' });
      if (found.page.lastId === undefined) {
        stop(`page ${pages} of the models says has_more but gives no last_id to continue from: the list would never end`);
      }
      const last = found.page.lastId!;
      if (seen.has(last)) {
        stop(`page ${pages} of the models repeats the cursor last_id ${JSON.stringify(last)} of page ${seen.get(last)}: the list would never end`);
      }
      if (pages >= maxPages) {
        stop(`stopped after ${maxPages} pages of models: the list had not ended (has_more was still true)`);
      }
      seen.set(last, pages);
      after = last;
    }
  } catch (error) {
    return {
      ok: false,
      error: toCallError(error, {
        apiKey: options.apiKey,
        url: capture.request?.url ?? `${options.baseUrl}/v1/models`,
        timeoutMs: capture.timeoutMs,
        fault: capture.fault,
        response: capture.response,
      }),
      pages,
      raw,
      models: raw.filter((m) => typeof m === 'object' && m !== null).map((m) => summarize(m as Record<string, unknown>)),
    };
  }
  return { ok: true, models: raw.map((m) => summarize(m as Record<string, unknown>)), pages, raw };
}

/** One model (GET /v1/models/{id}), for its context window when no list has been fetched; undefined on any failure. */
export async function retrieveModel(id: string, options: ConnectionOptions & { signal?: AbortSignal }): Promise<ModelSummary | undefined> {
  if (connectionProblem(options)) {
    return undefined;
  }
  const capture = captureFor({ ...options, maxRetries: 0 });
  const client = createClient(options, capture);
  try {
    const response = await client.models.retrieve(id, undefined, { signal: options.signal }).asResponse();
    const model = JSON.parse(await capture.readText(response)) as unknown;
    if (typeof model !== 'object' || model === null || typeof (model as { id?: unknown }).id !== 'string') {
      return undefined;
    }
    return summarize(model as Record<string, unknown>);
  } catch {
    return undefined;
  }
}
