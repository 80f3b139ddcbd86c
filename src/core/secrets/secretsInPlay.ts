// Tells the redaction which secrets a run has in play before anything is printed or sent: the API key, the secret
// headers of ANTHROPIC_CUSTOM_HEADERS, a bearer token, and the credentials of the base URL.
import { customHeaders } from '../capture/headerValues';
import { KEY_VARIABLE, rememberSecret } from './redact';
import { isSecretHeaderName, secretHeaderParts } from './secretHeaders';
import { secretValueParts } from './secretValueParts';

export function rememberSecretsInPlay(options: { apiKey?: string; baseUrl?: string; env?: NodeJS.ProcessEnv }): void {
  const env = options.env ?? process.env;
  rememberSecret(options.apiKey?.trim(), KEY_VARIABLE);
  rememberSecret(env.ANTHROPIC_AUTH_TOKEN?.trim(), 'ANTHROPIC_AUTH_TOKEN');
  for (const [name, value] of customHeaders(env)) {
    if (isSecretHeaderName(name)) {
      const { secret, variable } = secretHeaderParts(name, value, options.apiKey?.trim());
      rememberSecret(secret, variable);
      rememberSecret(value);
      secretValueParts(value).forEach((part) => rememberSecret(part));
    }
  }
  for (const url of [options.baseUrl, env.ANTHROPIC_BASE_URL]) {
    const userinfo = url && /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(url.trim())?.[1];
    if (userinfo) {
      const [user, password] = userinfo.split(':');
      rememberSecret(decodeSafely(user));
      rememberSecret(password === undefined ? undefined : decodeSafely(password));
      rememberSecret(userinfo);
    }
  }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
