// The Code view: the call's request as code, in the language picked here (remembered in the webview's state; else
// the claudeInspector.codeLanguage setting's), with Copy. curl comes with the record; every other language is made
// by the host on request (`code` → `codeSnippet`), once per call and language, so a big request is never posted
// back and forth for nothing.
import type { CallRecord } from '../../shared/callRecord';
import { CODE_LANGUAGES, DEFAULT_CODE_LANGUAGE, codeLanguageLabel, isCodeLanguage, type CodeLanguage } from '../../shared/codeLanguages';
import type { HostMessage } from '../../shared/protocol';
import { button, el, icon } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import type { Host } from '../host/vscodeApi';
import { emptyState, toolbar } from './common';

type Snippet = { text: string; note?: string };

const CURL_MASKED =
  'The body holds text shaped like a secret (an sk-ant- key, or the user:password@ of a URL). It is masked here, so this curl does not send the same bytes as the request did.';

export class CodeView {
  /** The language the user picked here; undefined until they do (then the setting's, once the host says it). */
  private picked: CodeLanguage | undefined;
  /** The setting's language, as the host last said it. */
  private fromSetting: CodeLanguage | undefined;
  private readonly snippets = new Map<string, Snippet>();
  private shown: { panel: HTMLElement; record: CallRecord } | undefined;
  private asked = new Set<string>();

  /** The host, as the view list hands it at the first render (snippets are asked for from there on). */
  private host: Host | undefined;
  /** Called when the user picks a language, for the state to keep it. */
  onPick: () => void = () => {};

  get language(): CodeLanguage | undefined {
    return this.picked;
  }

  set language(value: CodeLanguage | undefined) {
    this.picked = isCodeLanguage(value) ? value : undefined;
  }

  /** The language shown: the one picked, else the setting's, else curl until the host has said. */
  private current(): CodeLanguage {
    return this.picked ?? this.fromSetting ?? DEFAULT_CODE_LANGUAGE;
  }

  render(panel: HTMLElement, record: CallRecord, host: Host): void {
    this.host = host;
    this.shown = { panel, record };
    if (this.picked === undefined && this.fromSetting === undefined && record.request) {
      this.ask(record, undefined);
    }
    const lang = this.current();
    const picker = el('select', { class: 'code-language', attrs: { 'aria-label': 'Language' } });
    for (const language of CODE_LANGUAGES) {
      const option = el('option', { attrs: { value: language.id } }, language.label);
      option.selected = language.id === lang;
      picker.append(option);
    }
    picker.addEventListener('change', () => {
      if (isCodeLanguage(picker.value)) {
        this.picked = picker.value;
        this.onPick();
        this.rerender();
      }
    });
    if (!record.request && !record.curl) {
      panel.replaceChildren(toolbar(el('label', null, 'Code in ', picker)), emptyState('No code yet: it is made from the request once it has gone out.'));
      return;
    }
    const snippet = this.snippetFor(record, lang);
    const copy = button({
      label: `Copy ${lang === 'curl' ? 'curl' : 'code'}`,
      icon: 'copy',
      class: 'btn-primary copy-code',
      onClick: () => snippet && this.host?.post({ type: 'copy', what: lang === 'curl' ? 'curl' : 'code', text: snippet.text }),
    });
    copy.disabled = snippet === undefined;
    const title =
      lang === 'curl' ? 'The same request with curl; set ANTHROPIC_API_KEY in your shell first.'
      : lang === 'http' ? 'The request as it went; the key and other secrets are $VARIABLE placeholders.'
      : `The same request as ${codeLanguageLabel(lang)}; the key comes from ANTHROPIC_API_KEY.`;
    const pre = el('pre', { class: `curl code code-${lang}` });
    panel.replaceChildren(
      toolbar(el('span', { class: 'code-title' }, el('label', null, 'Code in ', picker), ' ', title), copy),
      ...(snippet?.note ? [el('div', { class: 'incomplete-banner code-note curl-masked', role: 'note' }, icon('warning'), ' ', snippet.note)] : []),
      snippet ? pre : emptyState(`Making the ${codeLanguageLabel(lang)} code…`),
    );
    if (snippet) {
      fillLongText(pre, snippet.text);
    }
  }

  /** A host message for this view: a snippet, or the setting's language. True when it was one. */
  receive(message: HostMessage): boolean {
    if (message.type !== 'codeSnippet' || !isCodeLanguage(message.lang)) {
      return message.type === 'codeSnippet';
    }
    const shown = this.shown;
    if (message.missing) {
      // The host no longer holds this call's request (a window reload): it gets the one this panel kept.
      if (shown && shown.record.id === message.callId && shown.record.request) {
        this.host?.post({ type: 'code', callId: message.callId, lang: message.lang, request: shown.record.request });
      }
      return true;
    }
    this.fromSetting ??= message.lang;
    this.snippets.set(`${message.callId}\n${message.lang}`, { text: String(message.text ?? ''), ...(message.note ? { note: String(message.note) } : {}) });
    this.rerender();
    return true;
  }

  private rerender(): void {
    if (this.shown && this.host && this.shown.panel.isConnected && !this.shown.panel.hidden) {
      this.render(this.shown.panel, this.shown.record, this.host);
    }
  }

  /** The snippet when it is at hand (curl comes with the record); else asks the host, once. */
  private snippetFor(record: CallRecord, lang: CodeLanguage): Snippet | undefined {
    if (lang === 'curl' && record.curl) {
      return { text: record.curl, ...(record.curlBodyMasked ? { note: CURL_MASKED } : {}) };
    }
    const known = this.snippets.get(`${record.id}\n${lang}`);
    // Before the host has said the setting's language, the question without one (render) brings this snippet too:
    // asking for it by name as well would bring a big call's code twice.
    const settingAsked = this.picked === undefined && this.fromSetting === undefined;
    if (!known && record.request && !settingAsked) {
      this.ask(record, lang);
    }
    return known;
  }

  private ask(record: CallRecord, lang: CodeLanguage | undefined): void {
    const key = `${record.id}\n${lang ?? ''}`;
    if (this.asked.has(key)) {
      return;
    }
    this.asked.add(key);
    this.host?.post({ type: 'code', callId: record.id, ...(lang ? { lang } : {}) });
  }
}
