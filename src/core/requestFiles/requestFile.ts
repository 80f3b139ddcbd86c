// Reads a `.claude.json` request file: JSON with comments whose content is a Messages API request body.
// Problems carry a line and column so that the editor, the CLI and the panel can point at them; nothing is sent
// while a file has one.
import { createScanner, getNodeValue, Node, parseTree, printParseErrorCode, SyntaxKind } from 'jsonc-parser';
import type { JsonObject } from '../../shared/callRecord';
import { MAX_REQUEST_BYTES, wideEncoding } from './requestBytes';
import { CappedErrors, EnoughErrors, placeInString } from './syntaxErrors';
import { type Compacted, compactStrings, fastParseTree } from './fastJsonTree';
import { firstTooDeep } from './bracketDepth';
import { problemAt, RequestFileProblem } from './requestFileProblem';
import { checkShape, describe } from './requestFileShape';
import { valueProblems } from './requestFileValues';

export type { RequestFileProblem } from './requestFileProblem';
export { formatProblem, positionAt } from './requestFileProblem';

export interface ParseOptions {
  /**
   * false: only what stops a body from being built and sent as written (encoding, syntax, nesting, numbers, a
   * non-object); duplicate keys and the request's shape are left to the API. The CLI's --no-check.
   */
  check?: boolean;
  /**
   * Syntax errors to report before "and more" (MAX_SYNTAX_ERRORS by default). The editor asks for 1 where VS Code's
   * JSON language server shows them: ours would not be shown, and the parse stops at the first error instead of
   * reading the rest of a broken file as the junk it has become.
   */
  syntaxErrors?: number;
}

/**
 * Deeper than this, the parser and JSON.stringify (which the SDK sends with) run out of stack; no real request
 * comes near it.
 */
export const MAX_NESTING = 256;

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
  const fast = fastParseTree(source);
  // Well-formed text has its tree already; otherwise jsonc-parser finds the errors in a copy without the content of
  // the long strings read before the first one (the same tokens; its offsets mapped back by `toOriginal`).
  const scanned = fast.ok ? { text: source, toOriginal: (offset: number) => offset } : compactStrings(source, fast.strings);
  const errors = new CappedErrors(options.syntaxErrors);
  let root: Node | undefined = fast.ok ? fast.root : undefined;
  try {
    root ??= parseTree(scanned.text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (error instanceof EnoughErrors) {
      root = undefined;
    } else {
      // The parser recurses: thousands of levels of [ and { run it out of stack. The scanner, which does not, finds
    // the bracket that goes too deep.
      const deep = error instanceof RangeError ? tooDeep(text, scanned) : undefined;
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
    // Too deep first: it is what the user must change, and the syntax errors may be its consequence.
    const deep = tooDeep(text, scanned);
    if (deep) {
      return { ok: false, problems: [deep] };
    }
    // Where each error is in the text itself.
    const placed = errors.map((found) => {
      const start = scanned.toOriginal(found.offset);
      return { ...found, offset: start, length: scanned.toOriginal(found.offset + found.length) - start };
    });
    const problems = placed.map((e) => {
      const code = printParseErrorCode(e.error);
      const at = placeInString(source, e);
      return problemAt(text, at.offset, at.length, `invalid JSON: ${SYNTAX_MESSAGES[code] ?? code}`, undefined, 'json');
    });
    if (errors.more) {
      const last = placed[placed.length - 1];
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

/** The first bracket or brace nested deeper than {@link MAX_NESTING}, found without recursing. */
function tooDeep(text: string, scanned: Compacted): RequestFileProblem | undefined {
  const offset = firstTooDeep(scanned.text, MAX_NESTING);
  return offset === undefined ? undefined : tooDeepAt(text, scanned.toOriginal(offset));
}
