// The languages a captured request can be written in (the panel's Code view, Copy as Code…, the CLI's `code`):
// ids as the CLI's --lang and the claudeInspector.codeLanguage setting take them, labels as the picker shows them.

export const CODE_LANGUAGES = [
  { id: 'curl', label: 'curl (bash, zsh)' },
  { id: 'cmd', label: 'curl for Windows cmd' },
  { id: 'powershell', label: 'PowerShell' },
  { id: 'python', label: 'Python (anthropic SDK)' },
  { id: 'typescript', label: 'TypeScript (@anthropic-ai/sdk)' },
  { id: 'python-httpx', label: 'Python without the SDK (httpx)' },
  { id: 'http', label: 'Raw HTTP' },
] as const;

export type CodeLanguage = (typeof CODE_LANGUAGES)[number]['id'];

export const DEFAULT_CODE_LANGUAGE: CodeLanguage = 'curl';

export const CODE_LANGUAGE_IDS: readonly CodeLanguage[] = CODE_LANGUAGES.map((language) => language.id);

export function isCodeLanguage(value: unknown): value is CodeLanguage {
  return typeof value === 'string' && (CODE_LANGUAGE_IDS as readonly string[]).includes(value);
}

export function codeLanguageLabel(language: CodeLanguage): string {
  return CODE_LANGUAGES.find((l) => l.id === language)!.label;
}
