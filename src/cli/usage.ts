import { defaultHistoryFolder, HISTORY_ENV } from '../core/history/folder';

// Bad usage and bad input end the CLI with exit code 2 and clear reasons on stderr; nothing is sent. And the help
// texts: the overview, and one per command with its options and an example.

import { PRICES_AS_OF } from '../shared/prices';

export class UsageError extends Error {
  /**
   * Lines printed as they are before the message, one per problem in a file (`file:line:column: message`), the way
   * compilers print them so that terminals and editors can jump to them.
   */
  constructor(message: string, readonly problems: string[] = []) {
    super(message);
  }
}

const OPTION_LINES: Record<string, string> = {
  'base-url': '  --base-url URL       where to send: http(s), no query, fragment or user:password@ (default: ANTHROPIC_BASE_URL,\n                       else https://api.anthropic.com)',
  stream: '  --stream             stream the answer when the file has no "stream" field (the file\'s own field wins)',
  'no-stream': '  --no-stream          do not stream when the file has no "stream" field (the default)',
  lang: '  --lang LANGUAGE      curl, cmd (curl for Windows cmd), powershell, python (the anthropic SDK),\n                       python-httpx (Python without the SDK), typescript (@anthropic-ai/sdk) or http (raw HTTP)',
  json: '  --json               print one JSON object instead of text',
  model: '  --model ID           model for files without "model" (default claude-sonnet-5-5)',
  'max-tokens': '  --max-tokens N       max_tokens for files without "max_tokens", 0 or more (default 1024)',
  'no-check': '  --no-check           send even when the file has errors the editor would show (duplicate keys, a wrong\n                       shape, fields the API refuses): to see what the API says. A file that cannot be read as\n                       JSON, or whose numbers cannot be sent as written, is still refused',
  timeout: '  --timeout SECONDS    per-attempt timeout, more than 0 and at most 2147483 (default 600)',
  'max-retries': '  --max-retries N      retries of 408/409/429/5xx and connection errors, 0 to 100 (default 2)',
  'max-retry-wait': '  --max-retry-wait S   the longest wait a server may ask for before a retry (default 60); a longer retry-after fails at once',
  append: '  --append             after a complete answer, write it into FILE as the assistant turn (comments and layout\n                       kept; tool_result placeholders after a tool_use); nothing is written when the call fails',
  next: '  --next TEXT          with --append: also add the next user turn with this text',
  save: '  --save               record the call in the history folder (see claude-inspector history --help)',
  history: '  --history DIR        the history folder (default: $CLAUDE_INSPECTOR_HISTORY, else the per-user data folder\n                       below)',
  'max-calls': '  --max-calls N        with --save: keep at most N calls in the folder, the oldest go first (default: the\n                       folder\'s settings.json, else 1000)',
  limit: '  --limit N            list at most the newest N calls',
  models: '  --models A,B[,C…]    the models to compare, comma-separated (the file\'s own "model" is not used)',
  runs: '  --runs N             runs per model, 1 to 100 (default 3)',
  concurrency: '  --concurrency N      how many runs are out at once, 1 to 32 (default 4)',
  help: '  -h, --help           this text',
  version: '  -v, --version        the version',
};

function options(names: string[]): string {
  return `Options:\n${names.map((name) => OPTION_LINES[name]).join('\n')}`;
}

const FILE_NOTE = `FILE is a .claude.json request file (the request body, JSON with comments, UTF-8, at most 32 MB); - reads it
from stdin. The file is checked as the editor checks it: errors are printed as FILE:LINE:COLUMN: message and nothing
is sent (exit 2); warnings are printed and the call goes on.`;

const KEY_NOTE = 'The API key comes from ANTHROPIC_API_KEY and is never printed: headers and curl show $ANTHROPIC_API_KEY.';

/** Where the history is kept when no --history is given: named in the help, for this machine. */
const HISTORY_FOLDER_NOTE = `The history folder is --history DIR, else $${HISTORY_ENV}, else the per-user data folder
${defaultHistoryFolder({ ...process.env, [HISTORY_ENV]: '' })}. It is private: the key and every
secret are masked before anything is written.`;

