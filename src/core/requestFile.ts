// Reads a `.claude.json` request file: JSON with comments whose content is a Messages API request body.
// Problems carry a line and column so that the editor, the CLI and the panel can point at them; nothing is sent
// while a file has one.
import { createScanner, findNodeAtLocation, getNodePath, getNodeValue, Node, parseTree, printParseErrorCode, SyntaxKind } from 'jsonc-parser';
import type { JsonObject } from '../shared/callRecord';
import { inexactNumber } from './exactNumber';
import { MAX_REQUEST_BYTES, wideEncoding } from './requestBytes';
import { CappedErrors, EnoughErrors, placeInString } from './syntaxErrors';

export interface RequestFileProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like the editor's columns. */
  column: number;
  /** 0-based offset of the start of the problem in the text, and its length. */
  offset: number;
  length: number;
  /** The JSON path of the field at fault, e.g. `messages[0].role`; empty for syntax errors. */
  field?: string;
  /** A stable name for the check, for the Problems panel; shape problems have a field and no code. */
  code?: 'json' | 'encoding' | 'too-large' | 'too-deep' | 'inexact-number' | 'duplicate-key';
}

export interface ParseOptions {
  /**
   * false: only what stops a body from being built and sent as written (encoding, syntax, nesting, numbers, a
   * non-object); duplicate keys and the request's shape are left to the API. The CLI's --no-check.
   */
  check?: boolean;
}

/**
 * Deeper than this, the parser and JSON.stringify (which the SDK sends with) run out of stack; no real request
 * comes near it.
 */
export const MAX_NESTING = 256;

/** More problems of one kind than this say nothing new, and would flood a terminal. */
const MAX_PROBLEMS_OF_A_KIND = 100;

export type RequestFileResult =
  /** `body` is made when first read (a copy of a big file costs as much as its parse; the diagnostics need none). */
  | { ok: true; readonly body: JsonObject; root: Node }
  | { ok: false; problems: RequestFileProblem[] };

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing brace } was expected',
  CloseBracketExpected: 'a closing bracket ] was expected',
  EndOfFileExpected: 'end of file expected: there is more after the request object',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

/** Where each line starts, for the last text asked about: a file with many problems is scanned once, not per problem. */
let lineStarts: { text: string; starts: number[] } | undefined;

function startsOfLines(text: string): number[] {
  if (lineStarts?.text !== text) {
    const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) {
        starts.push(i + 1);
      }
    }
    lineStarts = { text, starts };
  }
  return lineStarts.starts;
}

/**
 * Converts an offset into a 1-based line and column as an editor shows them: CRLF, CR and LF each end a line, and a
 * byte order mark at the start is not a column.
 */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const starts = startsOfLines(text);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return { line: low + 1, column: Math.max(offset - starts[low], 0) + 1 };
}

function problemAt(text: string, offset: number, length: number, message: string, field?: string, code?: RequestFileProblem['code']): RequestFileProblem {
  const { line, column } = positionAt(text, offset);
  return { message, line, column, offset, length, field, ...(code ? { code } : {}) };
}

