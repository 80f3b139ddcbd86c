// The defaults shared by the extension's settings and the CLI. package.json declares the same values for the
// settings; a unit test keeps the two equal.

export const DEFAULT_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_MAX_TOKENS = 1024;
export const DEFAULT_TIMEOUT_SECONDS = 600;
export const DEFAULT_MAX_RETRIES = 2;
