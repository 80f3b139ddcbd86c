// Runs code snippets as a user would: TypeScript with node and the project's own @anthropic-ai/sdk (transpiled by
// the project's typescript, in a temporary folder whose node_modules links to the project's), Python with Debian's
// python3 and its httpx, and reads a Python SDK snippet's call with Python's ast. Every run is bounded.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const PROJECT = path.resolve(__dirname, '../../..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { env: options.env, cwd: options.cwd, timeout: options.timeoutMs ?? 30_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
    if (options.input !== undefined) {
      child.stdin?.end(options.input);
    }
  });
}

/** The environment a snippet runs in: the key, and nothing of this process that the SDK would read on its own. */
export function snippetEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: os.tmpdir(), ...extra };
  if (process.env.PYTHONPATH) {
    env.PYTHONPATH = process.env.PYTHONPATH;
  }
  return env;
}

/** A temporary folder with node_modules linked to the project's, removed by the returned function. */
export function tempProject(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-code-'));
  fs.symlinkSync(path.join(PROJECT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a TypeScript snippet (an ES module) with node, after transpiling it the way a user's build would. */
export async function runTypescript(snippet: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const project = tempProject();
  try {
    const js = ts.transpileModule(snippet, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.writeFileSync(path.join(project.dir, 'snippet.mjs'), js);
    return await run(process.execPath, ['snippet.mjs'], { env, cwd: project.dir });
  } finally {
    project.remove();
  }
}

/** Debian's python3 (or CLAUDE_INSPECTOR_PYTHON): the one python3-httpx installs into. */
export function pythonPath(): string {
  return process.env.CLAUDE_INSPECTOR_PYTHON ?? '/usr/bin/python3';
}

/** Why Python with httpx cannot run here, or undefined when it can. */
export async function httpxProblem(): Promise<string | undefined> {
  const python = pythonPath();
  if (!fs.existsSync(python)) {
    return `no ${python} (set CLAUDE_INSPECTOR_PYTHON to a python3 with httpx)`;
  }
  const check = await run(python, ['-c', 'import httpx'], { env: snippetEnv({}) });
  return check.code === 0 ? undefined : `${python} has no httpx: install Debian's python3-httpx (apt-get install python3-httpx)`;
}

export async function runPython(snippet: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-code-'));
  try {
    fs.writeFileSync(path.join(dir, 'snippet.py'), snippet);
    return await run(pythonPath(), ['snippet.py'], { env, cwd: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The body a Python SDK snippet's call sends, read with Python's ast: the keyword arguments of its
 * messages.create / messages.stream call evaluated as literals (string concatenation with os.environ[...] is read
 * from `env`), extra_body merged in, and "stream": true for stream(), which sets it. The SDK itself cannot be
 * installed here (neither on npm nor in Debian), so this is as close to running it as this machine allows.
 */
const READ_CALL = String.raw`
import ast, json, os, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("create", "stream")]
assert len(calls) == 1, "one messages call"
call = calls[0]
def value(node):
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return value(node.left) + value(node.right)
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
        return os.environ[ast.literal_eval(node.slice)]
    if isinstance(node, ast.Dict):
        return {value(k): value(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.List):
        return [value(v) for v in node.elts]
    literal = ast.literal_eval(node)
    # A header value with Latin-1 bytes is written as bytes (httpx sends str header values as ASCII).
    return literal.decode("latin-1") if isinstance(literal, bytes) else literal
body = {}
extra = {}
for keyword in call.keywords:
    if keyword.arg == "extra_body":
        extra = value(keyword.value)
    elif keyword.arg not in ("extra_headers", "betas", "timeout", "extra_query"):  # the SDK's request options, not body
        body[keyword.arg] = value(keyword.value)
body.update(extra)
if call.func.attr == "stream":
    body["stream"] = True
betas = [value(k.value) for k in call.keywords if k.arg == "betas"]
headers = [value(k.value) for k in call.keywords if k.arg == "extra_headers"]
print(json.dumps({"body": body, "betas": betas[0] if betas else None, "headers": headers[0] if headers else {}, "beta": ast.unparse(call.func).startswith("client.beta.")}))
`;

export async function readPythonCall(snippet: string, env: NodeJS.ProcessEnv): Promise<{ body: unknown; betas: string[] | null; headers: Record<string, string>; beta: boolean }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claude-inspector-code-'));
  try {
    fs.writeFileSync(path.join(dir, 'snippet.py'), snippet);
    fs.writeFileSync(path.join(dir, 'read_call.py'), READ_CALL);
    // Any python3 has ast; pyenv's or Debian's.
    const result = await run('python3', ['read_call.py', 'snippet.py'], { env: { ...env, PATH: process.env.PATH }, cwd: dir });
    if (result.code !== 0) {
      throw new Error(`python3 could not read the snippet: ${result.stderr}`);
    }
    return JSON.parse(result.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
