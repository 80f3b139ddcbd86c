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
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(interactive ? script : '');
  }).finally(() => {
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