export const COMMAND_HELP: Record<'send' | 'curl' | 'code' | 'count' | 'models' | 'compare' | 'history', string> = {
  send: `claude-inspector send: send a request file to POST /v1/messages and show the answer

Usage: claude-inspector send FILE|- [options]

Prints each content block, the stop_reason with its meaning, the usage, the cost, the ids and timing, and the curl
that makes the same request. A streamed answer's text is printed as it arrives.

${FILE_NOTE}
${KEY_NOTE}

${options(['base-url', 'stream', 'no-stream', 'json', 'model', 'max-tokens', 'no-check', 'timeout', 'max-retries', 'max-retry-wait', 'append', 'next', 'save', 'history', 'max-calls', 'help'])}

The API keeps no state: the next request must carry every earlier turn. --append writes the answer into FILE so
that the next send carries it: after end_turn or stop_sequence the assistant turn (and, with --next, your next
turn); after tool_use also a user turn with one tool_result per tool_use id, to fill in; after pause_turn the
assistant turn alone (send again to resume); after max_tokens the cut answer as the last turn (send again to
continue it; not with thinking on). A refusal, a full context window, an error or a broken stream write nothing
(exit 1).

With --save, the call is recorded (--json then has "historyId"; see claude-inspector history --help).
${HISTORY_FOLDER_NOTE}

Example:
  claude-inspector send examples/conversation.claude.json --base-url http://127.0.0.1:8080 --stream
  claude-inspector send chat.claude.json --append --next "And in winter?"`,
  curl: `claude-inspector curl: print the curl command that sends a request file, without sending anything

Usage: claude-inspector curl FILE|- [options]

The key is written as "$ANTHROPIC_API_KEY", so the command can be shared and run after an export.

${FILE_NOTE}

${options(['base-url', 'stream', 'no-stream', 'model', 'max-tokens', 'no-check', 'help'])}

Example:
  claude-inspector curl examples/conversation.claude.json > call.sh`,
  code: `claude-inspector code: print the request file as code in another language, without sending anything

Usage: claude-inspector code FILE|- --lang LANGUAGE [options]

The code sends what \`send\` would put on the wire: the same body (every field, in order) and headers. The key is
never written: the SDKs read ANTHROPIC_API_KEY themselves, the rest read it (and any other secret header) from the
environment. --timeout and --max-retries are set on the SDK client when they are not its defaults.

${FILE_NOTE}

${options(['lang', 'base-url', 'stream', 'no-stream', 'model', 'max-tokens', 'timeout', 'max-retries', 'no-check', 'help'])}

Example:
  claude-inspector code examples/conversation.claude.json --lang python > call.py`,
  count: `claude-inspector count: count the input tokens of a request file (POST /v1/messages/count_tokens)

Usage: claude-inspector count FILE|- [options]

Prints the input tokens, their share of the model's context window (GET /v1/models/{id}; left out when the API does
not say), and the cost estimate: the input, and the most the call can cost if the answer uses all of max_tokens.

${FILE_NOTE}
${KEY_NOTE}

${options(['base-url', 'json', 'model', 'max-tokens', 'no-check', 'timeout', 'max-retries', 'max-retry-wait', 'help'])}

Example:
  claude-inspector count examples/conversation.claude.json --model claude-haiku-5-5`,
  models: `claude-inspector models: list every model the API key can use (GET /v1/models, all pages)

Usage: claude-inspector models [options]

${KEY_NOTE}

${options(['base-url', 'json', 'timeout', 'max-retries', 'max-retry-wait', 'help'])}

Example:
  claude-inspector models --json`,
  compare: `claude-inspector compare: send one request file to several models, several times each, and compare them

Usage: claude-inspector compare FILE|- --models A,B[,C…] [--runs N] [--concurrency N] [options]

Every run is streamed, so that the time to the first token is measured. Prints one row per model: the median time to
the response headers, to the first token and in all (over the runs that answered), output tokens, output tokens per
second, cost per call (the mean) and per 1,000 calls at the list prices of ${PRICES_AS_OF}, the stop reasons and
the errors; * marks the best of each column. A model whose runs all fail is reported, and the others go on. Rate
limits are waited out as the server asks (each wait said on stderr). Ctrl+C stops what is left and prints the rest.

${FILE_NOTE}
${KEY_NOTE}

${options(['models', 'runs', 'concurrency', 'base-url', 'json', 'max-tokens', 'no-check', 'timeout', 'max-retries', 'max-retry-wait', 'help'])}

Exit codes: 0 at least one model answered; 1 every model failed; 2 bad usage or an invalid file (nothing sent).

Example:
  claude-inspector compare examples/conversation.claude.json --models claude-haiku-5-5,claude-opus-5-5 --runs 5`,
  history: `claude-inspector history: the calls recorded by send --save

Usage: claude-inspector history list [--history DIR] [--limit N] [--json]
       claude-inspector history show ID [--history DIR] [--json]
       claude-inspector history diff ID1 ID2 [--history DIR] [--json]

list: the calls newest first: id, start (UTC), model, source, HTTP status or error type, stop_reason, tokens in and
out, cost, total time; --json prints an array of {id, startedAt, model, source, status, stopReason, inputTokens,
outputTokens, costUsd, totalMs, ...}.
show: one call as send printed it (--json: the object send --json printed, with "historyId").
diff: two calls side by side: model, stop_reason, times, tokens, cost with B's delta against A, then the content
block by block (text word by word, tool input key by key); --json prints {a, b, metrics: {name: {a, b, delta}},
content: [...]}.
An ID may be shortened to its first characters when no other id starts with them.

${HISTORY_FOLDER_NOTE}
A folder's settings.json ({"maxCalls": 1000, "maxMegabytes": 200}) bounds it; --max-calls on send --save wins.
A damaged call file is skipped with a warning on stderr. Exit codes: 0 done (an empty list too); 1 no such call,
or nothing recorded yet; 2 bad usage or a folder that cannot be used.

${options(['history', 'limit', 'json', 'help'])}

Example:
  claude-inspector history list --limit 5    (after claude-inspector send examples/triage.claude.json --save)`,
};

