// The models the stand-in knows, and GET /v1/models paginated the way the real API does it: newest first,
// `limit` (default 20, 1..1000), cursors `after_id` / `before_id`, and `{data, has_more, first_id, last_id}`.
import type { ModelCapabilities, ModelInfo, ModelLine } from '@anthropic-ai/sdk/resources/models';
import { ApiFailure, invalid } from './errors';

export type { ModelInfo };

/** A model to serve: only `id` is needed, the rest gets plausible values. */
export type ModelInput = Partial<ModelInfo> & { id: string };

const yes = { supported: true };
const no = { supported: false };

function capabilities(line: ModelLine | null, generation: number): ModelCapabilities {
  const modern = generation >= 4.5;
  const small = line === 'haiku';
  return {
    batch: yes,
    citations: yes,
    code_execution: modern ? yes : no,
    context_management: {
      supported: modern,
      clear_thinking_20251015: modern ? yes : null,
      clear_tool_uses_20250919: modern ? yes : null,
      compact_20260112: generation >= 4.6 ? yes : null,
    },
    effort: {
      supported: modern && !small,
      low: modern && !small ? yes : no,
      medium: modern && !small ? yes : no,
      high: modern && !small ? yes : no,
      max: generation >= 4.6 && !small ? yes : no,
      xhigh: generation >= 5 && !small ? yes : null,
    },
    image_input: yes,
    pdf_input: yes,
    server_tools: { supported: true, code_execution: modern ? yes : no, web_search: yes },
    structured_outputs: modern ? yes : no,
    thinking: {
      supported: true,
      types: {
        adaptive: generation >= 4.6 ? yes : no,
        between_tools: generation >= 5 ? yes : no,
        disabled: yes,
        // The stand-in accepts budget thinking on every model, so the catalogue must not say otherwise.
        enabled: yes,
      },
    },
  };
}

function model(
  id: string,
  display_name: string,
  created_at: string,
  line: ModelLine | null,
  generation: number,
  max_input_tokens: number,
  max_tokens: number,
  lifecycle: ModelInfo['lifecycle'] = 'active',
  deprecated_at: string | null = null,
  retires_at: string | null = null,
): ModelInfo {
  // Key order as the real API sends it: the old fields first, newer ones after.
  return {
    type: 'model',
    id,
    display_name,
    created_at,
    max_input_tokens,
    max_tokens,
    capabilities: capabilities(line, generation),
    line,
    lifecycle,
    deprecated_at,
    retires_at,
  };
}

/** Newest first, as the API lists them. One deprecated model and one retired one, for lifecycle views. */
export const DEFAULT_MODELS: ModelInfo[] = [
  model('claude-opus-5-5', 'Claude Opus 5.5', '2026-11-10T00:00:00Z', 'opus', 5.5, 1_000_000, 128_000),
  model('claude-sonnet-5-5', 'Claude Sonnet 5.5', '2026-10-27T00:00:00Z', 'sonnet', 5.5, 1_000_000, 128_000),
  model('claude-haiku-5-5', 'Claude Haiku 5.5', '2026-10-27T00:00:00Z', 'haiku', 5.5, 200_000, 64_000),
  model('claude-fable-5-1', 'Claude Fable 5.1', '2026-09-15T00:00:00Z', 'fable', 5.1, 1_000_000, 128_000),
  model('claude-mythos-5-1', 'Claude Mythos 5.1', '2026-09-15T00:00:00Z', 'mythos', 5.1, 1_000_000, 128_000),
  model('claude-sonnet-5', 'Claude Sonnet 5', '2026-07-22T00:00:00Z', 'sonnet', 5, 1_000_000, 64_000),
  model('claude-opus-4-8', 'Claude Opus 4.8', '2026-05-14T00:00:00Z', 'opus', 4.8, 1_000_000, 128_000),
  model('claude-haiku-4-5', 'Claude Haiku 4.5', '2025-10-15T00:00:00Z', 'haiku', 4.5, 200_000, 64_000),
  model('claude-sonnet-4-5', 'Claude Sonnet 4.5', '2025-09-29T00:00:00Z', 'sonnet', 4.5, 200_000, 64_000, 'deprecated', '2026-08-31T00:00:00Z', '2026-11-30T00:00:00Z'),
  model('claude-3-7-sonnet-20250219', 'Claude Sonnet 3.7', '2025-02-24T00:00:00Z', 'sonnet', 3.7, 200_000, 64_000, 'retired', '2025-10-28T00:00:00Z', '2026-02-19T00:00:00Z'),
];

