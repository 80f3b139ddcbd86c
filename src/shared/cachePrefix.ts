// A request as the prompt cache reads it: one flat list of elements in the order tools, system, messages (each tool,
// each system block, each message's content block), each with its JSON path; and the cache_control breakpoints on
// them. Two requests share a cached prefix as long as their elements are equal, cache_control aside.
import type { JsonObject } from './callRecord';

export interface PrefixElement {
  /** JSON path in the request: tools[0], system, system[1], messages[2].content, messages[2].content[0]. */
  path: string;
  /** The element with its cache_control removed (the marker is not part of what is cached). */
  value: unknown;
  /** Its role, for message content: a user block and an assistant block with the same text differ. */
  role?: string;
  /** Its cache_control, when it has one. */
  cacheControl?: { type?: unknown; ttl?: unknown };
  /** Characters of its JSON, to share the usage's tokens among elements. */
  chars: number;
  /** Written as a plain string (a string system prompt or message content): `value` is the text block it equals. */
  fromString?: boolean;
}

export type CacheTtl = '5m' | '1h';
export const TTL_MS: Record<CacheTtl, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

function withoutCacheControl(value: unknown): { value: unknown; cacheControl?: PrefixElement['cacheControl'] } {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('cache_control' in value)) {
    return { value };
  }
  const { cache_control: cacheControl, ...rest } = value as { cache_control?: unknown };
  return { value: rest, cacheControl: cacheControl && typeof cacheControl === 'object' ? (cacheControl as PrefixElement['cacheControl']) : undefined };
}

function element(path: string, raw: unknown, role?: string): PrefixElement {
  if (typeof raw === 'string') {
    // "system": "…" and "content": "…" are read as one text block: the same prompt either way.
    return { path, value: { type: 'text', text: raw }, role, chars: raw.length, fromString: true };
  }
  const { value, cacheControl } = withoutCacheControl(raw);
  return { path, value, role, cacheControl, chars: JSON.stringify(value ?? null).length };
}

/** The request's cacheable elements in the cache's order. */
export function prefixElements(request: JsonObject): PrefixElement[] {
  const out: PrefixElement[] = [];
  if (Array.isArray(request.tools)) {
    request.tools.forEach((tool, i) => out.push(element(`tools[${i}]`, tool)));
  }
  if (typeof request.system === 'string') {
    out.push(element('system', request.system));
  } else if (Array.isArray(request.system)) {
    request.system.forEach((block, i) => out.push(element(`system[${i}]`, block)));
  }
  if (Array.isArray(request.messages)) {
    request.messages.forEach((message, i) => {
      const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
      const who = typeof role === 'string' ? role : undefined;
      if (Array.isArray(content)) {
        content.forEach((block, j) => out.push(element(`messages[${i}].content[${j}]`, block, who)));
      } else {
        out.push(element(`messages[${i}].content`, content, who));
      }
    });
  }
  return out;
}

/** A JSON text with keys in a fixed order, so that two equal values compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sameElement(a: PrefixElement, b: PrefixElement): boolean {
  return a.role === b.role && canonicalJson(a.value) === canonicalJson(b.value);
}

export interface Breakpoint {
  /** The JSON path of the cache_control: tools[0].cache_control, or cache_control for the request's own. */
  path: string;
  /** How many elements the cached prefix holds, up to and including the marked one. */
  elements: number;
  ttl: CacheTtl;
}

/**
 * Every breakpoint of the request. A cache_control at the top of the request (automatic caching) marks the last
 * element.
 */
export function breakpointsOf(request: JsonObject, elements: PrefixElement[]): Breakpoint[] {
  const ttl = (control: { ttl?: unknown } | undefined): CacheTtl => (control?.ttl === '1h' ? '1h' : '5m');
  const out: Breakpoint[] = [];
  elements.forEach((e, i) => {
    if (e.cacheControl) {
      out.push({ path: `${e.path}.cache_control`, elements: i + 1, ttl: ttl(e.cacheControl) });
    }
  });
  const top = request.cache_control;
  if (top && typeof top === 'object' && elements.length > 0) {
    out.push({ path: 'cache_control', elements: elements.length, ttl: ttl(top as { ttl?: unknown }) });
  }
  return out;
}
