// The Response view: error and incomplete notices, every content block in order, the stop reason and usage.
// Live, it follows the stream block by block; at the end it reconciles with the final record rather than
// rendering again.
import type { CallRecord, JsonObject } from '../../shared/callRecord';
import { createBlockView, type BlockView } from '../blocks';
import { el, icon } from '../dom/elements';
import type { MessageChange } from '../live/messageAccumulator';
import { asArray, asObject, asString, isObject, prettyJson } from '../values/json';
import type { Host } from '../host/vscodeApi';
import { emptyState } from './common';
import { renderError, renderIncomplete } from './errorBox';
import { renderStopReason } from './stopReason';
import { renderContinueBar } from './continueBar';
import { renderCost } from './cost';
import { renderUsage } from './usage';
import { renderUnfolded } from './unfoldedNote';

export class ResponseView {
  private readonly notices: HTMLElement;
  private readonly blocksEl: HTMLElement;
  private readonly footer: HTMLElement;
  private blocks = new Map<number, BlockView>();

  constructor(readonly panel: HTMLElement, private readonly host: Host) {
    this.notices = el('div', { class: 'notices' });
    this.blocksEl = el('div', { class: 'blocks', attrs: { 'data-testid': 'reply' } });
    this.footer = el('div', { class: 'response-footer' });
    panel.append(this.notices, this.blocksEl, this.footer);
  }

  /** Empties the view for a new call. */
  reset(): void {
    this.blocks = new Map();
    this.notices.replaceChildren();
    this.blocksEl.replaceChildren();
    this.footer.replaceChildren();
  }

  waiting(record: CallRecord): void {
    this.reset();
    this.footer.append(el('div', { class: 'waiting' }, icon('loading', 'codicon-modifier-spin'), record.streamed ? ' Waiting for the stream…' : ' Waiting for the answer…'));
  }

  /** A live change from the stream. */
  apply(change: MessageChange): void {
    switch (change.kind) {
      case 'blockStart': {
        const existing = this.blocks.get(change.index);
        existing?.element.remove();
        const view = createBlockView(change.index, change.block, { host: this.host, live: true });
        this.blocks.set(change.index, view);
        this.insertInOrder(change.index, view.element);
        this.footer.querySelector('.waiting')?.remove();
        break;
      }
      case 'delta':
        this.blocks.get(change.index)?.delta(change.delta);
        break;
      case 'blockStop':
        this.blocks.get(change.index)?.stop(change.block);
        break;
      default:
        break;
    }
  }

  private insertInOrder(index: number, element: HTMLElement): void {
    for (const child of this.blocksEl.children) {
      const other = Number((child as HTMLElement).dataset.index);
      if (other > index) {
        this.blocksEl.insertBefore(element, child);
        return;
      }
    }
    this.blocksEl.append(element);
  }

  /**
   * Shows a finished record. Blocks that were built live are reconciled with the final ones; the others (or
   * all, for a record shown fresh) are built from the record.
   */
  finish(record: CallRecord, live: boolean): void {
    if (!live) {
      this.reset();
    }
    this.notices.replaceChildren();
    if (record.incomplete) {
      this.notices.append(renderIncomplete(record));
    }
    if (record.error) {
      this.notices.append(renderError(record.error, record, this.host));
    }
    const message = record.message;
    const content = asArray(message?.content) ?? [];
    content.forEach((raw, index) => {
      const block: JsonObject = isObject(raw) ? raw : { type: '(not an object)', value: raw };
      const existing = this.blocks.get(index);
      if (existing && existing.type === (asString(block.type) ?? '')) {
        existing.finish(block);
        return;
      }
      existing?.element.remove();
      const view = createBlockView(index, block, { host: this.host, live: false });
      this.blocks.set(index, view);
      this.insertInOrder(index, view.element);
    });
    this.blocksEl.querySelector(':scope > .cut-here')?.remove();
    if (record.incomplete) {
      const cancelled = record.error?.kind === 'cancelled';
      this.blocksEl.append(
        el(
          'div',
          { class: `cut-here${cancelled ? ' cancelled' : ''}` },
          icon(cancelled ? 'circle-slash' : 'debug-disconnect'),
          cancelled ? ' Cancelled here: nothing after this point arrived.' : ' The stream broke here: nothing after this point arrived.',
        ),
      );
    }
    this.renderFooter(record);
  }

  /** Stop reason, usage and message extras; during a stream, as far as they are known. */
  renderFooter(record: CallRecord, running = false): void {
    const message = record.message;
    const content = asArray(message?.content) ?? [];
    this.footer.replaceChildren();
    if (running) {
      if (message && message.stop_reason !== undefined && message.stop_reason !== null) {
        this.footer.append(renderStopReason(message, record));
      }
      const usage = asObject(message?.usage);
      if (usage) {
        this.footer.append(renderUsage(usage));
      }
      return;
    }
    this.footer.append(renderUnfolded(record) ?? '');
    if (message) {
      if (content.length === 0) {
        this.footer.append(emptyState('The message has no content blocks.'));
      }
      const cancelledBeforeStop = record.error?.kind === 'cancelled' && (message.stop_reason === null || message.stop_reason === undefined);
      if (!cancelledBeforeStop && (!record.error || record.incomplete || message.stop_reason !== undefined)) {
        this.footer.append(renderStopReason(message, record));
      }
      this.footer.append(renderContinueBar(record, this.host) ?? '');
      const usage = asObject(message.usage);
      if (usage) {
        this.footer.append(renderUsage(usage));
      }
      if (record.cost) {
        this.footer.append(renderCost(record.cost));
      }
      this.footer.append(...messageExtras(message));
    } else if (!record.error) {
      this.footer.append(emptyState('No message came back.'));
    }
  }
}

/** Message-level fields besides content, stop and usage that are worth seeing: container, diagnostics. */
function messageExtras(message: JsonObject): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const key of ['container', 'diagnostics']) {
    const value = message[key];
    if (value !== null && value !== undefined) {
      out.push(
        el(
          'section',
          { class: `message-extra extra-${key}` },
          el('h3', { class: 'section-title' }, key),
          el('pre', { class: 'json' }, prettyJson(value)),
        ),
      );
    }
  }
  return out;
}
