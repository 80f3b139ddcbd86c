// claude-inspector code: the request file as code in one language (--lang), from the same dry-run capture as
// `curl`: nothing is sent. The snippet goes to stdout; a note (the body had secret-shaped text masked) to stderr.
import { captureWithoutSending, type ConnectionOptions } from '../core/client';
import { codeSnippet } from '../core/code';
import type { EffectiveRequest } from '../core/effectiveRequest';
import { CODE_LANGUAGE_IDS, isCodeLanguage, type CodeLanguage } from '../shared/codeLanguages';
import { nearest } from './args';
import { UsageError } from './usage';

/** The --lang value, checked: a missing or unknown one names the languages (and the nearest one to a typo). */
export function codeLanguage(value: string | undefined): CodeLanguage {
  if (value === undefined) {
    throw new UsageError(`code needs --lang: one of ${CODE_LANGUAGE_IDS.join(', ')}`);
  }
  if (!isCodeLanguage(value)) {
    const guess = nearest(value, CODE_LANGUAGE_IDS);
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    throw new UsageError(`unknown language "${shown}"${guess ? `: did you mean ${guess}?` : ''} (--lang takes ${CODE_LANGUAGE_IDS.join(', ')})`);
  }
  return value;
}

interface Output {
  print(text: string): void;
}

export async function codeCommand(
  request: EffectiveRequest,
  connection: ConnectionOptions,
  language: CodeLanguage,
  out: { stdout: Output; stderr: Output },
): Promise<number> {
  const captured = await captureWithoutSending(request, connection);
  const snippet = codeSnippet(captured, language, { maxRetries: connection.maxRetries });
  if (snippet.note) {
    out.stderr.print(`note: ${snippet.note}\n`);
  }
  out.stdout.print(snippet.text.endsWith('\n') ? snippet.text : `${snippet.text}\n`);
  return 0;
}
