// Claude: Copy as Code… — the request file at hand (else the last call) as code in a language picked from a quick
// pick, the claudeInspector.codeLanguage setting's first. From the same dry-run capture as Copy as curl, so the code
// sends what Send would; the key is read from the environment, never written.
import * as vscode from 'vscode';
import { codeSnippet } from '../../core/code';
import type { CapturedRequest } from '../../shared/callRecord';
import { CODE_LANGUAGES, codeLanguageLabel, isCodeLanguage, type CodeLanguage } from '../../shared/codeLanguages';
import type { CallRunner } from '../callRunner';
import { defaultCodeLanguage } from '../panel/codeSnippets';
import { documentName, isRequestFile, requestDocument } from '../requestDocument';
import type { ResolveServices } from '../resolveCall';
import { readSettings } from '../settings';
import { captureDocument } from './copyCurl';

/** The language to write, from a quick pick with the setting's language first; undefined when dismissed. */
async function pickLanguage(): Promise<CodeLanguage | undefined> {
  const preferred = defaultCodeLanguage();
  const ordered = [...CODE_LANGUAGES].sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred));
  const picked = await vscode.window.showQuickPick(
    ordered.map((language) => ({
      label: language.label,
      // In the user's words: the setting's title, not its id.
      description: language.id === preferred ? 'the default (setting Code Language)' : undefined,
      id: language.id,
    })),
    { title: 'Claude: Copy as Code', placeHolder: 'The language to write the request in' },
  );
  return picked?.id;
}

export async function copyAsCode(runner: CallRunner, services: ResolveServices, uri?: vscode.Uri, language?: CodeLanguage): Promise<void> {
  const document = await requestDocument(uri);
  let request: CapturedRequest | undefined;
  let what: string;
  if (document && (uri || isRequestFile(document))) {
    request = (await captureDocument(document, services, 'no code was made'))?.captured;
    what = documentName(document);
    if (!request) {
      return;
    }
  } else if (runner.lastCall?.request) {
    request = runner.lastCall.request;
    what = 'the last call';
  } else {
    void vscode.window.showWarningMessage('Claude: nothing to copy yet. Open a .claude.json request file, or send something first.');
    return;
  }
  // A language passed with the command (a keybinding's args) skips the pick.
  const lang = isCodeLanguage(language) ? language : await pickLanguage();
  if (!lang) {
    return;
  }
  let snippet: { text: string; note?: string };
  try {
    snippet = codeSnippet(request, lang, { maxRetries: readSettings().maxRetries });
  } catch (error) {
    void vscode.window.showErrorMessage(`Claude: no code was made: ${(error as Error).message}`);
    return;
  }
  await vscode.env.clipboard.writeText(snippet.text);
  const copied = `Claude: ${codeLanguageLabel(lang)} code for ${what} copied. It reads the key from ANTHROPIC_API_KEY.`;
  if (snippet.note) {
    void vscode.window.showWarningMessage(`${copied} ${snippet.note}`);
  } else {
    void vscode.window.showInformationMessage(copied);
  }
}
