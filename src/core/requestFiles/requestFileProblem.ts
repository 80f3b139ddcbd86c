// Where a request file's problem is (line and column as the editor counts them), and how it is written.

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

/** Where each line starts, for the last text asked about: a file with many problems is scanned once, not per problem. */
let lineStarts: { text: string; starts: number[] } | undefined;

function startsOfLines(text: string): number[] {
  if (lineStarts?.text !== text) {
    const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
    if (!text.includes('\r')) {
      // The usual case, found by the engine's search (a 5 MB file is a few milliseconds, not tens).
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) {
          starts.push(i + 1);
        }
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

export function problemAt(text: string, offset: number, length: number, message: string, field?: string, code?: RequestFileProblem['code']): RequestFileProblem {
  const { line, column } = positionAt(text, offset);
  return { message, line, column, offset, length, field, ...(code ? { code } : {}) };
}

/** One line per problem, as a compiler prints them: `file:line:column: message`. */
export function formatProblem(problem: RequestFileProblem, fileName?: string): string {
  const where = `${problem.line}:${problem.column}`;
  return fileName ? `${fileName}:${where}: ${problem.message}` : `line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

export type Path = (string | number)[];

export function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
