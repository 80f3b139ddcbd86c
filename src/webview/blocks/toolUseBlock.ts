// tool_use and server_tool_use: the tool's name, the call id, and its input as pretty JSON. While the input
// streams, its partial JSON text is appended as it arrives; once complete it is parsed and pretty-printed once.
import type { JsonObject } from '../../shared/callRecord';
import { el, icon } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import { TextAppender } from '../dom/textAppender';
import { formatChars } from '../values/format';
import { asObject, asString, prettyJson } from '../values/json';
import type { BlockContext } from './blockView';
import { StreamingBlockView } from './streamingBlock';

const SERVER_TOOL_LABELS: Record<string, string> = {
  web_search: 'Web search',
  web_fetch: 'Web fetch',
  code_execution: 'Code execution',
  bash_code_execution: 'Bash (code execution)',
  text_editor_code_execution: 'Text editor (code execution)',
  tool_search_tool_regex: 'Tool search (regex)',
  tool_search_tool_bm25: 'Tool search (BM25)',
};

export class ToolUseBlockView extends StreamingBlockView {
  private readonly inputEl: HTMLElement;
  private readonly note: HTMLElement;
  private appender: TextAppender | undefined;
  private partial = '';
  private block: JsonObject;
  /** The streamed input did not parse: it is shown as received. */
  private invalid = false;

  constructor(
    readonly type: 'tool_use' | 'server_tool_use',
    index: number,
    block: JsonObject,
    context: BlockContext,
  ) {
    const server = type === 'server_tool_use';
    super(
      {
        kind: server ? 'block-server-tool-use' : 'block-tool-use',
        icon: server ? 'cloud' : 'tools',
        title: server ? 'Server tool use' : 'Tool use',
        index,
        host: context.host,
        raw: () => prettyJson(this.block),
        rawLabel: 'JSON',
        copy: () => (this.stopped && !this.invalid ? prettyJson(this.block.input ?? {}) : this.partial),
      },
      context,
    );
    this.block = block;
    this.inputEl = el('pre', { class: 'json tool-input' });
    this.note = el('div', { class: 'note', hidden: true });
    this.card.body.append(this.heading(), this.inputEl, this.note);
    if (context.live) {
      // content_block_start carries an empty input ({}); the real one streams as input_json_delta.
      this.appender = new TextAppender(this.inputEl);
    } else {
      this.showInput();
    }
    this.updateMeta();
  }

  private heading(): HTMLElement {
    const name = asString(this.block.name) ?? '(no name)';
    const friendly = this.type === 'server_tool_use' ? SERVER_TOOL_LABELS[name] : undefined;
    const caller = asObject(this.block.caller);
    const callerType = asString(caller?.type);
    const toolset = asString(this.block.toolset_name);
    return el(
      'div',
      { class: 'tool-heading' },
      el('code', { class: 'tool-name' }, name),
      friendly ? el('span', { class: 'muted' }, ` ${friendly}`) : null,
      toolset ? el('span', { class: 'muted' }, ` · toolset ${toolset}`) : null,
      ' · id ',
      el('code', { class: 'tool-id' }, asString(this.block.id) ?? '(no id)'),
      callerType && callerType !== 'direct'
        ? el('span', { class: 'muted' }, ` · called by ${callerType}${asString(caller?.tool_id) ? ` ${asString(caller?.tool_id)}` : ''}`)
        : null,
    );
  }

  protected applyDelta(delta: JsonObject): boolean {
    if (delta.type !== 'input_json_delta') {
      return false;
    }
    const piece = asString(delta.partial_json) ?? '';
    this.partial += piece;
    this.appender?.append(piece);
    return true;
  }

  /** The input is complete: parsed and pretty-printed once, or kept exactly as received when it does not parse. */
  protected onStop(block: JsonObject): void {
    this.appender?.flushNow();
    this.appender = undefined;
    this.block = { ...block };
    let valid = true;
    if (this.partial.trim() !== '') {
      try {
        this.block.input = JSON.parse(this.partial);
      } catch {
        valid = false;
      }
    }
    this.invalid = !valid;
    if (valid) {
      this.showInput();
    } else {
      // Keep what came, exactly; say why it is not pretty-printed.
      this.note.hidden = false;
      this.note.replaceChildren(icon('warning'), ' The input is not complete JSON (the stream ended inside it): shown as received.');
    }
    this.updateMeta();
    this.card.invalidateRaw();
  }

  protected reconcile(block: JsonObject): void {
    const shown = prettyJson(this.block.input ?? {});
    const final = prettyJson(block.input ?? {});
    this.block = { ...block };
    if (this.invalid) {
      // An empty final input means the host could not parse it either: keep the text as received, unless the
      // record carries the text itself.
      if (final !== '{}' || this.rawInput() !== undefined) {
        // showInput decides again from the final block.
        this.invalid = false;
        this.note.hidden = true;
        this.showInput();
      }
    } else if (final !== shown || this.block.input === undefined || typeof this.block.input === 'string') {
      this.showInput();
    }
    this.card.invalidateRaw();
    this.updateMeta();
  }

  /** The input as text when a record carries it unparsed (a stream cut inside it) instead of as an object. */
  private rawInput(): string | undefined {
    for (const key of ['partial_json', 'input_raw', 'input_json']) {
      const value = this.block[key];
      if (typeof value === 'string') {
        return value;
      }
    }
    return typeof this.block.input === 'string' ? this.block.input : undefined;
  }

  private showInput(): void {
    const input = this.block.input;
    // The stream's start carries input {}: with the text beside it, the text is what arrived.
    const empty = input === undefined || input === null || typeof input === 'string' || (typeof input === 'object' && !Array.isArray(input) && Object.keys(input).length === 0);
    const raw = empty ? this.rawInput() : undefined;
    if (raw !== undefined) {
      this.invalid = true;
      this.partial = raw;
      fillLongText(this.inputEl, raw);
      this.note.hidden = false;
      this.note.replaceChildren(icon('warning'), ' The input is not complete JSON (the answer ended inside it): shown as received.');
      return;
    }
    if (input === undefined) {
      this.inputEl.replaceChildren();
      this.note.hidden = false;
      this.note.replaceChildren(icon('warning'), ' This block has no input.');
      return;
    }
    this.note.hidden = true;
    fillLongText(this.inputEl, prettyJson(input));
  }

  protected updateMeta(): void {
    if (this.stopped && !this.invalid && this.block.input === undefined) {
      this.card.setMeta('no input');
      return;
    }
    const size = this.stopped && !this.invalid ? prettyJson(this.block.input ?? {}).length : this.partial.length;
    this.card.setMeta(this.stopped ? `input ${formatChars(size)}` : `input streaming… ${formatChars(size)}`);
  }
}
