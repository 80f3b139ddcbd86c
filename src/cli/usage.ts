// Bad usage and bad input end the CLI with exit code 2 and one clear reason on stderr; nothing is sent.

export class UsageError extends Error {}

export const HELP = `claude-inspector: send Claude Messages API request files and inspect the call

Usage:
  claude-inspector send FILE|- [--base-url URL] [--stream|--no-stream] [--json]
  claude-inspector curl FILE|- [--base-url URL] [--stream|--no-stream]
  claude-inspector count FILE|- [--base-url URL] [--json]
  claude-inspector models [--base-url URL] [--json]

FILE is a .claude.json request file (the request body, JSON with comments); - reads it from stdin.
The API key comes from ANTHROPIC_API_KEY and is never printed: headers and curl show $ANTHROPIC_API_KEY.
The base URL is --base-url, else ANTHROPIC_BASE_URL, else https://api.anthropic.com.

Options:
  --base-url URL       where to send (e.g. a local stand-in or a proxy)
  --stream             stream the answer when the file has no "stream" field (the file's own field wins)
  --no-stream          do not stream when the file has no "stream" field (the default)
  --json               print one JSON object (send: request, status, requestId, timing, response, curl)
  --model ID           model for files without "model" (default claude-sonnet-5-5)
  --max-tokens N       max_tokens for files without "max_tokens" (default 1024)
  --timeout SECONDS    per-attempt timeout (default 600)
  --max-retries N      retries of 408/409/429/5xx and connection errors (default 2)
  -h, --help           this text
  -v, --version        the version

count prints the input tokens (POST /v1/messages/count_tokens) and the cost estimate; models lists every model
(GET /v1/models, all pages).

Exit codes: 0 the call succeeded; 1 the API or the network failed; 2 bad usage or an invalid file (nothing sent).`;
