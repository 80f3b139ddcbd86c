// The forms a secret takes once encoded (URL-encoded, base64), so an echo of the secret in those forms is masked too.
import { MIN_ECHO_LENGTH } from './redact';

/**
 * A secret as it reads once encoded: every byte percent-encoded (upper and lower case hex), and base64 and base64url
 * at each of the three alignments it can start at inside a longer encoded text (the characters that depend on the
 * bytes around it are left out, so an echo inside a bigger blob is found too).
 */
export function encodedForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const percent = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  const forms = [percent, percent.toUpperCase()];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // The first 4 characters mix in the bytes before (when shifted); the last 4 the bytes after, or the padding.
    const middle = encoded.slice(shift ? 4 : 0, -4);
    if (middle.length >= MIN_ECHO_LENGTH) {
      forms.push(middle, middle.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...new Set(forms)];
}
