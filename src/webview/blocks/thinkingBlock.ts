// Thinking: open while it streams, collapsed once complete (its text can be long; it is filled only when opened).
// Redacted thinking: encrypted by the API, so only its size is shown.
import type { JsonObject } from '../../shared/callRecord';
import { el, icon } from '../dom/elements';
import { fillLongText } from '../dom/longText';
import { TextAppender } from '../dom/textAppender';
import { formatChars } from '../values/format';
import { asString, prettyJson } from '../values/json';
import type { BlockContext, BlockView } from './blockView';
import { BlockCard } from './card';
import { StreamingBlockView } from './streamingBlock';

export class ThinkingBlockView extends StreamingBlockView {
  readonly type = 'thinking';
  private readonly textEl: HTMLElement;
  private readonly appender: TextAppender | undefined;
  private thinking: string;
  private signature: string;
  private filled: boolean;

  constructor(index: number, block: JsonObject, context: BlockContext) {
    super(
      {
        kind: 'block-thinking',
        icon: 'lightbulb',
        title: 'Thinking',
        index,
        host: context.host,
        raw: () => prettyJson({ type: 'thinking', thinking: this.thinking, signature: this.signature }),
        rawLabel: 'JSON',
        copy: () => this.thinking,
        collapsible: true,
        expanded: context.live,
      },
      context,
    );
    this.thinking = asString(block.thinking) ?? '';
    this.signature = asString(block.signature) ?? '';
    this.textEl = el('div', { class: 'thinking-text' });
    this.card.body.append(this.textEl);
    if (context.live) {
      this.appender = new TextAppender(this.textEl);
      this.appender.append(this.thinking);
      this.filled = true;
    } else {
      this.filled = false;
    }
    this.card.onExpand = () => this.fill();
    this.updateMeta();
  }

  protected applyDelta(delta: JsonObject): boolean {
    if (delta.type === 'thinking_delta') {
      const piece = asString(delta.thinking) ?? '';
      this.thinking += piece;
      this.appender?.append(piece);
      return true;
    }
    if (delta.type === 'signature_delta') {
      this.signature = asString(delta.signature) ?? '';
      return true;
    }
    return false;
  }

  /** Complete: collapsed, unless the user opened or closed it meanwhile. */
  protected onStop(block: JsonObject): void {
    this.appender?.flushNow();
    this.reconcile(block);
    if (!this.card.userToggled) {
      this.card.setExpanded(false);
    }
  }

  protected reconcile(block: JsonObject): void {
    const thinking = asString(block.thinking) ?? this.thinking;
    this.signature = asString(block.signature) ?? this.signature;
    if (thinking !== this.thinking) {
      this.thinking = thinking;
      this.filled = false;
      if (this.card.expanded) {
        this.fill();
      }
    }
    this.updateMeta();
    this.card.invalidateRaw();
  }

  private fill(): void {
    if (this.filled) {
      return;
    }
    this.filled = true;
    fillLongText(this.textEl, this.thinking);
  }

  protected updateMeta(): void {
    this.card.setMeta(
      formatChars(this.thinking.length),
      ' · ',
      this.signature
        ? el('span', { class: 'signature' }, icon('shield'), ` signature present (${formatChars(this.signature.length)})`)
        : el('span', { class: 'signature missing' }, 'no signature'),
    );
  }
}

export class RedactedThinkingBlockView implements BlockView {
  readonly type = 'redacted_thinking';
  readonly element: HTMLElement;
  private readonly card: BlockCard;
  private block: JsonObject;

  constructor(index: number, block: JsonObject, context: BlockContext) {
    this.block = block;
    this.card = new BlockCard({
      kind: 'block-redacted',
      icon: 'lock',
      title: 'Redacted thinking',
      index,
      host: context.host,
      raw: () => prettyJson(this.block),
      rawLabel: 'JSON',
      copy: () => prettyJson(this.block),
    });
    this.element = this.card.element;
    this.render();
  }

  delta(): void {}

  stop(block: JsonObject): void {
    this.finish(block);
  }

  finish(block: JsonObject): void {
    this.block = block;
    this.render();
    this.card.invalidateRaw();
  }

  private render(): void {
    const data = asString(this.block.data) ?? '';
    this.card.setMeta(formatChars(data.length));
    this.card.body.replaceChildren(
      el(
        'p',
        { class: 'redacted-note' },
        icon('lock'),
        ` Part of Claude's thinking was encrypted by the API for safety: ${formatChars(data.length)} of opaque data. `,
        'Send the block back unchanged to continue the conversation.',
      ),
    );
  }
}
