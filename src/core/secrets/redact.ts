// One redaction for every byte that leaves the program: the CLI's output, errors, the SDK's log, the curl and the
// panel all pass through here. Three kinds of secret are masked:
//  - by shape, whoever they belong to: anything like an Anthropic key (sk-ant-…, even cut short) and the userinfo
//    of a URL (https://user:pass@host);
//  - by value: the secrets in play (the API key, secret header values, URL credentials), remembered here as they
//    come into use, and any echo of 12 characters or more of their beginning or end;
//  - by header name, whatever the value: see secretHeaders.ts (re-exported here).

import { encodedForms } from './encodedSecret';
import { type Match, mergeOverlapping } from './redactMatches';

/** What stands in place of the key in captured headers and texts; the curl writes it as "$ANTHROPIC_API_KEY". */
export const KEY_PLACEHOLDER = '$ANTHROPIC_API_KEY';
/** The shell variable a curl reads the API key from. */
export const KEY_VARIABLE = 'ANTHROPIC_API_KEY';
/** What stands in place of any other secret in a text. */
export const MASK = '***';
/** What stands in place of a key-shaped text that is not the key in play. */
export const KEY_MASK = 'sk-ant-***';

/** Values shorter than this are too common to hunt for in free text (they are still masked by header name). */
const MIN_SECRET_LENGTH = 8;
/** An echo of this many characters or more of a secret's beginning or end counts as the secret. */
export const MIN_ECHO_LENGTH = 12;
export const KEY_PREFIX = 'sk-ant-';
const KEY_SHAPED = /sk-ant-[A-Za-z0-9_-]+/gi;
/** The userinfo of a URL (group 1), scheme or not: `://user:pass@`. */
const USERINFO = /:\/\/([^\s/?#@"'<>`\\]+)@/g;
/** The placeholders this redaction writes itself: text inside one of them is never a secret's echo. */
export const PLACEHOLDER = /\$(?:ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_HEADER_[A-Z0-9_]+)\b/g;
/** How far back a URL that may still get its `@` is held by a streaming writer. */
const MAX_USERINFO_HOLD = 2048;

export interface Secret {
  value: string;
  /** The shell variable that holds it, for a curl (ANTHROPIC_API_KEY, CLAUDE_HEADER_…). */
  variable?: string;
}

function isKeyChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 95
  );
}

/** Masks secrets in texts. Built from the secrets in play; knows the shapes of secrets by itself. */
export class Redactor {
  private readonly secrets: Secret[] = [];
  /** Each secret as it may appear in text: as is, and as written inside a JSON string. */
  private forms: { form: string; secret: Secret; encoded?: boolean }[] = [];

  constructor(secrets: Iterable<Secret> = []) {
    for (const secret of secrets) {
      this.add(secret);
    }
  }

  /** Remembers a secret; a value seen before keeps its first variable unless it had none. */
  add(secret: Secret): void {
    const value = secret.value;
    if (!value || value.length < MIN_SECRET_LENGTH) {
      return;
    }
    const known = this.secrets.find((s) => s.value === value);
    if (known) {
      known.variable ??= secret.variable;
      return;
    }
    const entry = { ...secret };
    this.secrets.push(entry);
    const json = JSON.stringify(value).slice(1, -1);
    this.forms.push({ form: value, secret: entry });
    if (json !== value) {
      this.forms.push({ form: json, secret: entry });
    }
    // A server, a proxy or a log may echo a secret encoded: URL-encoded, base64 (in a Basic header, a token, a
    // JSON blob). These forms are masked as ***, never as "$ANTHROPIC_API_KEY": the shell would put the raw key
    // where its encoding was.
    for (const form of encodedForms(value)) {
      if (form !== value && form !== json) {
        this.forms.push({ form, secret: entry, encoded: true });
      }
    }
    // Longest first: a secret that contains another is masked whole.
    this.forms.sort((a, b) => b.form.length - a.form.length);
  }

  /** The secrets that have a shell variable, for a curl to write as "$VARIABLE". */
  variables(): Secret[] {
    return this.secrets.filter((s) => s.variable !== undefined);
  }

  /** The text with every secret masked. */
  redact(text: string): string {
    const matches = this.matches(text);
    if (matches.length === 0) {
      return text;
    }
    let out = '';
    let at = 0;
    for (const group of mergeOverlapping(matches, text)) {
      out += text.slice(at, group.start) + group.replacement;
      at = group.end;
    }
    return out + text.slice(at);
  }

