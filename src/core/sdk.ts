// The official SDK, loaded on first use rather than when the extension or the CLI starts: it is most of the bundle
// (1.6 MB of source), and activation must stay light (no call is made at activation). esbuild keeps a module that is
// only reached through require() out of the startup path: it is evaluated at the first call of `anthropicSdk()`.
import type Anthropic from '@anthropic-ai/sdk';

let loaded: typeof Anthropic | undefined;

export function anthropicSdk(): typeof Anthropic {
  if (!loaded) {
    const module = require('@anthropic-ai/sdk') as { default?: typeof Anthropic } & typeof Anthropic;
    loaded = module.default ?? module;
  }
  return loaded;
}
