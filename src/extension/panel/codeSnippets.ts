// The Code view's snippets, made by the host from core's code writers: the webview asks for a call's code in a
// language, and gets it back. The host keeps the requests of the last few calls (what went on the wire), so a big
// request is not posted back to it; after a window reload it no longer has them, and says so (`missing`), and the
// webview sends the request it kept.
import * as vscode from 'vscode';
import { codeSnippet } from '../../core/code';
import { CURL_BODY_MASKED_NOTE } from '../../core/code/curl';
import type { CallRecord, CapturedRequest } from '../../shared/callRecord';
import { DEFAULT_CODE_LANGUAGE, isCodeLanguage, type CodeLanguage } from '../../shared/codeLanguages';
import type { HostMessage, WebviewMessage } from '../../shared/protocol';
import { readSettings, SECTION } from '../settings';

/** Calls whose request is kept: the shown one and a few before it. */
const KEPT = 8;

/** The claudeInspector.codeLanguage setting: the language the Code view and Copy as Code… start with. */
export function defaultCodeLanguage(): CodeLanguage {
  const value = vscode.workspace.getConfiguration(SECTION).get<string>('codeLanguage');
  return isCodeLanguage(value) ? value : DEFAULT_CODE_LANGUAGE;
}

export class CodeSnippets {
  private readonly requests = new Map<string, CapturedRequest>();
  /** The finished calls' own curl (record.curl), given as their curl snippet: the exact text Copy curl copied before. */
  private readonly curls = new Map<string, { text: string; masked: boolean }>();

  /** Whether this call's request is kept. */
  has(callId: string): boolean {
    return this.requests.has(callId);
  }

  /** The body this call put on the wire, when its request is kept. */
  bodyOf(callId: string): string | undefined {
    return this.requests.get(callId)?.body;
  }

  /** Remembers a finished call: its request, and its curl as recorded. */
  rememberRecord(record: CallRecord): void {
    this.remember(record.id, record.request);
    if (record.curl !== undefined && this.requests.has(record.id)) {
      this.curls.set(record.id, { text: record.curl, masked: record.curlBodyMasked === true });
    }
  }

  /** Remembers the request a call put on the wire (the last attempt's). */
  remember(callId: string, request: CapturedRequest | undefined): void {
    if (!request) {
      return;
    }
    this.requests.delete(callId);
    this.requests.set(callId, request);
    for (const old of this.requests.keys()) {
      if (this.requests.size <= KEPT) {
        break;
      }
      this.requests.delete(old);
      this.curls.delete(old);
    }
  }

  /** The answer to the webview's `code` message. */
  answer(message: Extract<WebviewMessage, { type: 'code' }>): HostMessage {
    const lang = isCodeLanguage(message.lang) ? message.lang : defaultCodeLanguage();
    const curl = lang === 'curl' ? this.curls.get(message.callId) : undefined;
    if (curl) {
      return { type: 'codeSnippet', callId: message.callId, lang, text: curl.text, ...(curl.masked ? { note: CURL_BODY_MASKED_NOTE } : {}) };
    }
    const request = this.requests.get(message.callId) ?? message.request;
    if (!request) {
      return { type: 'codeSnippet', callId: message.callId, lang, text: '', missing: true };
    }
    try {
      const snippet = codeSnippet(request, lang, { maxRetries: readSettings().maxRetries });
      return { type: 'codeSnippet', callId: message.callId, lang, text: snippet.text, ...(snippet.note ? { note: snippet.note } : {}) };
    } catch (error) {
      return { type: 'codeSnippet', callId: message.callId, lang, text: '', note: `No code could be made from this request: ${(error as Error).message}` };
    }
  }
}
