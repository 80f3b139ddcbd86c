// Thinking: open while it streams, collapsed once complete (its text can be long; it is filled only when opened).
// Redacted thinking: encrypted by the API, so only its size is shown.
import type { JsonObject } from '../../shared/callRecord';
import { el, icon } from '../dom/elements';
import { formatChars } from '../values/format';
import { fillLongText } from '../dom/longText';
import { requestFlush, type Flushable } from '../dom/schedule';
import { TextAppender } from '../dom/textAppender';
import { asString, prettyJson } from '../values/json';
import type { BlockContext, BlockView } from './blockView';
import { BlockCard } from './card';

export class ThinkingBlockView implements BlockView, Flushable {
  readonly type = 'thinking';
  readonly element: HTMLElement;
  private readonly card: BlockCard;
  private readonly textEl: HTMLElement;
  private readonly appender: TextAppender | undefined;
  private thinking: string;
  private signature: string;
  private filled: boolean;
  private stopped: boolean;

  constructor(index: number, block: JsonObject, context: BlockContext) {
    this.thinking = asString(block.thinking) ?? '';
    this.signature = asString(block.signature) ?? '';
    this.card = new BlockCard({
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
    });
    this.element = this.card.element;
    this.textEl = el('div', { class: 'thinking-text' });
    this.card.body.append(this.textEl);
    this.stopped = !context.live;
    if (context.live) {
      this.appender = new TextAppender(this.textEl);
      this.appender.append(this.thinking);
      this.filled = true;
      this.element.classList.add('live');
    } else {
      this.filled = false;
    }
    this.card.onExpand = () => this.fill();
    this.updateMeta();
  }

  delta(delta: JsonObject): void {
    if (delta.type === 'thinking_delta') {
      const piece = asString(delta.thinking) ?? '';
      this.thinking += piece;
      this.appender?.append(piece);
      requestFlush(this);
    } else if (delta.type === 'signature_delta') {
      this.signature = asString(delta.signature) ?? '';
      requestFlush(this);
    }
  }

  /** Once per frame while streaming: the size and signature in the header. */
  flush(): void {
    this.updateMeta();
  }

  stop(block: JsonObject): void {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    this.appender?.flushNow();
    this.element.classList.remove('live');
    this.reconcile(block);
    if (!this.card.userToggled) {
      this.card.setExpanded(false);
    }
  }

  finish(block: JsonObject): void {
    if (!this.stopped) {
      this.stop(block);
      return;
    }
    this.reconcile(block);
  }

  private reconcile(block: JsonObject): void {
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

  private updateMeta(): void {
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
