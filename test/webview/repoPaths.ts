// Where the webview tests find the repository and put their screenshots (they run from out/test/webview).
import * as path from 'node:path';

/** The repository root (tests run from out/test/webview). */
export const REPO = path.resolve(__dirname, '..', '..', '..');
export const RESULTS = path.join(REPO, 'test-results');