/** One line per problem, as a compiler prints them: `file:line:column: message`. */
export function formatProblem(problem: RequestFileProblem, fileName?: string): string {
  const where = `${problem.line}:${problem.column}`;
  return fileName ? `${fileName}:${where}: ${problem.message}` : `line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

export function parseRequestFile(text: string, options: ParseOptions = {}): RequestFileResult {
  const empty = () => ({ ok: false as const, problems: [problemAt(text, 0, 0, 'the file is empty: a request file holds one JSON object, the request body')] });
  // UTF-16 code units are at least a third of the UTF-8 bytes: count the bytes only when it could be too big.
  if (text.length * 3 > MAX_REQUEST_BYTES && Buffer.byteLength(text, 'utf8') > MAX_REQUEST_BYTES) {
    return { ok: false, problems: [problemAt(text, 0, 0, 'the file is larger than 32 MB, the most the API accepts in one request', undefined, 'too-large')] };
  }
  const encoding = textEncodingProblem(text);
  if (encoding) {
    return { ok: false, problems: [encoding] };
  }
  // A byte order mark is not JSON; a space keeps every offset where the editor has it.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (onlyComments(source)) {
    return empty();
  }
  const errors = new CappedErrors();
  let root: Node | undefined;
  try {
    root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (error instanceof EnoughErrors) {
      root = undefined;
    } else {
      // The parser recurses: thousands of levels of [ and { run it out of stack. The scanner, which does not, finds
    // the bracket that goes too deep.
      const deep = error instanceof RangeError ? tooDeep(text, source) : undefined;
      if (deep) {
        return { ok: false, problems: [deep] };
      }
      throw error;
    }
  }
  if (errors.total > 0 || !root) {
    if (errors.total === 0) {
      return empty();
    }
    // Too deep first: it is what the user must change, and the syntax errors may be its consequence. (Few brackets
    // cannot nest too deep: counting them is much cheaper than scanning.)
    const deep = bracketCount(source) > MAX_NESTING ? tooDeep(text, source) : undefined;
    if (deep) {
      return { ok: false, problems: [deep] };
    }
    const problems = errors.map((e) => {
      const code = printParseErrorCode(e.error);
      const at = placeInString(source, e);
      return problemAt(text, at.offset, at.length, `invalid JSON: ${SYNTAX_MESSAGES[code] ?? code}`, undefined, 'json');
    });
    if (errors.more) {
      const last = errors[errors.length - 1];
      problems.push(problemAt(text, last.offset, last.length, 'invalid JSON: and more syntax errors after this one, not listed (they often all follow from the first: fix it and check again)', undefined, 'json'));
    }
    return { ok: false, problems };
  }
  if (root.type !== 'object') {
    return { ok: false, problems: [problemAt(text, root.offset, root.length, `a request file must be a JSON object (the request body), not ${describe(root)}`, '')] };
  }
  const deepNode = deepestBracket(root);
  if (deepNode) {
    return { ok: false, problems: [tooDeepAt(text, deepNode.offset)] };
  }
  const problems = [...valueProblems(text, root, options.check !== false)];
  if (options.check !== false) {
    problems.push(...checkShape(text, root));
  }
  if (problems.length > 0) {
    return { ok: false, problems: problems.sort((a, b) => a.offset - b.offset) };
  }
  const tree = root;
  let body: JsonObject | undefined;
  return {
    ok: true,
    root: tree,
    get body(): JsonObject {
      // Through JSON.parse, so that the body is made of ordinary objects and a "__proto__" key stays a plain field.
      body ??= JSON.parse(JSON.stringify(getNodeValue(tree))) as JsonObject;
      return body;
    },
  };
}

function bracketCount(source: string): number {
  let count = 0;
  for (let i = source.indexOf('['); i !== -1 && count <= MAX_NESTING; i = source.indexOf('[', i + 1)) {
    count++;
  }
  for (let i = source.indexOf('{'); i !== -1 && count <= MAX_NESTING; i = source.indexOf('{', i + 1)) {
    count++;
  }
  return count;
}

/** Whether the text holds nothing but white space and comments: the first token decides, not a copy of the text. */
function onlyComments(source: string): boolean {
  return createScanner(source, true).scan() === SyntaxKind.EOF;
}

/** The first array or object nested deeper than {@link MAX_NESTING} in a tree the parser could build. */
function deepestBracket(root: Node): Node | undefined {
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING) {
      return node;
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child.type === 'property') {
        const value = child.children?.[1];
        if (value && (value.type === 'object' || value.type === 'array')) {
          stack.push([value, depth + 1]);
        }
      } else if (child.type === 'object' || child.type === 'array') {
        stack.push([child, depth + 1]);
      }
    }
  }
  return undefined;
}

function tooDeepAt(text: string, offset: number): RequestFileProblem {
  return problemAt(text, offset, 1, `nesting too deep: more than ${MAX_NESTING} levels of [ and { (no request needs that many; the parser would run out of stack)`, undefined, 'too-deep');
}

/**
 * Text that is not UTF-8 JSON at all: UTF-16 read as UTF-8 shows as NUL characters between the letters. (The CLI
 * sees the bytes and says more, in requestBytes.)
 */
function textEncodingProblem(text: string): RequestFileProblem | undefined {
  const nul = text.indexOf('\u0000');
  if (nul === -1) {
    return undefined;
  }
  const wide = wideEncoding(Buffer.from(text.slice(0, 4096), 'utf8'));
  const message = wide
    ? `the file is ${wide}: save it as UTF-8`
    : 'the file holds NUL characters: it is binary data, not a UTF-8 JSON request file';
  return problemAt(text, wide ? 0 : nul, wide ? 0 : 1, message, undefined, 'encoding');
}

/** The first bracket or brace nested deeper than {@link MAX_NESTING}, found with the scanner, which does not recurse. */
function tooDeep(text: string, source: string): RequestFileProblem | undefined {
  const scanner = createScanner(source, false);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_NESTING) {
        return tooDeepAt(text, scanner.getTokenOffset());
      }
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * Numbers that would not go out as written, and (when checking) keys written twice in one object: the API, this
 * tool and other JSON readers disagree on which of two keys counts, so the body checked would not be the one sent.
 */
function valueProblems(text: string, root: Node, duplicates: boolean): RequestFileProblem[] {
  const numbers: RequestFileProblem[] = [];
  const twice: RequestFileProblem[] = [];
  // A stack, not recursion: the walk must not be the thing that runs out of stack.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'number' && numbers.length < MAX_PROBLEMS_OF_A_KIND) {
      const written = text.slice(node.offset, node.offset + node.length);
      const changed = inexactNumber(written);
      if (changed) {
        numbers.push(problemAt(text, node.offset, node.length, `this number cannot be sent exactly: ${written} would go out as ${changed.sentAs} (${changed.reason}); round it, or write it as a string if the field takes one`, pathText(getNodePath(node)), 'inexact-number'));
      }
    } else if (node.type === 'array') {
      pushReversed(stack, node.children ?? []);
    } else if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key) {
          continue;
        }
        const name = String(key.value);
        const first = seen.get(name);
        if (duplicates && first && twice.length < MAX_PROBLEMS_OF_A_KIND) {
          const at = positionAt(text, first.offset);
          twice.push(problemAt(text, key.offset, key.length, `duplicate key "${name}": it is already at line ${at.line}, column ${at.column}; JSON readers disagree on which one counts (the last would be sent): keep one`, pathText([...getNodePath(node), name]), 'duplicate-key'));
        } else if (!first) {
          seen.set(name, key);
        }
      }
      pushReversed(stack, (node.children ?? []).map((property) => property.children?.[1]).filter((v): v is Node => v !== undefined));
    }
  }
  return [...numbers, ...twice];
}

/** In document order when popped; a loop, because spreading a million children into push() overflows the stack. */
function pushReversed(stack: Node[], nodes: Node[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    stack.push(nodes[i]);
  }
}

type Path = (string | number)[];

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describe(node: Node): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'null';
  }
}

/**
 * Checks the shape the API needs before anything can be sent: an object with a `messages` array of role/content
 * objects, and the right JSON types for the fields everyone uses. Field values the API understands better than we do
 * (model names, tool definitions, new fields) are left to the API.
 */
function checkShape(text: string, root: Node): RequestFileProblem[] {
  const problems: RequestFileProblem[] = [];
  const at = (node: Node, path: Path, message: string) =>
    problems.push(problemAt(text, node.offset, node.length, message, pathText(path)));
  const valueNode = (path: Path) => findNodeAtLocation(root, path);
  /** The node of the property name, the natural place to point at for a wrongly typed field. */
  const keyOf = (node: Node) => (node.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node);

  if (root.type !== 'object') {
    at(root, [], `a request file must be a JSON object (the request body), not ${describe(root)}`);
    return problems;
  }

  const expect = (path: Path, types: Node['type'][], what: string) => {
    const node = valueNode(path);
    if (node && !types.includes(node.type)) {
      at(node, path, `\`${pathText(path)}\` must be ${what}, not ${describe(node)}`);
    }
    return node;
  };

  expect(['model'], ['string'], 'a string (a model id such as "claude-sonnet-5-5")');
  const maxTokens = expect(['max_tokens'], ['number'], 'a whole number');
  if (maxTokens?.type === 'number') {
    const value = maxTokens.value as number;
    if (!Number.isInteger(value) || value < 0) {
      at(maxTokens, ['max_tokens'], '`max_tokens` must be a whole number, 0 or more');
    }
  }
  expect(['stream'], ['boolean'], 'true or false');
  expect(['system'], ['string', 'array'], 'a string or an array of text blocks');
  const stops = expect(['stop_sequences'], ['array'], 'an array of strings');
  stops?.children?.forEach((child, i) => {
    if (child.type !== 'string') {
      at(child, ['stop_sequences', i], `\`stop_sequences[${i}]\` must be a string, not ${describe(child)}`);
    }
  });
  expect(['tools'], ['array'], 'an array of tool definitions');
  expect(['tool_choice'], ['object'], 'an object such as {"type": "auto"}');
  expect(['metadata'], ['object'], 'an object');
  expect(['thinking'], ['object'], 'an object such as {"type": "adaptive"}');

  const messages = valueNode(['messages']);
  if (!messages) {
    const rootStart = root;
    problems.push({
      ...problemAt(text, rootStart.offset, 1, '`messages` is missing: a request needs an array of messages, e.g. "messages": [{"role": "user", "content": "Hello"}]'),
      field: 'messages',
    });
    return problems;
  }
  if (messages.type !== 'array') {
    at(keyOf(messages), ['messages'], `\`messages\` must be an array of {"role", "content"} objects, not ${describe(messages)}`);
    return problems;
  }
  const items = messages.children ?? [];
  if (items.length === 0) {
    at(messages, ['messages'], '`messages` is empty: add at least one {"role": "user", "content": "..."}');
  }
  items.forEach((message, i) => {
    const path: Path = ['messages', i];
    if (message.type !== 'object') {
      at(message, path, `\`${pathText(path)}\` must be an object with "role" and "content", not ${describe(message)}`);
      return;
    }
    const role = findNodeAtLocation(message, ['role']);
    if (!role) {
      at(message, [...path, 'role'], `\`${pathText(path)}\` has no "role": use "user" or "assistant"`);
    } else if (role.type !== 'string') {
      at(role, [...path, 'role'], `\`${pathText([...path, 'role'])}\` must be a string ("user" or "assistant"), not ${describe(role)}`);
    }
    const content = findNodeAtLocation(message, ['content']);
    if (!content) {
      at(message, [...path, 'content'], `\`${pathText(path)}\` has no "content": a string, or an array of content blocks`);
    } else if (content.type !== 'string' && content.type !== 'array') {
      at(content, [...path, 'content'], `\`${pathText([...path, 'content'])}\` must be a string or an array of content blocks, not ${describe(content)}`);
    } else if (content.type === 'array') {
      content.children?.forEach((block, j) => {
        const blockPath: Path = [...path, 'content', j];
        if (block.type !== 'object') {
          at(block, blockPath, `\`${pathText(blockPath)}\` must be a content block object with a "type", not ${describe(block)}`);
          return;
        }
        const type = findNodeAtLocation(block, ['type']);
        if (!type || type.type !== 'string') {
          at(type ?? block, [...blockPath, 'type'], `\`${pathText(blockPath)}\` needs a "type" string, such as "text"`);
        }
      });
    }
  });
  return problems;
}
