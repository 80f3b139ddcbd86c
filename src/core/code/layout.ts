// The body as a literal of the language (a Python dict, a TypeScript object, pretty JSON): what fits in the line
// stays on one line, the rest is laid out one entry a line. A string is never cut: a long text is one literal.
import type { JsonNode } from './jsonTree';

export interface LiteralSyntax {
  /** The expression for a string of the body (a literal, or a concatenation around environment variables). */
  string(value: string): string;
  /** An object key. */
  key(name: string): string;
  number(text: string): string;
  literal(value: true | false | null): string;
  /** One level of indentation. */
  indent: string;
  /** Inline braces: "{" and "}" for Python and JSON, "{ " and " }" for TypeScript. */
  openInline: string;
  closeInline: string;
  /** A comma after the last entry of a multi-line object or array (Python, TypeScript; never JSON). */
  trailingComma: boolean;
}

const WIDTH = 100;

/** The node on one line when it fits in `budget` characters; undefined otherwise (stops as soon as it cannot fit). */
function inline(node: JsonNode, syntax: LiteralSyntax, budget: number): string | undefined {
  switch (node.kind) {
    case 'string': {
      if (node.value.length > budget) {
        return undefined;
      }
      const text = syntax.string(node.value);
      return text.length <= budget ? text : undefined;
    }
    case 'number':
      return syntax.number(node.text);
    case 'literal':
      return syntax.literal(node.value);
    case 'array':
    case 'object': {
      const isObject = node.kind === 'object';
      if ((isObject ? node.entries.length : node.items.length) === 0) {
        return isObject ? '{}' : '[]';
      }
      const open = isObject ? syntax.openInline : '[';
      const close = isObject ? syntax.closeInline : ']';
      let out = open;
      let left = budget - open.length - close.length;
      const children: [string | undefined, JsonNode][] = isObject ? node.entries.map(([k, v]) => [k, v]) : node.items.map((v) => [undefined, v]);
      for (let i = 0; i < children.length; i++) {
        const [name, child] = children[i];
        const prefix = (i > 0 ? ', ' : '') + (name === undefined ? '' : `${syntax.key(name)}: `);
        left -= prefix.length;
        if (left < 0) {
          return undefined;
        }
        const text = inline(child, syntax, left);
        if (text === undefined) {
          return undefined;
        }
        left -= text.length;
        out += prefix + text;
      }
      return left >= 0 ? out + close : undefined;
    }
  }
}

/**
 * The node laid out at `level` (its first line is placed by the caller, after `used` characters of its own line);
 * the lines after the first are indented.
 */
export function layout(node: JsonNode, syntax: LiteralSyntax, level: number, used = 0): string {
  const pad = syntax.indent.repeat(level);
  const one = inline(node, syntax, WIDTH - pad.length - used - 1);
  if (one !== undefined) {
    return one;
  }
  if (node.kind === 'object') {
    const inner = pad + syntax.indent;
    const lines = node.entries.map(([name, child]) => {
      const key = `${syntax.key(name)}: `;
      return `${inner}${key}${layout(child, syntax, level + 1, key.length)}`;
    });
    return `{\n${entryLines(lines, syntax)}\n${pad}}`;
  }
  if (node.kind === 'array') {
    const inner = pad + syntax.indent;
    const lines = node.items.map((child) => `${inner}${layout(child, syntax, level + 1)}`);
    return `[\n${entryLines(lines, syntax)}\n${pad}]`;
  }
  // A string too long for the line: one literal all the same, never cut.
  return node.kind === 'string' ? syntax.string(node.value) : node.kind === 'number' ? syntax.number(node.text) : syntax.literal(node.value);
}

function entryLines(lines: string[], syntax: LiteralSyntax): string {
  return lines.join(',\n') + (syntax.trailingComma ? ',' : '');
}
