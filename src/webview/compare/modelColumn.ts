// One model's column: its runs one click apart (each with its stop_reason or error), "3 of 3 runs identical", and the
// shown run's answer rendered by the response view's own block renderers, filling in live while it streams.
import type { TimelineEvent } from '../../shared/callRecord';
import type { ComparisonRun } from '../../shared/modelCompare/comparison';
import { wholeMsText } from '../../shared/format';
import { figuresOf } from '../../shared/modelCompare/figures';
import { plainError } from '../../shared/modelCompare/stats';
import { append, button, el, icon } from '../dom/elements';
import type { Host } from '../host/vscodeApi';
import { MessageAccumulator } from '../live/messageAccumulator';
import { ResponseView } from '../views/responseView';

/** A run as the view follows it: the run, and its events so far (replayed when it is shown mid-stream). */
export interface RunState {
  index: number;
  run: ComparisonRun;
  events: TimelineEvent[];
  retrying?: string;
}

const STATUS_ICON: Record<ComparisonRun['status'], string> = {
  waiting: 'circle-large-outline',
  running: 'loading',
  ok: 'pass',
  failed: 'error',
  cancelled: 'circle-slash',
};

export class ModelColumn {
  readonly element: HTMLElement;
  private readonly identical: HTMLElement;
  private readonly strip: HTMLElement;
  private readonly about: HTMLElement;
  private readonly answer: HTMLElement;
  private view: ResponseView;
  private accumulator: MessageAccumulator | undefined;
  private shown: RunState | undefined;

  constructor(
    readonly model: string,
    private readonly runs: () => RunState[],
    private readonly host: Host,
    private readonly actions: { openRun(index: number): void; shownChanged(model: string, run: number): void },
  ) {
    this.identical = el('div', { class: 'identical' });
    this.strip = el('div', { class: 'run-strip', role: 'group', attrs: { 'aria-label': `Runs of ${model}` } });
    this.about = el('div', { class: 'run-about' });
    this.answer = el('div', { class: 'run-answer' });
    this.view = new ResponseView(this.answer, host);
    this.element = el(
      'section',
      { class: 'model-column', attrs: { 'data-model': model, 'aria-label': model } },
      el('h2', { class: 'model-name' }, model),
      this.identical,
      this.strip,
      this.about,
      this.answer,
    );
  }

  get shownRun(): number | undefined {
    return this.shown?.run.run;
  }

  /** Redraws the run buttons and the identical-runs line; shows `preferred` (or keeps the shown run). */
  refresh(identicalText: string | undefined, preferred?: number): void {
    const runs = this.runs();
    this.identical.replaceChildren(...(identicalText ? [icon(identicalText.startsWith('all') ? 'diff' : 'check-all'), ' ', identicalText] : []));
    const target = preferred ?? this.shown?.run.run ?? runs.find((r) => r.run.status !== 'waiting')?.run.run ?? runs[0]?.run.run;
    this.strip.replaceChildren(
      ...runs.map((state) => {
        const { run } = state;
        const reason = run.record?.message?.stop_reason;
        const what = run.status === 'ok' ? String(reason ?? 'ok') : run.status === 'failed' ? shortError(run) : run.status;
        const b = button({
          label: `Run ${run.run}: ${what}`,
          class: `run-button status-${run.status}`,
          title: run.status === 'failed' ? plainError(run) : undefined,
          onClick: () => {
            this.show(state);
            this.actions.shownChanged(this.model, run.run);
            this.refresh(identicalText);
          },
        });
        // A run that never answered (waiting, cancelled) shows its icon and number only, its word in its name and
        // tooltip: twenty cancelled runs took ten rows of a column when each said "cancelled".
        const worded = run.status !== 'waiting' && run.status !== 'cancelled';
        b.replaceChildren(icon(STATUS_ICON[run.status], run.status === 'running' ? 'codicon-modifier-spin' : ''), el('span', { class: 'btn-label' }, ` ${run.run}${worded ? ' ' : ''}`));
        if (worded) {
          b.append(el('span', { class: 'run-reason' }, what));
        }
        b.setAttribute('aria-label', `Run ${run.run}: ${what}`);
        b.title ||= `Run ${run.run}: ${what}`;
        b.setAttribute('aria-pressed', String(run.run === target));
        return b;
      }),
    );
    const next = runs.find((r) => r.run.run === target);
    if (next && (next !== this.shown || preferred !== undefined)) {
      this.show(next);
    }
  }

