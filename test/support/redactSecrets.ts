// The test secrets of the redaction suites, and the check that none of them (nor 12 characters of one) was printed.
import * as assert from 'node:assert/strict';

/** Test secrets, built so that no scanner takes them for real ones. */
export const KEY = ['sk', 'ant', 'fake', 'redact', 'test', 'key', 'ZXCVBNM0987654321'].join('-');
export const GATEWAY = ['gw', 'fake', 'gateway', 'token', 'LKJHGF13579'].join('_');
export const COOKIE = ['session', 'fake', 'cookie', 'value', 'POIU24680'].join('-');
export const PASSWORD = ['hunter', 'fake', 'password', '8642'].join('-');
export const FOREIGN = ['sk', 'ant', 'api03', 'FOREIGNfakeKEYnotreal_0000000000'].join('-');

export function assertClean(text: string, where: string): void {
  for (const secret of [KEY, GATEWAY, COOKIE, PASSWORD, FOREIGN]) {
    assert.ok(!text.includes(secret), `${where}: a whole secret is in ${JSON.stringify(text.slice(0, 300))}`);
    assert.ok(!text.includes(secret.slice(0, 12)) && !text.includes(secret.slice(-12)), `${where}: 12 characters of a secret are in ${JSON.stringify(text.slice(0, 300))}`);
  }
}
