// What the official SDKs do, as far as a snippet must know: which major line sends which anthropic-version (and so
// which auth header), and which body fields their types know. The fields are those of @anthropic-ai/sdk 1.12's
// MessageCreateParamsBase and BetaMessageCreateParams (test/unit/codeSdkFacts.test.ts reads the installed SDK's
// types and fails when they move); the Python SDK is generated from the same API description.

export interface SdkLine {
  /** The anthropic-version it sends. */
  version: string;
  python: string;
  typescript: string;
  /** The header the SDK puts the key in. */
  keyHeader: 'authorization' | 'x-api-key';
}

const LINES: Record<string, SdkLine> = {
  '2026-10-21': { version: '2026-10-21', python: 'anthropic 2.x', typescript: '@anthropic-ai/sdk 1.x', keyHeader: 'authorization' },
  '2023-06-01': { version: '2023-06-01', python: 'anthropic 0.x', typescript: '@anthropic-ai/sdk 0.x', keyHeader: 'x-api-key' },
};

/** The version the newest line sends: a request with none, or an unknown one, is written for it. */
export const NEWEST_API_VERSION = '2026-10-21';

/** The SDK line that sends this anthropic-version, or undefined when no line does. */
export function sdkLineOf(apiVersion: string | undefined): SdkLine | undefined {
  return apiVersion === undefined ? undefined : LINES[apiVersion];
}

export function newestSdkLine(): SdkLine {
  return LINES[NEWEST_API_VERSION];
}

export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'max_tokens', 'messages', 'model', 'cache_control', 'container', 'diagnostics', 'inference_geo', 'metadata',
  'output_config', 'service_tier', 'speed', 'stop_sequences', 'stream', 'system', 'thinking', 'tool_choice', 'tools',
  'user_profile_id', 'workspace_id',
]);

export const KNOWN_BETA_FIELDS: ReadonlySet<string> = new Set([
  'max_tokens', 'messages', 'model', 'billing_policy', 'cache_control', 'compaction', 'container', 'context_management',
  'diagnostics', 'fallback_credit_token', 'fallbacks', 'inference_geo', 'mcp_servers', 'metadata', 'output_config',
  'output_format', 'service_tier', 'speed', 'stop_sequences', 'stream', 'system', 'thinking', 'thread', 'tool_choice',
  'tools', 'user_profile_id', 'workspace_id',
]);
