// The body as sent, read into a tree that keeps what JSON.parse would lose for code: the order of every key (an
// object with "10" and "a" keeps "a" first; JSON.parse puts integer-like keys first) and each number as written.
// The body is JSON.stringify's output (the SDK's), so it is valid JSON; anything else is refused with its offset.

export type JsonNode =
  | { kind: 'object'; entries: [string, JsonNode][] }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'string'; value: string }
  /** `text` as written in the body: JSON number syntax, which Python and TypeScript read as the same number. */
  | { kind: 'number'; text: string }
  | { kind: 'literal'; value: true | false | null };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;

export function parseJsonTree(text: string): JsonNode {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`the body is not JSON: ${what} at offset ${at}`);
  };
  const space = () => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const string = (): string => {
    STRING.lastIndex = at;
    const m = STRING.exec(text);
    if (!m) {
      fail('a broken string');
    }
    at = STRING.lastIndex;
    return JSON.parse(m![0]) as string;
  };
  const value = (depth: number): JsonNode => {
    if (depth > 512) {
      fail('nesting too deep');
    }
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const entries: [string, JsonNode][] = [];
      space();
      if (text[at] === '}') {
        at++;
        return { kind: 'object', entries };
      }
      for (;;) {
        space();
        const key = string();
        space();
        if (text[at++] !== ':') {
          fail('a missing ":"');
        }
        entries.push([key, value(depth + 1)]);
        space();
        const next = text[at++];
        if (next === '}') {
          return { kind: 'object', entries };
        }
        if (next !== ',') {
          fail('a missing "," or "}"');
        }
      }
    }
    if (c === '[') {
      at++;
      const items: JsonNode[] = [];
      space();
      if (text[at] === ']') {
        at++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        const next = text[at++];
        if (next === ']') {
          return { kind: 'array', items };
        }
        if (next !== ',') {
          fail('a missing "," or "]"');
        }
      }
    }
    if (c === '"') {
      return { kind: 'string', value: string() };
    }
    for (const [word, literal] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return { kind: 'literal', value: literal };
      }
    }
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (!m) {
      fail('an unexpected character');
    }
    at = NUMBER.lastIndex;
    return { kind: 'number', text: m![0] };
  };
  const tree = value(0);
  space();
  if (at !== text.length) {
    fail('text after the end');
  }
  return tree;
}

/** The value a tree stands for, as JSON.parse would give it (for tests and for the fields' names). */
export function treeValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map(([k, v]) => [k, treeValue(v)]));
    case 'array':
      return node.items.map(treeValue);
    case 'string':
      return node.value;
    case 'number':
      return Number(node.text);
    case 'literal':
      return node.value;
  }
}

/** True when a string or key anywhere in the tree passes `test`. */
export function someText(node: JsonNode, test: (text: string) => boolean): boolean {
  switch (node.kind) {
    case 'object':
      return node.entries.some(([k, v]) => test(k) || someText(v, test));
    case 'array':
      return node.items.some((v) => someText(v, test));
    case 'string':
      return test(node.value);
    default:
      return false;
  }
}
