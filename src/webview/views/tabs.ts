// The view tabs, keyboard accessible the WAI-ARIA way: one tab stop, arrows/Home/End move and select.
import { el, icon } from '../dom/elements';

export interface TabSpec {
  id: string;
  label: string;
  icon: string;
}

export class Tabs {
  readonly list: HTMLElement;
  readonly panels = new Map<string, HTMLElement>();
  private readonly tabs = new Map<string, HTMLButtonElement>();
  private current: string;
  onSelect: ((id: string) => void) | undefined;

  constructor(specs: readonly TabSpec[], initial: string) {
    this.list = el('div', { class: 'tabs', role: 'tablist', attrs: { 'aria-label': 'Views of the call' } });
    for (const spec of specs) {
      const tab = el(
        'button',
        {
          class: 'tab',
          id: `tab-${spec.id}`,
          role: 'tab',
          attrs: { type: 'button', 'aria-controls': `panel-${spec.id}`, 'aria-selected': 'false', tabindex: '-1', 'data-view': spec.id },
        },
        icon(spec.icon),
        el('span', { class: 'tab-label' }, spec.label),
      );
      tab.addEventListener('click', () => this.select(spec.id));
      tab.addEventListener('keydown', (event) => this.onKey(event));
      this.tabs.set(spec.id, tab);
      this.list.append(tab);
      const panel = el('section', {
        class: `tab-panel view-${spec.id}`,
        id: `panel-${spec.id}`,
        role: 'tabpanel',
        hidden: true,
        attrs: { 'aria-labelledby': `tab-${spec.id}`, tabindex: '0' },
      });
      this.panels.set(spec.id, panel);
    }
    this.current = this.tabs.has(initial) ? initial : specs[0].id;
    this.apply();
  }

  get selected(): string {
    return this.current;
  }

  panel(id: string): HTMLElement {
    const panel = this.panels.get(id);
    if (!panel) {
      throw new Error(`no panel ${id}`);
    }
    return panel;
  }

  select(id: string, focus = false): void {
    const tab = this.tabs.get(id);
    if (!tab || tab.hidden) {
      return;
    }
    const changed = id !== this.current;
    this.current = id;
    this.apply();
    if (focus) {
      tab.focus();
    }
    if (changed) {
      this.onSelect?.(id);
    }
  }

  /** Shows or hides a tab (the timeline exists for streamed calls only). */
  setAvailable(id: string, available: boolean): void {
    const tab = this.tabs.get(id);
    if (!tab) {
      return;
    }
    tab.hidden = !available;
    if (!available && this.current === id) {
      this.select([...this.tabs.keys()][0]);
    }
  }

  private apply(): void {
    for (const [id, tab] of this.tabs) {
      const selected = id === this.current;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      this.panel(id).hidden = !selected;
    }
  }

  private onKey(event: KeyboardEvent): void {
    const visible = [...this.tabs.entries()].filter(([, tab]) => !tab.hidden).map(([id]) => id);
    const at = visible.indexOf(this.current);
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = visible[(at + 1) % visible.length];
        break;
      case 'ArrowLeft':
        next = visible[(at - 1 + visible.length) % visible.length];
        break;
      case 'Home':
        next = visible[0];
        break;
      case 'End':
        next = visible[visible.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next) {
      this.select(next, true);
    }
  }
}
