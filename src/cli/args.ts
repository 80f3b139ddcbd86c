// The command line, read by hand so that every mistake gets our own message and exit 2: an unknown option or command
// with the nearest real one, an option the command does not take, a missing value.
import { UsageError } from './usage';

export const COMMANDS = ['send', 'curl', 'code', 'count', 'models', 'compare', 'history', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The commands that take it. */
  commands: readonly Command[];
}

const ALL = COMMANDS;
const FILE_COMMANDS: readonly Command[] = ['send', 'curl', 'code', 'count'];
const CALLING_COMMANDS: readonly Command[] = ['send', 'count', 'models', 'compare'];

/** Every option, and the commands that take it. Add one line here for a new option, and its line in usage.ts. */
export const OPTIONS: Record<string, OptionSpec> = {
  'base-url': { type: 'string', commands: ['send', 'curl', 'code', 'count', 'models', 'compare'] },
  stream: { type: 'boolean', commands: ['send', 'curl', 'code'] },
  'no-stream': { type: 'boolean', commands: ['send', 'curl', 'code'] },
  lang: { type: 'string', commands: ['code'] },
  json: { type: 'boolean', commands: [...CALLING_COMMANDS, 'history'] },
  model: { type: 'string', commands: FILE_COMMANDS },
  'max-tokens': { type: 'string', commands: [...FILE_COMMANDS, 'compare'] },
  'no-check': { type: 'boolean', commands: [...FILE_COMMANDS, 'compare'] },
  models: { type: 'string', commands: ['compare'] },
  runs: { type: 'string', commands: ['compare'] },
  concurrency: { type: 'string', commands: ['compare'] },
  timeout: { type: 'string', commands: [...CALLING_COMMANDS, 'code'] },
  'max-retries': { type: 'string', commands: [...CALLING_COMMANDS, 'code'] },
  'max-retry-wait': { type: 'string', commands: CALLING_COMMANDS },
  append: { type: 'boolean', commands: ['send'] },
  next: { type: 'string', commands: ['send'] },
  save: { type: 'boolean', commands: ['send'] },
  history: { type: 'string', commands: ['send', 'history'] },
  'max-calls': { type: 'string', commands: ['send'] },
  limit: { type: 'string', commands: ['history'] },
  help: { type: 'boolean', short: 'h', commands: ALL },
  version: { type: 'boolean', short: 'v', commands: ALL },
};

export interface ParsedArgs {
  command?: Command;
  positionals: string[];
  /** Option name (without dashes) to its value; true for a boolean option. */
  values: Record<string, string | true>;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The nearest of the choices, when it is near enough to be a typo. */
export function nearest(word: string, choices: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const d = distance(word.toLowerCase(), choice);
    if (d < bestDistance) {
      best = choice;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** The text a user typed, cut short: an option name is never a secret, but a mistyped value might be. */
function shown(text: string): string {
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

function optionsOf(command: Command | undefined): string[] {
  return Object.keys(OPTIONS).filter((name) => !command || OPTIONS[name].commands.includes(command));
}

function commandList(commands: readonly string[]): string {
  return commands.length === 1 ? commands[0] : `${commands.slice(0, -1).join(', ')} and ${commands[commands.length - 1]}`;
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const given: { name: string; value: string | true; typed: string }[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      name = Object.keys(OPTIONS).find((key) => OPTIONS[key].short === arg.slice(1));
    }
    const spec = name !== undefined ? OPTIONS[name] : undefined;
    if (!spec || name === undefined) {
      unknown.push(arg.split('=', 1)[0]);
      continue;
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined) {
        throw new UsageError(`--${name} takes no value`);
      }
      given.push({ name, value: true, typed: arg });
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // A value may start with one dash (a negative number is refused later, by name); "--x" is the next option.
      if (next === undefined || next.startsWith('--')) {
        throw new UsageError(`--${name} needs a value`);
      }
      value = next;
      i++;
    }
    given.push({ name, value, typed: arg });
  }

  const [first, ...rest] = positionals;
  let command: Command | undefined;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      const guess = nearest(first, COMMANDS);
      throw new UsageError(`unknown command "${shown(first)}"${guess ? `: did you mean ${guess}?` : ''} (commands: send, curl, code, count, models, compare, history, help; see --help)`);
    }
    command = first as Command;
  }
  const wantsHelp = given.some((g) => g.name === 'help');
  for (const typed of unknown) {
    const guess = nearest(typed.replace(/^-+/, ''), optionsOf(command));
    const where = command ? ` for ${command}` : '';
    throw new UsageError(`unknown option ${shown(typed)}${where}${guess ? `: did you mean --${guess}?` : ''} (see claude-inspector ${command && command !== 'help' ? `${command} ` : ''}--help)`);
  }
  const values: Record<string, string | true> = {};
  for (const { name, value } of given) {
    if (command && !OPTIONS[name].commands.includes(command) && !wantsHelp) {
      throw new UsageError(`--${name} is not an option of ${command} (it is for ${commandList(OPTIONS[name].commands)})`);
    }
    if (name in values && OPTIONS[name].type === 'string') {
      throw new UsageError(`--${name} is given twice`);
    }
    values[name] = value;
  }
  return { command, positionals: rest, values };
}
