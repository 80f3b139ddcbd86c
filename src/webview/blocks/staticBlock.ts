// Blocks that arrive whole (results of server tools, container uploads) and any block type this version does not
// know: shown from their complete JSON by the rendering serverResults/ picks for their type.
import type { JsonObject } from '../../shared/callRecord';
import { plural } from '../values/format';
import { prettyJson } from '../values/json';
import type { BlockContext, BlockView } from './blockView';
import { BlockCard } from './card';
import { specFor, unexpected, type Rendered, type StaticSpec } from './serverResults';

/** A block shown from its complete JSON; rendered again only if a later version of it differs. */
export class StaticBlockView implements BlockView {
  readonly element: HTMLElement;
  private readonly card: BlockCard;
  private readonly spec: StaticSpec;
  private block: JsonObject;
  private json: string;
  private deltas = 0;

  constructor(readonly type: string, index: number, block: JsonObject, context: BlockContext) {
    this.spec = specFor(type);
    this.block = block;
    this.json = prettyJson(block);
    this.card = new BlockCard({
      kind: this.spec.kind,
      icon: this.spec.icon,
      title: this.spec.title,
      index,
      host: context.host,
      raw: () => this.json,
      rawLabel: 'JSON',
      copy: () => this.json,
    });
    this.element = this.card.element;
    this.render();
  }

  delta(delta: JsonObject): void {
    // Deltas of a kind this version does not know: counted; the final block shows what they built.
    void delta;
    this.deltas++;
    this.card.setMeta(`${plural(this.deltas, 'delta')} received`);
  }

  stop(block: JsonObject): void {
    this.finish(block);
  }

  finish(block: JsonObject): void {
    const json = prettyJson(block);
    if (json === this.json) {
      return;
    }
    this.block = block;
    this.json = json;
    this.render();
    this.card.invalidateRaw();
  }

  private render(): void {
    let rendered: Rendered;
    try {
      rendered = this.spec.render(this.block);
    } catch (error) {
      rendered = unexpected(this.block);
      console.error('Claude Inspector: block render failed', error);
    }
    this.card.setMeta(...(rendered.meta ?? []));
    this.card.body.replaceChildren();
    for (const child of rendered.body) {
      if (child !== null && child !== undefined && child !== false) {
        this.card.body.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
      }
    }
  }
}