  /** Shows a run: its record when it is over, what has streamed when it runs. */
  private show(state: RunState): void {
    this.shown = state;
    this.answer.replaceChildren();
    this.view = new ResponseView(this.answer, this.host);
    this.accumulator = undefined;
    this.renderAbout();
    const { run } = state;
    if (run.status === 'waiting') {
      this.answer.append(el('div', { class: 'waiting' }, icon('clock'), ' Waiting for its turn…'));
      return;
    }
    if (run.status === 'running') {
      if (run.record) {
        this.view.waiting(run.record);
      }
      this.accumulator = new MessageAccumulator();
      this.applyEvents(state.events);
      return;
    }
    if (run.record) {
      this.view.finish(run.record, false);
    } else {
      this.answer.append(el('div', { class: 'waiting' }, icon('circle-slash'), ' Cancelled before it was sent.'));
    }
  }

  private renderAbout(): void {
    const state = this.shown;
    if (!state) {
      this.about.replaceChildren();
      return;
    }
    const { run } = state;
    const record = run.record;
    // The figures the table and the exports use (from the request going out), so that a run's line and its column agree.
    const t = figuresOf(record);
    const parts = [
      t.headersMs !== undefined ? `headers ${wholeMsText(t.headersMs)}` : '',
      t.firstTokenMs !== undefined ? `first token ${wholeMsText(t.firstTokenMs)}` : '',
      t.totalMs !== undefined && run.status !== 'running' ? `total ${wholeMsText(t.totalMs)}` : '',
    ].filter(Boolean);
    this.about.replaceChildren();
    append(
      this.about,
      el('span', { class: 'run-title' }, `Run ${run.run}`),
      parts.length ? el('span', { class: 'run-timing' }, ` · ${parts.join(' · ')}`) : null,
      state.retrying && run.status === 'running' ? el('div', { class: 'retrying', role: 'status' }, icon('watch'), ` ${state.retrying}`) : null,
      record && run.status !== 'waiting' && run.status !== 'running'
        ? button({ label: 'Open in Panel', icon: 'go-to-file', class: 'open-run', title: 'Open this run in the Claude Response panel', onClick: () => this.actions.openRun(state.index) })
        : null,
    );
  }

  /** New events of a run: shown live when it is the shown run. */
  onEvents(state: RunState, events: TimelineEvent[]): void {
    if (state !== this.shown || !this.accumulator) {
      return;
    }
    this.applyEvents(events);
  }

  private applyEvents(events: TimelineEvent[]): void {
    const accumulator = this.accumulator!;
    for (const event of events) {
      const change = accumulator.apply(event.event, event.data, event.ms);
      this.view.apply(change);
    }
  }

  /** A run started, retried or finished: its button, and its answer when it is the shown one. */
  onRunChanged(state: RunState, identicalText: string | undefined): void {
    if (state === this.shown) {
      if (state.run.status === 'running') {
        if (!this.accumulator) {
          this.show(state);
        } else {
          this.renderAbout();
        }
      } else if (state.run.record) {
        // Reconcile what streamed with the final record, rather than render it again.
        this.view.finish(state.run.record, this.accumulator !== undefined);
        this.accumulator = undefined;
        this.renderAbout();
      } else {
        this.show(state);
      }
    }
    this.refresh(identicalText);
  }
}

function shortError(run: ComparisonRun): string {
  const error = run.record?.error;
  if (!error) {
    return 'failed';
  }
  return error.status !== undefined ? `${error.status}${error.type ? ` ${error.type}` : ''}` : error.kind;
}