  /**
   * Where the tail of a text starts that could still become (part of) a secret if more text followed: a streaming
   * writer prints up to here and keeps the rest. The text's length when nothing needs to wait.
   */
  holdFrom(text: string): number {
    let hold = text.length;
    // A key-shaped run that may go on, or the beginning of "sk-ant-".
    let runStart = text.length;
    while (runStart > 0 && isKeyChar(text.charCodeAt(runStart - 1))) {
      runStart--;
    }
    if (runStart < text.length) {
      const run = text.slice(runStart).toLowerCase();
      const at = run.indexOf(KEY_PREFIX);
      if (at >= 0) {
        hold = Math.min(hold, runStart + at);
      } else {
        for (let k = Math.min(KEY_PREFIX.length - 1, run.length); k > 0; k--) {
          if (run.endsWith(KEY_PREFIX.slice(0, k))) {
            hold = Math.min(hold, text.length - k);
            break;
          }
        }
      }
    }
    // A URL whose userinfo has not reached its "@" yet.
    const window = text.slice(-MAX_USERINFO_HOLD);
    const url = /:(?:\/(?:\/[^\s/?#@"'<>`\\]*)?)?$/.exec(window);
    if (url) {
      hold = Math.min(hold, text.length - window.length + url.index);
    }
    // A tail that is part of a secret: it may grow into the whole secret or into an echo of its start or end.
    for (const { form } of this.forms) {
      for (let k = Math.min(form.length - 1, text.length); k > 0; k--) {
        if (text.length - k >= hold) {
          break;
        }
        if (form.includes(text.slice(text.length - k))) {
          hold = text.length - k;
          break;
        }
      }
    }
    // Never cut through what is already a match: its two halves would not be masked the same way.
    if (hold < text.length) {
      for (const group of mergeOverlapping(this.matches(text), text)) {
        if (group.start < hold && hold < group.end) {
          hold = group.start;
        }
      }
    }
    return hold;
  }

  private matches(text: string): Match[] {
    const matches: Match[] = [];
    for (const { form, secret, encoded } of this.forms) {
      const whole = !encoded && secret.variable === KEY_VARIABLE ? KEY_PLACEHOLDER : MASK;
      const echo = !encoded && form.toLowerCase().startsWith(KEY_PREFIX) ? KEY_MASK : MASK;
      if (form.length <= MIN_ECHO_LENGTH) {
        for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + form.length)) {
          matches.push({ start: i, end: i + form.length, replacement: whole, priority: 3 });
        }
        continue;
      }
      // The beginning of the secret, 12 characters or more of it (the whole secret included).
      const head = form.slice(0, MIN_ECHO_LENGTH);
      for (let i = text.indexOf(head); i >= 0; i = text.indexOf(head, i + 1)) {
        let k = MIN_ECHO_LENGTH;
        while (k < form.length && text[i + k] === form[k]) {
          k++;
        }
        matches.push({ start: i, end: i + k, replacement: k === form.length ? whole : echo, priority: k === form.length ? 3 : 1 });
      }
      // Its end, 12 characters or more.
      const tail = form.slice(-MIN_ECHO_LENGTH);
      for (let i = text.indexOf(tail); i >= 0; i = text.indexOf(tail, i + 1)) {
        const end = i + MIN_ECHO_LENGTH;
        let k = MIN_ECHO_LENGTH;
        while (k < form.length && end - k - 1 >= 0 && text[end - k - 1] === form[form.length - k - 1]) {
          k++;
        }
        if (k < form.length) {
          matches.push({ start: end - k, end, replacement: MASK, priority: 1 });
        }
      }
    }
    for (const m of text.matchAll(KEY_SHAPED)) {
      matches.push({ start: m.index!, end: m.index! + m[0].length, replacement: KEY_MASK, priority: 2 });
    }
    for (const m of text.matchAll(USERINFO)) {
      const start = m.index! + 3;
      matches.push({ start, end: start + m[1].length, replacement: m[1].includes(':') ? `${MASK}:${MASK}` : MASK, priority: 2 });
    }
    if (matches.length === 0 || !text.includes('$')) {
      return matches;
    }
    // A secret that happens to contain "$ANTHROPIC_API_KEY" must not eat the placeholders that stand for secrets: a
    // match that, placeholders aside, covers only quotes, spaces and punctuation reveals nothing and is dropped.
    const placeholders = [...text.matchAll(PLACEHOLDER)].map((m) => [m.index!, m.index! + m[0].length]);
    if (placeholders.length === 0) {
      return matches;
    }
    return matches.filter((m) => {
      let rest = '';
      let at = m.start;
      for (const [start, end] of placeholders) {
        if (end <= at || start >= m.end) {
          continue;
        }
        rest += text.slice(at, Math.max(at, start));
        at = Math.max(at, end);
      }
      rest += text.slice(at, Math.max(at, m.end));
      return !/^[\s"'`{}()$\\:;,.=]*$/.test(rest);
    });
  }
}

/** The secrets of this process, learnt as they come into use (keys, secret headers, URL credentials). */
const inPlay = new Redactor();

/** Remembers a secret for every later redaction in this process. */
export function rememberSecret(value: string | undefined, variable?: string): void {
  if (value) {
    inPlay.add({ value, variable });
  }
}

/** The redactor of this process: every secret remembered so far. */
export function redactor(): Redactor {
  return inPlay;
}

/** Masks every secret in a text: by shape, and every secret remembered so far (plus `key`, now remembered too). */
export function redactText(text: string, key?: string): string {
  if (key) {
    rememberSecret(key, KEY_VARIABLE);
  }
  return inPlay.redact(text);
}

/** Masks the key, every other remembered secret and everything shaped like a key or URL credentials. */
export function redactKey(text: string, key: string | undefined): string {
  return redactText(text, key);
}

export { isSecretHeaderName, headerVariable, maskHeaders, redactDeep, redactHeaders, redactResponseHeaders, secretHeaderParts } from './secretHeaders';
