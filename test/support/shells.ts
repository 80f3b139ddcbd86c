// The shells a curl must work in, found where they are installed, and a way to run many commands in one of them.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** bash, and zsh from CLAUDE_INSPECTOR_ZSH or the usual places; undefined when a shell is not installed. */
export function findShell(name: 'bash' | 'zsh'): string | undefined {
  const candidates = [
    ...(name === 'zsh' && process.env.CLAUDE_INSPECTOR_ZSH ? [process.env.CLAUDE_INSPECTOR_ZSH] : []),
    `/usr/bin/${name}`,
    `/bin/${name}`,
  ];
  return candidates.find((file) => fs.existsSync(file));
}

/** True when a terminal can be given to a shell (util-linux's script). */
export function canUseTerminal(): boolean {
  return fs.existsSync('/usr/bin/script');
}

/** The arguments that start a shell without any user's startup files. */
export function shellArgs(shell: string, interactive: boolean): string[] {
  const zsh = /zsh[^/]*$/.test(shell);
  return [zsh ? '-f' : '--norc', ...(interactive ? ['-i'] : [])].concat(zsh || interactive ? [] : ['--noprofile']);
}

export interface ShellRun {
  code: number | null;
  /** The run was killed at its bound: what did not arrive may never have been tried. */
  timedOut?: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs a script in a shell, bounded by `timeoutMs`: from a file, or typed on standard input into an interactive
 * shell (history expansion on, as at a prompt).
 */
export function runShell(
  shell: string,
  script: string,
  options: { interactive?: boolean; terminal?: boolean; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ShellRun> {
  const interactive = options.interactive === true || options.terminal === true;
  const dir = interactive ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-shell-'));
  const file = dir ? path.join(dir, 'script.sh') : undefined;
  if (file) {
    fs.writeFileSync(file, script);
  }
  return new Promise<ShellRun>((resolve, reject) => {
    // In a terminal: util-linux's script gives the shell a pty, so its line editor reads the text as typed.
    const command = options.terminal
      ? ['/usr/bin/script', ['-qec', [shell, ...shellArgs(shell, true)].join(' '), '/dev/null']] as const
      : [shell, [...shellArgs(shell, interactive), ...(file ? [file] : [])]] as const;
    const child = spawn(command[0], [...command[1]], {
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 50_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ...(timedOut ? { timedOut } : {}) });
    });
    child.stdin.on('error', () => undefined);
    if (options.terminal) {
      typeAtPrompts(child, script, () => stdout);
    } else {
      child.stdin.end(interactive ? script : '');
    }
  }).finally(() => {
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** What the shell shows as its prompts once {@link PROMPT_SETUP} has run; a line is typed only after one of them. */
const READY = '<ci-ready>';
const MORE = '<ci-more>';
/**
 * Typed first, set the prompts to markers. Quoted apart, so that the line's own echo never reads as a prompt. Typed
 * before the shell is known to be ready (nothing else can be): a short ASCII line, safe in a cooked terminal too.
 */
const PROMPT_SETUP = "PS1='<ci-''ready>'; PS2='<ci-''more>'\n";
/** The longest wait for one prompt: well past a loaded machine's worst, well below the run's own bound. */
const PROMPT_WAIT_MS = 30_000;

/**
 * Types a script into a shell's line editor as a person would: one line at a time, each only once the shell shows
 * a prompt (its main one, or a continuation one) after the previous line. Typing ahead of the prompt lands in the
 * terminal while the line editor is not reading (the tty is cooked between commands, or the editor is still
 * starting), where a loaded machine splits and reorders what the editor then sees; a person never types ahead of a
 * 30 KB paste either. What is typed, byte for byte, is the script.
 */
function typeAtPrompts(child: import('node:child_process').ChildProcessWithoutNullStreams, script: string, output: () => string): void {
  const lines = script.split(/(?<=\n)/);
  let index = -1;
  let typedAt = 0;
  let waited: NodeJS.Timeout | undefined;
  const promptSince = (from: number) => {
    const text = output();
    return text.indexOf(READY, from) >= 0 || text.indexOf(MORE, from) >= 0;
  };
  const next = () => {
    clearTimeout(waited);
    index++;
    if (index >= lines.length) {
      child.stdout.off('data', onData);
      child.stdin.end();
      return;
    }
    typedAt = output().length;
    child.stdin.write(lines[index]);
    // A prompt that never comes (a line hangs, or a script that does not end with exit): end the shell.
    waited = setTimeout(() => child.kill('SIGKILL'), PROMPT_WAIT_MS);
  };
  const onData = () => {
    // Checked on the next turn, so that the data handler that appends to the output has run.
    setImmediate(() => {
      if (index >= 0 && index < lines.length && promptSince(typedAt)) {
        next();
      }
    });
  };
  child.stdout.on('data', onData);
  child.on('close', () => clearTimeout(waited));
  child.stdin.write(PROMPT_SETUP);
  // The setup's own prompt is the first READY; only then is the first line of the script typed.
  const first = () => {
    if (output().includes(READY)) {
      child.stdout.off('data', firstData);
      next();
    }
  };
  const firstData = () => setImmediate(first);
  child.stdout.on('data', firstData);
}
