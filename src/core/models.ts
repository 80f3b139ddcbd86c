// The models an API key can use, from GET /v1/models, every page followed to the end.
import { toCallError } from './callError';
import type { CallError } from './callRecord';
import { CallCapture } from './capture';
import { ConnectionOptions, createClient } from './client';

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
  | { ok: false; error: CallError };

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

export async function listModels(options: ConnectionOptions & { signal?: AbortSignal; pageSize?: number }): Promise<ModelList> {
  const capture = new CallCapture(options.apiKey, {}, options.fetch);
  const client = createClient(options, capture);
  const raw: unknown[] = [];
  try {
    // The SDK's auto-pagination follows has_more / last_id until the last page.
    for await (const model of client.models.list({ limit: options.pageSize ?? 100 }, { signal: options.signal })) {
      raw.push(model);
    }
  } catch (error) {
    return {
      ok: false,
      error: toCallError(error, { apiKey: options.apiKey, url: capture.request?.url ?? `${options.baseUrl}/v1/models`, timeoutMs: options.timeoutMs }),
    };
  }
  const pages = capture.attempts.filter((a) => a.status !== undefined && a.status < 400).length;
  return { ok: true, models: raw.map((m) => summarize(m as Record<string, unknown>)), pages, raw };
}

/** One model (GET /v1/models/{id}), for its context window when no list has been fetched; undefined on any failure. */
export async function retrieveModel(id: string, options: ConnectionOptions & { signal?: AbortSignal }): Promise<ModelSummary | undefined> {
  const capture = new CallCapture(options.apiKey, {}, options.fetch);
  const client = createClient({ ...options, maxRetries: 0 }, capture);
  try {
    const model = await client.models.retrieve(id, undefined, { signal: options.signal });
    return summarize(model as unknown as Record<string, unknown>);
  } catch {
    return undefined;
  }
}
