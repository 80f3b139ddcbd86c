// @ts-check
'use strict';
// Provides the browser the workbench runs in: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, installed with
// apt-get when missing (about 30 s). Never `npx playwright install`: it downloads from the internet, which these
// machines cannot reach.
//
// Usage: node scripts/provideChromium.js   (prints the path of the browser)
//        require('./provideChromium').ensureChromium() -> Promise<string>

const fs = require('node:fs');
const { aptInstall } = require('./debianPackages');
const { runCommand, errorMessage } = require('./processes');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Returns the path of a Chromium that starts, installing Debian's when there is none.
 * @returns {Promise<string>}
 */
async function ensureChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new Error(`CHROMIUM_PATH is ${fromEnv}, which is not an executable file.`);
    }
    return fromEnv;
  }
  if (!isExecutable(DEBIAN_CHROMIUM)) {
    if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
      throw new Error(`No browser at ${DEBIAN_CHROMIUM} and no apt-get to install one: set CHROMIUM_PATH to a Chromium or Chrome.`);
    }
    try {
      await aptInstall(['chromium'], { why: 'the browser the webview and UI tests (and the benchmarks) run in; about a minute', timeoutMs: 600_000 });
    } catch (error) {
      throw new Error(`Could not install Chromium with apt-get (set CHROMIUM_PATH to use another browser).\n${errorMessage(error)}`);
    }
    if (!isExecutable(DEBIAN_CHROMIUM)) {
      throw new Error(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is not there.`);
    }
  }
  return DEBIAN_CHROMIUM;
}

/**
 * The browser's version line, e.g. "Chromium 150.0.7871.100 built on Debian...". Bounded, so a browser that hangs
 * fails here rather than in a test.
 * @param {string} executable
 */
async function chromiumVersion(executable) {
  const { output } = await runCommand(executable, ['--version'], { timeoutMs: 30_000, label: `${executable} --version` });
  return output.trim();
}

/** @param {string} file */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

module.exports = { ensureChromium, chromiumVersion, isExecutable };

if (require.main === module) {
  ensureChromium()
    .then(async (executable) => console.log(`${await chromiumVersion(executable)}: ${executable}`))
    .catch((error) => {
      console.error(`provideChromium: ${errorMessage(error)}`);
      process.exitCode = 1;
    });
}
