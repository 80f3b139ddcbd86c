// Blocks that arrive whole (results of server tools, container uploads) and any block type this version does not
// know. Each known shape has its own rendering; a shape that does not match is shown as JSON, never dropped.
import type { JsonObject } from '../../shared/callRecord';
import { button, el, icon, type Child } from '../dom/elements';
import { formatChars, plural } from '../values/format';
import { fillLongText } from '../dom/longText';
import { asArray, asNumber, asObject, asString, describe, prettyJson } from '../values/json';
import type { BlockContext, BlockView } from './blockView';
import { BlockCard } from './card';
import { externalLink } from '../links/externalLink';

interface Rendered {
  meta?: Child[];
  body: Child[];
}

interface StaticSpec {
  kind: string;
  icon: string;
  title: string;
  render(block: JsonObject): Rendered;
}

const EXCERPT_CHARS = 2000;

/** Text that may be long: an excerpt with a button to show it all. */
function textOutput(text: string, className: string, label?: string): HTMLElement {
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

function forCall(block: JsonObject): Child {
  const id = asString(block.tool_use_id);
  return id ? el('div', { class: 'tool-heading muted' }, 'result of ', el('code', null, id)) : null;
}

function errorOf(content: JsonObject | undefined): JsonObject | undefined {
  return content !== undefined && typeof content.type === 'string' && content.type.endsWith('_error') ? content : undefined;
}

/** The error rendering, with the call it answers. */
function failed(block: JsonObject, error: JsonObject): Rendered {
  const rendered = resultError(error);
  return { meta: rendered.meta, body: [forCall(block), ...rendered.body] };
}

function unexpected(block: JsonObject): Rendered {
  return {
    meta: [el('span', { class: 'status-warning' }, 'unexpected shape')],
    body: [el('div', { class: 'note' }, icon('warning'), ' This block does not have the shape this version knows; here it is as JSON.'), jsonPre(block)],
  };
}

/**
 * A renderer for results whose content is an object: an error content shows as the error, a missing or odd one as
 * JSON, and `render` gets only the good case.
 */
function objectResult(render: (block: JsonObject, content: JsonObject) => Rendered): (block: JsonObject) => Rendered {
  return (block) => {
    const content = asObject(block.content);
    const error = errorOf(content);
    if (error) {
      return failed(block, error);
    }
    return content ? render(block, content) : unexpected(block);
  };
}

function jsonPre(value: unknown): HTMLElement {
  const node = el('pre', { class: 'json' });
  fillLongText(node, prettyJson(value));
  return node;
}

function webSearch(block: JsonObject): Rendered {
  const content = block.content;
  const results = asArray(content);
  if (!results) {
    const error = errorOf(asObject(content));
    return error ? failed(block, error) : unexpected(block);
  }
  const items = results.map((result) => {
    const item = asObject(result);
    if (!item) {
      return el('li', null, el('pre', { class: 'json' }, prettyJson(result)));
    }
    const url = asString(item.url) ?? '';
    const age = asString(item.page_age);
    const encrypted = asString(item.encrypted_content);
    return el(
      'li',
      { class: 'search-result' },
      el('div', { class: 'search-title' }, asString(item.title) ?? '(no title)'),
      el(
        'div',
        { class: 'search-meta' },
        externalLink(url),
        age ? el('span', { class: 'muted' }, ` · ${age}`) : null,
        encrypted !== undefined ? el('span', { class: 'muted' }, ` · encrypted content ${formatChars(encrypted.length)}`) : null,
      ),
    );
  });
  return { meta: [plural(results.length, 'result')], body: [forCall(block), el('ol', { class: 'search-results' }, ...items)] };
}

const webFetch = objectResult((block, content) => {
  const url = asString(content.url) ?? '';
  const document = asObject(content.content);
  const source = asObject(document?.source);
  const data = asString(source?.data);
  const mediaType = asString(source?.media_type) ?? asString(source?.type) ?? 'unknown';
  const body: Child[] = [
    forCall(block),
    el('div', { class: 'fetch-url' }, icon('globe'), ' ', externalLink(url)),
    el(
      'div',
      { class: 'muted' },
      `retrieved ${asString(content.retrieved_at) ?? '(time not given)'}`,
      document && asString(document.title) ? ` · “${asString(document.title)}”` : '',
      ` · ${mediaType}`,
    ),
  ];
  if (data !== undefined && source?.type === 'base64') {
    body.push(el('div', { class: 'note' }, `Binary document (${mediaType}), ${formatChars(data.length)} of base64.`));
  } else if (data !== undefined) {
    body.push(textOutput(data, 'fetch-content', 'Content'));
  } else if (document) {
    body.push(jsonPre(document));
  }
  return { meta: [data !== undefined ? formatChars(data.length) : ''], body };
});

function files(content: JsonObject): Child {
  const list = (asArray(content.content) ?? []).map((file) => describe(asObject(file)?.file_id) ?? prettyJson(file));
  return list.length > 0 ? el('div', { class: 'files' }, icon('file'), ` Files: `, ...list.map((id) => el('code', null, id, ' '))) : null;
}

function returnCode(code: unknown): HTMLElement {
  const value = asNumber(code);
  // The colour is on the icon: a green text would be unreadable in light themes.
  return el('span', { class: value === 0 ? 'status-ok' : 'status-error' }, icon(value === 0 ? 'pass' : 'error'), ` return code ${describe(code) ?? '?'}`);
}

const codeExecution = objectResult((block, content) => {
  const body: Child[] = [forCall(block)];
  const stdout = asString(content.stdout);
  const encrypted = asString(content.encrypted_stdout);
  const stderr = asString(content.stderr) ?? '';
  if (encrypted !== undefined) {
    body.push(el('div', { class: 'note' }, icon('lock'), ` stdout is encrypted (${formatChars(encrypted.length)}): the code called a server tool.`));
  } else {
    body.push(stdout ? textOutput(stdout, 'stdout', 'stdout') : el('div', { class: 'muted' }, 'stdout: (empty)'));
  }
  if (stderr !== '') {
    body.push(textOutput(stderr, 'stderr', 'stderr'));
  }
  body.push(files(content));
  return { meta: [returnCode(content.return_code)], body };
});

const textEditor = objectResult((block, content) => {
  const type = asString(content.type) ?? '';
  const body: Child[] = [forCall(block)];
  if (type === 'text_editor_code_execution_view_result') {
    const lines = [
      `file type ${describe(content.file_type) ?? '?'}`,
      content.start_line != null ? `from line ${describe(content.start_line)}` : '',
      content.num_lines != null ? `${describe(content.num_lines)} lines` : '',
      content.total_lines != null ? `of ${describe(content.total_lines)}` : '',
    ].filter(Boolean);
    body.push(el('div', { class: 'muted' }, 'View · ', lines.join(', ')), textOutput(asString(content.content) ?? '', 'file-view'));
    return { meta: ['view'], body };
  }
  if (type === 'text_editor_code_execution_create_result') {
    body.push(el('div', null, icon('new-file'), content.is_file_update === true ? ' An existing file was overwritten.' : ' A new file was created.'));
    return { meta: ['create'], body };
  }
  if (type === 'text_editor_code_execution_str_replace_result') {
    body.push(
      el(
        'div',
        { class: 'muted' },
        `Replaced: old lines from ${describe(content.old_start) ?? '?'} (${describe(content.old_lines) ?? '?'}), new lines from ${describe(content.new_start) ?? '?'} (${describe(content.new_lines) ?? '?'})`,
      ),
    );
    const lines = asArray(content.lines);
    if (lines) {
      body.push(textOutput(lines.map((line) => describe(line) ?? '').join('\n'), 'diff'));
    }
    return { meta: ['str_replace'], body };
  }
  return unexpected(block);
});

const toolSearch = objectResult((block, content) => {
  const references = asArray(content.tool_references);
  if (!references) {
    return unexpected(block);
  }
  return {
    meta: [plural(references.length, 'tool')],
    body: [
      forCall(block),
      el('ul', { class: 'tool-refs' }, ...references.map((ref) => el('li', null, el('code', null, describe(asObject(ref)?.tool_name) ?? prettyJson(ref))))),
    ],
  };
});

function containerUpload(block: JsonObject): Rendered {
  const fileId = asString(block.file_id);
  return fileId !== undefined
    ? { body: [el('div', null, icon('cloud-upload'), ' File uploaded to the container: ', el('code', null, fileId))] }
    : unexpected(block);
}

const SPECS: Record<string, StaticSpec> = {
  web_search_tool_result: { kind: 'block-result', icon: 'search', title: 'Web search results', render: webSearch },
  web_fetch_tool_result: { kind: 'block-result', icon: 'globe', title: 'Web fetch result', render: webFetch },
  code_execution_tool_result: { kind: 'block-result', icon: 'terminal', title: 'Code execution result', render: codeExecution },
  bash_code_execution_tool_result: { kind: 'block-result', icon: 'terminal', title: 'Bash result', render: codeExecution },
  text_editor_code_execution_tool_result: { kind: 'block-result', icon: 'edit', title: 'Text editor result', render: textEditor },
  tool_search_tool_result: { kind: 'block-result', icon: 'search', title: 'Tool search result', render: toolSearch },
  container_upload: { kind: 'block-result', icon: 'cloud-upload', title: 'Container upload', render: containerUpload },
};

function unknownSpec(type: string): StaticSpec {
  return {
    kind: 'block-unknown',
    icon: 'question',
    title: `Unknown block type: ${type}`,
    render: (block) => ({
      body: [
        el('div', { class: 'note' }, icon('info'), ' This version of Claude Inspector does not know this block type yet; it is shown as JSON.'),
        jsonPre(block),
      ],
    }),
  };
}

/** A block shown from its complete JSON; rendered again only if a later version of it differs. */
export class StaticBlockView implements BlockView {
  readonly element: HTMLElement;
  private readonly card: BlockCard;
  private readonly spec: StaticSpec;
  private block: JsonObject;
  private json: string;
  private deltas = 0;

  constructor(readonly type: string, index: number, block: JsonObject, context: BlockContext) {
    this.spec = SPECS[type] ?? unknownSpec(type || '(no type)');
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

