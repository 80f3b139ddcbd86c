// What every rendering of a whole block is built from: the rendered parts, long text as an excerpt, the call a
// result answers, the error content a server tool returns, and JSON for a shape this version does not know.
import type { JsonObject } from '../../../shared/callRecord';
import { button, el, icon, type Child } from '../../dom/elements';
import { fillLongText } from '../../dom/longText';
import { formatChars } from '../../values/format';
import { asObject, asString, describe, prettyJson } from '../../values/json';

export interface Rendered {
  meta?: Child[];
  body: Child[];
}

export interface StaticSpec {
  kind: string;
  icon: string;
  title: string;
  render(block: JsonObject): Rendered;
}

const EXCERPT_CHARS = 2000;

/** Text that may be long: an excerpt with a button to show it all. */
export function textOutput(text: string, className: string, label?: string): HTMLElement {
  const container = el('div', { class: `output ${className}` });
  if (label) {
    container.append(el('div', { class: 'output-label' }, label));
  }
  const body = el('pre', { class: 'output-text' });
  container.append(body);
  if (text.length <= EXCERPT_CHARS) {
    body.textContent = text;
    return container;
  }
  body.textContent = `${text.slice(0, EXCERPT_CHARS)}…`;
  const more = button({
    label: `Show all ${formatChars(text.length)}`,
    icon: 'unfold',
    class: 'btn-link',
    onClick: () => {
      more.remove();
      fillLongText(body, text);
    },
  });
  container.append(more);
  return container;
}

function resultError(error: JsonObject): Rendered {
  const code = describe(error.error_code) ?? '(no error_code)';
  const message = asString(error.error_message);
  return {
    meta: [el('span', { class: 'status-error' }, 'error')],
    body: [
      el(
        'div',
        { class: 'result-error' },
        icon('error'),
        ' ',
        el('span', null, 'Error '),
        el('code', null, code),
        message ? el('span', null, `: ${message}`) : null,
      ),
    ],
  };
}

export function forCall(block: JsonObject): Child {
  const id = asString(block.tool_use_id);
  return id ? el('div', { class: 'tool-heading muted' }, 'result of ', el('code', null, id)) : null;
}

export function errorOf(content: JsonObject | undefined): JsonObject | undefined {
  return content !== undefined && typeof content.type === 'string' && content.type.endsWith('_error') ? content : undefined;
}

/** The error rendering, with the call it answers. */
export function failed(block: JsonObject, error: JsonObject): Rendered {
  const rendered = resultError(error);
  return { meta: rendered.meta, body: [forCall(block), ...rendered.body] };
}

export function unexpected(block: JsonObject): Rendered {
  return {
    meta: [el('span', { class: 'status-warning' }, 'unexpected shape')],
    body: [el('div', { class: 'note' }, icon('warning'), ' This block does not have the shape this version knows; here it is as JSON.'), jsonPre(block)],
  };
}

/**
 * A renderer for results whose content is an object: an error content shows as the error, a missing or odd one as
 * JSON, and `render` gets only the good case.
 */
export function objectResult(render: (block: JsonObject, content: JsonObject) => Rendered): (block: JsonObject) => Rendered {
  return (block) => {
    const content = asObject(block.content);
    const error = errorOf(content);
    if (error) {
      return failed(block, error);
    }
    return content ? render(block, content) : unexpected(block);
  };
}

export function jsonPre(value: unknown): HTMLElement {
  const node = el('pre', { class: 'json' });
  fillLongText(node, prettyJson(value));
  return node;
}