export const HELP = `claude-inspector: send Claude Messages API request files and inspect the call

Usage:
  claude-inspector send FILE|- [--base-url URL] [--stream|--no-stream] [--json] [--no-check] [--append [--next TEXT]]
  claude-inspector curl FILE|- [--base-url URL] [--stream|--no-stream] [--no-check]
  claude-inspector code FILE|- --lang curl|cmd|powershell|python|python-httpx|typescript|http [--base-url URL]
  claude-inspector count FILE|- [--base-url URL] [--json] [--no-check]
  claude-inspector models [--base-url URL] [--json]
  claude-inspector compare FILE|- --models A,B[,C…] [--runs N] [--concurrency N] [--json]
  claude-inspector send FILE --save [--history DIR] [--max-calls N]   record the call in the history
  claude-inspector history list|show ID|diff ID1 ID2 [--history DIR] [--json]
  claude-inspector help COMMAND      (or: claude-inspector COMMAND --help) the options of one command

${FILE_NOTE}
${KEY_NOTE}
The base URL is --base-url, else ANTHROPIC_BASE_URL, else https://api.anthropic.com.

${options(['base-url', 'stream', 'no-stream', 'json', 'model', 'max-tokens', 'no-check', 'timeout', 'max-retries', 'max-retry-wait', 'append', 'next', 'save', 'history', 'max-calls', 'limit', 'models', 'runs', 'concurrency', 'help', 'version'])}

count prints the input tokens (POST /v1/messages/count_tokens), the share of the context window and the cost
estimate; models lists every model (GET /v1/models, all pages); compare sends the file to several models, several
times each, and prints their medians side by side; history lists, shows and compares the calls send --save recorded.
${HISTORY_FOLDER_NOTE}

Exit codes: 0 the call succeeded; 1 the API or the network failed; 2 bad usage or an invalid file (nothing sent).`;
