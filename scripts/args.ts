// Command lines of the scripts, on node:util parseArgs, with the scripts' own error words: a bad argument says which
// one and how the script is used (and the script then exits with 2, see finishScript).
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options `argv` gives, strictly: no positional argument, no unknown option. */
export function parseCommandLine<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    // parseArgs names the argument in quotes: "Unknown option '--x'", "Unexpected argument 'x'",
    // "Option '--only <value>' argument missing".
    const named = /'([^' ]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const what = message.includes('does not take an argument') ? 'takes no value' : 'wants a value';
      throw new Error(`${named} ${what}. Usage: ${usage}`);
    }
    throw new Error(`Unknown argument ${named || message}. Usage: ${usage}`);
  }
}

/** A positive number of seconds from an option, or an error that names it. */
export function seconds(value: string | undefined, fallback: number, option: string): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!(parsed > 0)) {
    throw new Error(`${option} wants a number of seconds`);
  }
  return parsed;
}
