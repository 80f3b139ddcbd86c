// "Not sent": a send refused before anything went out (the request file has errors). The note lists the reasons and
// where to find them; the call shown before stays hidden behind it, shown only on request and labelled as older.
import { button, el, icon } from '../dom/elements';
import { plural } from '../values/format';

export interface Refusal {
  title: string;
  /** The errors, as the Problems panel lists them: these refused the send. */
  reasons: string[];
  /** Warnings in the Problems panel besides (a duplicate key…): they do not refuse a send. */
  warnings?: number;
}

export class RefusedNote {
  /** Where the note goes: above the call area. */
  readonly element: HTMLElement;
  private readonly previousLabel: HTMLElement;
  private refusal: Refusal | undefined;
  private previousShown = false;

  /**
   * `callArea` is what the note hides (its first child becomes the "previous answer" label); `hasCall` says
   * whether there is an older call to offer.
   */
  constructor(
    private readonly root: HTMLElement,
    private readonly callArea: HTMLElement,
    private readonly hasCall: () => boolean,
  ) {
    this.element = el('div', { class: 'refused-slot' });
    this.previousLabel = el(
      'div',
      { class: 'previous-label', hidden: true },
      icon('history'),
      ' Previous answer: from an earlier send, not a reply to the refused one.',
    );
    callArea.prepend(this.previousLabel);
  }

  /** The refusal on screen, kept for a reload. */
  get current(): Refusal | undefined {
    return this.refusal;
  }

  show(refusal: Refusal): void {
    this.refusal = refusal;
    this.previousShown = false;
    const count = refusal.reasons.length;
    const warnings = refusal.warnings ?? 0;
    const toggle = this.hasCall()
      ? button({
          label: 'Show the previous answer',
          icon: 'history',
          class: 'btn-link previous-toggle',
          onClick: () => {
            this.previousShown = !this.previousShown;
            toggle?.setAttribute('aria-expanded', String(this.previousShown));
            const label = toggle?.querySelector('.btn-label');
            if (label) {
              label.textContent = this.previousShown ? 'Hide the previous answer' : 'Show the previous answer';
            }
            this.apply();
          },
        })
      : undefined;
    toggle?.setAttribute('aria-expanded', 'false');
    toggle?.setAttribute('aria-controls', this.callArea.id);
    this.element.replaceChildren(
      el(
        'section',
        { class: 'refused-note', role: 'alert', attrs: { 'data-testid': 'refused' } },
        el(
          'div',
          { class: 'refused-title' },
          icon('error'),
          ' ',
          el('strong', null, 'Not sent: '),
          refusal.title,
          count > 0 ? ` has ${plural(count, 'error')}` : ' has errors',
          warnings > 0 ? ` and ${plural(warnings, 'warning')}` : '',
        ),
        count > 0 ? el('ul', { class: 'refused-reasons' }, ...refusal.reasons.map((reason) => el('li', null, reason))) : null,
        el('div', { class: 'refused-where' }, whereText(count, warnings)),
        toggle ?? null,
      ),
    );
    this.root.classList.remove('empty');
    this.apply();
  }

  /** A newer call replaces the refusal. */
  clear(): void {
    if (!this.refusal) {
      return;
    }
    this.refusal = undefined;
    this.previousShown = false;
    this.element.replaceChildren();
    this.apply();
  }

  private apply(): void {
    const refused = this.refusal !== undefined;
    this.root.classList.toggle('refused', refused);
    this.callArea.hidden = refused && !(this.hasCall() && this.previousShown);
    this.callArea.classList.toggle('previous', refused);
    this.previousLabel.hidden = !refused;
    if (!refused && !this.hasCall()) {
      this.root.classList.add('empty');
    }
  }
}

/** Where the problems are, in the Problems panel's own count: the errors refused the send, the warnings did not. */
function whereText(errors: number, warnings: number): string {
  const them = errors === 1 ? 'It is' : 'They are';
  const besides =
    warnings > 0
      ? ` The ${plural(warnings, 'warning')} besides ${warnings === 1 ? 'is' : 'are'} there too (${plural(errors + warnings, 'problem')} in all); warnings do not stop a send.`
      : '';
  return `${them} listed in the Problems panel too.${besides} Fix the ${errors === 1 ? 'error' : 'errors'} and send again: nothing went to the API.`;
}
