// The compare view: a toolbar (progress, Cancel, Save, Export), the models' figures side by side, Diff two columns,
// and one column per model filling in live. It keeps the comparison in the webview's state, so that it comes back
// when the panel is shown again.
import type { TimelineEvent } from '../../shared/callRecord';
import { compareCalls } from '../../shared/compare';
import { type Comparison, type ComparisonRun, comparisonSourceName } from '../../shared/modelCompare/comparison';
import type { CompareHostMessage, CompareState } from '../../shared/modelCompare/protocol';
import { identicalText, summarize } from '../../shared/modelCompare/stats';
import { append, button, el, icon } from '../dom/elements';
import { emptyState } from '../views/common';
import { renderCompareView } from '../views/compareView';
import type { CompareHost } from './compareHost';
import { renderFiguresTable } from './figuresTable';
import { ModelColumn, RunState } from './modelColumn';

export class CompareApp {
  private comparison: Comparison | undefined;
  private running = false;
  private states: RunState[] = [];
  private columns = new Map<string, ModelColumn>();
  private shownRun: Record<string, number> = {};
  private diff: { a: string; b: string } | undefined;
  private readonly toolbar = el('div', { class: 'compare-toolbar' });
  private readonly figures = el('div', { class: 'compare-figures' });
  private readonly diffBar = el('div', { class: 'diff-bar' });
  private readonly diffArea = el('div', { class: 'diff-area' });
  private readonly grid = el('div', { class: 'model-columns' });
  private readonly toast = el('div', { class: 'toast', role: 'status', attrs: { 'aria-live': 'polite' } });
  private figuresPending = false;
  private readonly title = el('div', { class: 'view-title' });
  private readonly progress = el('div', { class: 'compare-progress', role: 'status' });
  private readonly cancel = button({ label: 'Cancel', icon: 'debug-stop', class: 'cancel', onClick: () => this.host.post({ type: 'cancel' }) });
  private readonly actions = el(
    'div',
    { class: 'view-actions' },
    button({ label: 'Save', icon: 'save', onClick: () => this.host.post({ type: 'save' }) }),
    button({ label: 'Export Markdown', icon: 'markdown', onClick: () => this.host.post({ type: 'export', format: 'markdown' }) }),
    button({ label: 'Export JSON', icon: 'json', onClick: () => this.host.post({ type: 'export', format: 'json' }) }),
  );

  constructor(private readonly root: HTMLElement, private readonly host: CompareHost) {
    root.classList.add('compare-page');
    root.append(this.toolbar, this.figures, this.diffBar, this.diffArea, this.grid, this.toast);
    this.renderEmpty();
  }

  restore(state: CompareState | undefined): void {
    if (state?.comparison) {
      this.shownRun = state.shownRun ?? {};
      this.diff = state.diff;
      this.load(state.comparison, false);
    }
  }

  handle(message: CompareHostMessage): void {
    switch (message.type) {
      case 'comparison':
        if (message.comparison.id !== this.comparison?.id) {
          this.shownRun = {};
          this.diff = undefined;
        }
        this.load(message.comparison, message.running);
        return;
      case 'run':
        return this.runChanged(message.index, message.run);
      case 'runEvents':
        return this.runEvents(message.index, message.events);
      case 'runRetrying': {
        const state = this.states[message.index];
        if (state) {
          state.retrying = message.text;
          this.columns.get(state.run.model)?.onRunChanged(state, this.identicalOf(state.run.model));
        }
        return;
      }
      case 'finished':
        if (this.comparison) {
          this.comparison.finishedAt = message.finishedAt;
        }
        this.running = false;
        this.renderToolbar();
        this.save();
        return;
      case 'done':
        this.toast.textContent = message.what;
        setTimeout(() => {
          if (this.toast.textContent === message.what) {
            this.toast.textContent = '';
          }
        }, 2500);
        return;
    }
  }

  private renderEmpty(): void {
    this.toolbar.replaceChildren(el('div', { class: 'view-title' }, icon('versions'), ' Compare Models'));
    this.grid.replaceChildren(emptyState('Run "Claude: Compare Models" on a request file or a selection.'));
  }

  private load(comparison: Comparison, running: boolean): void {
    this.comparison = comparison;
    this.running = running;
    this.states = comparison.runs.map((run, index) => ({ index, run, events: [] }));
    this.columns = new Map();
    for (const model of comparison.models) {
      const column = new ModelColumn(model, () => this.states.filter((s) => s.run.model === model).sort((a, b) => a.run.run - b.run.run), this.host.blocks, {
        openRun: (index) => this.host.post({ type: 'openRun', index }),
        shownChanged: (m, run) => {
          this.shownRun[m] = run;
          this.save();
          if (this.diff) {
            this.renderDiff();
          }
        },
      });
      this.columns.set(model, column);
    }
    this.grid.replaceChildren(...[...this.columns.values()].map((c) => c.element));
    this.grid.style.setProperty('--columns', String(comparison.models.length));
    for (const [model, column] of this.columns) {
      column.refresh(this.identicalOf(model), this.shownRun[model]);
    }
    this.renderToolbar();
    this.renderFigures();
    this.renderDiffBar();
    this.renderDiff();
    this.save();
  }