/** Fills in what a test left out of a model, so every served model has the full shape. */
export function completeModel(input: ModelInput): ModelInfo {
  const base = model(input.id, input.display_name ?? input.id, '2026-01-01T00:00:00Z', input.line ?? null, 5, 200_000, 64_000);
  return { ...base, ...input, type: 'model' };
}

export class ModelCatalog {
  readonly models: ModelInfo[];

  constructor(models?: ModelInput[]) {
    this.models = models ? models.map(completeModel) : DEFAULT_MODELS.map((m) => structuredClone(m));
  }

  find(id: string): ModelInfo | undefined {
    return this.models.find((m) => m.id === id);
  }

  /** A model that a Messages request may name: listed and not retired. */
  usable(id: string): ModelInfo | undefined {
    const found = this.find(id);
    return found && found.lifecycle !== 'retired' ? found : undefined;
  }

  /** The body of GET /v1/models for these query parameters. */
  page(params: URLSearchParams): { data: ModelInfo[]; has_more: boolean; first_id: string | null; last_id: string | null } {
    const limit = parseLimit(params.get('limit'));
    const afterId = params.get('after_id');
    const beforeId = params.get('before_id');
    if (afterId && beforeId) {
      throw invalid('after_id: cannot be used together with before_id');
    }
    const lifecycles = lifecycleFilter(params);
    const listed = this.models.filter((m) => lifecycles.includes(m.lifecycle));
    let start = 0;
    let end = Math.min(listed.length, limit);
    let hasMore: boolean;
    if (beforeId) {
      const at = indexOfCursor(listed, beforeId, 'before_id');
      end = at;
      start = Math.max(0, at - limit);
      hasMore = start > 0;
    } else {
      if (afterId) {
        start = indexOfCursor(listed, afterId, 'after_id') + 1;
      }
      end = Math.min(listed.length, start + limit);
      hasMore = end < listed.length;
    }
    const data = listed.slice(start, end);
    return { data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
  }
}

function parseLimit(text: string | null): number {
  if (text === null) {
    return 20;
  }
  // Digits only (a minus sign for the bound's own message): "", " 5 ", "+5", "1e3", "0x10" and "1_000" are not
  // integers to the API, and Number() would have taken most of them.
  if (!/^-?[0-9]+$/.test(text)) {
    throw invalid('limit: Input should be a valid integer, unable to parse string as an integer');
  }
  const limit = Number(text);
  if (limit < 1) {
    throw invalid('limit: Input should be greater than or equal to 1');
  }
  if (limit > 1000) {
    throw invalid('limit: Input should be less than or equal to 1000');
  }
  return limit;
}

function indexOfCursor(models: ModelInfo[], id: string, name: string): number {
  const at = models.findIndex((m) => m.id === id);
  if (at < 0) {
    throw invalid(`${name}: no model with id "${id}" in this list`);
  }
  return at;
}

const LIFECYCLES: ModelInfo['lifecycle'][] = ['active', 'deprecated', 'retired'];

/** The SDK sends arrays as `lifecycle[]=a&lifecycle[]=b`; curl users write `lifecycle=a,b`. Accept both. */
function lifecycleFilter(params: URLSearchParams): ModelInfo['lifecycle'][] {
  const values = [...params.getAll('lifecycle'), ...params.getAll('lifecycle[]')].flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) {
    return ['active', 'deprecated'];
  }
  for (const value of values) {
    if (!LIFECYCLES.includes(value as ModelInfo['lifecycle'])) {
      throw invalid(`lifecycle: Input should be 'active', 'deprecated' or 'retired'`);
    }
  }
  return values as ModelInfo['lifecycle'][];
}

/** The 404 for GET /v1/models/{id} and for a Messages request naming an unknown model. */
export function modelNotFound(id: string): ApiFailure {
  return new ApiFailure(404, 'not_found_error', `model: ${id}`);
}
