// Element builders. Text is always set as text nodes, never parsed as HTML: the only HTML the panel parses is
// markdown-it's output (see markdown/render.ts), and that is sanitized first.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  title?: string;
  role?: string;
  /** Other attributes; values are set with setAttribute, so they are never parsed as markup. */
  attrs?: Record<string, string | undefined>;
  hidden?: boolean;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) {
    if (props.class) {
      element.className = props.class;
    }
    if (props.id) {
      element.id = props.id;
    }
    if (props.title !== undefined) {
      element.title = props.title;
    }
    if (props.role) {
      element.setAttribute('role', props.role);
    }
    if (props.hidden) {
      element.hidden = true;
    }
    for (const [name, value] of Object.entries(props.attrs ?? {})) {
      if (value !== undefined) {
        element.setAttribute(name, value);
      }
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** A codicon, hidden from screen readers (the text next to it says the same). */
export function icon(name: string, extra = ''): HTMLElement {
  return el('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export interface ButtonOptions {
  label: string;
  icon?: string;
  /** Icon-only button: the label becomes its accessible name and tooltip. */
  iconOnly?: boolean;
  class?: string;
  title?: string;
  onClick: (event: MouseEvent) => void;
}

export function button(options: ButtonOptions): HTMLButtonElement {
  const classes = ['btn', options.iconOnly ? 'btn-icon' : '', options.class ?? ''].filter(Boolean).join(' ');
  const node = el(
    'button',
    {
      class: classes,
      title: options.title ?? (options.iconOnly ? options.label : undefined),
      attrs: { type: 'button', 'aria-label': options.iconOnly ? options.label : undefined },
    },
    options.icon ? icon(options.icon) : null,
    options.iconOnly ? null : el('span', { class: 'btn-label' }, options.label),
  );
  node.addEventListener('click', options.onClick);
  return node;
}