  private runChanged(index: number, run: ComparisonRun): void {
    const state = this.states[index];
    if (!state || !this.comparison) {
      return;
    }
    state.run = run;
    this.comparison.runs[index] = run;
    if (run.status !== 'running') {
      state.events = [];
    }
    this.columns.get(run.model)?.onRunChanged(state, this.identicalOf(run.model));
    this.renderToolbar();
    this.scheduleFigures();
    if (run.status !== 'running') {
      this.save();
    }
  }

  private runEvents(index: number, events: TimelineEvent[]): void {
    const state = this.states[index];
    if (!state || state.run.status !== 'running') {
      return;
    }
    // One by one: a replay after a reload can hold more events than a call's arguments may.
    for (const event of events) {
      state.events.push(event);
    }
    this.columns.get(state.run.model)?.onEvents(state, events);
  }

  private identicalOf(model: string): string | undefined {
    if (!this.comparison) {
      return undefined;
    }
    const summary = summarize({ ...this.comparison, models: [model] }).models[0];
    return identicalText(summary);
  }

  /**
   * The toolbar's parts are made once and updated in place: runs end many times a second, and a Cancel button made
   * again on each of them was gone between the press and the release of a click (seen in VS Code: Cancel did not
   * answer while runs were ending).
   */
  private renderToolbar(): void {
    const comparison = this.comparison;
    if (!comparison) {
      return;
    }
    if (this.toolbar.firstChild !== this.title) {
      this.toolbar.replaceChildren(this.title, this.progress, this.actions);
    }
    const about = ` · ${comparison.models.length} models × ${comparison.runsPerModel} runs, ${comparison.concurrency} at once`;
    const name = comparisonSourceName(comparison);
    if (this.title.dataset.shows !== name + about) {
      this.title.dataset.shows = name + about;
      this.title.replaceChildren(icon('versions'), ' ', el('strong', null, name), about);
    }
    const over = comparison.runs.filter((r) => r.status !== 'waiting' && r.status !== 'running').length;
    const progress = `${this.running ? 'running' : 'over'} ${over}`;
    if (this.progress.dataset.shows !== progress) {
      this.progress.dataset.shows = progress;
      this.progress.replaceChildren(this.running ? icon('loading', 'codicon-modifier-spin') : icon('check'), ` ${over} of ${comparison.runs.length} runs done`);
    }
    if (this.running !== this.cancel.isConnected) {
      if (this.running) {
        this.actions.prepend(this.cancel);
      } else {
        this.cancel.remove();
      }
    }
  }

  /** The figures at most once a frame: many runs can end in one frame. */
  private scheduleFigures(): void {
    if (this.figuresPending) {
      return;
    }
    this.figuresPending = true;
    requestAnimationFrame(() => {
      this.figuresPending = false;
      this.renderFigures();
    });
  }

  private renderFigures(): void {
    if (!this.comparison) {
      return;
    }
    this.figures.replaceChildren(renderFiguresTable(summarize(this.comparison)));
  }

  private renderDiffBar(): void {
    const models = this.comparison?.models ?? [];
    if (models.length < 2) {
      this.diffBar.replaceChildren();
      return;
    }
    const select = (label: string, chosen: string) =>
      el('select', { class: 'diff-side', attrs: { 'aria-label': label } }, ...models.map((m) => {
        const option = el('option', { attrs: { value: m } }, m);
        option.selected = m === chosen;
        return option;
      }));
    const a = select('Diff: column A', this.diff?.a ?? models[0]);
    const b = select('Diff: column B', this.diff?.b ?? models[1]);
    this.diffBar.replaceChildren();
    append(
      this.diffBar,
      button({
        label: 'Diff Two Columns',
        icon: 'diff',
        class: 'diff-open',
        onClick: () => {
          this.diff = { a: a.value, b: b.value };
          this.renderDiff();
          this.save();
        },
      }),
      ' ',
      a,
      el('span', null, ' ↔ '),
      b,
      this.diff ? button({ label: 'Close Diff', icon: 'close', onClick: () => { this.diff = undefined; this.renderDiff(); this.save(); } }) : null,
    );
  }

  /** The shown runs of two columns, word by word, as the history's compare shows two calls. */
  private renderDiff(): void {
    this.renderDiffBar();
    if (!this.diff || !this.comparison) {
      this.diffArea.replaceChildren();
      return;
    }
    const pick = (model: string) => {
      const run = this.columns.get(model)?.shownRun;
      return this.states.find((s) => s.run.model === model && s.run.run === run)?.run;
    };
    const a = pick(this.diff.a);
    const b = pick(this.diff.b);
    if (!a?.record || !b?.record || a.status === 'running' || b.status === 'running') {
      this.diffArea.replaceChildren(emptyState('The diff shows when the shown runs of both columns are over.'));
      return;
    }
    const area = el('div', { class: 'diff-view' });
    renderCompareView(area, { comparison: compareCalls(a.record, b.record), labels: { a: `${a.model} run ${a.run}`, b: `${b.model} run ${b.run}` } });
    this.diffArea.replaceChildren(area);
  }

  private save(): void {
    this.host.setState({ comparison: this.comparison, running: this.running, shownRun: this.shownRun, diff: this.diff });
  }
}
