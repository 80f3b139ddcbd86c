// package-lock.json in step with package.json: `npm install` on a fresh clone must leave the lock unchanged. `npm ci`
// refuses a lock whose dependencies differ, but not one whose other root fields (license, bin, engines...) are
// stale, and `npm install` then rewrites it: so the root entry is compared here field by field, as npm writes it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  name?: string;
  version?: string;
  lockfileVersion?: number;
  packages?: Record<string, Record<string, unknown>>;
};

const FIX = 'Run `npm install` (it rewrites package-lock.json from package.json) and commit package-lock.json with ' +
  'the package.json change.';

/**
 * The fields of package.json that npm 7+ copies into the lock's root entry (packages[""]), in the form it writes
 * them (@npmcli/arborist's shrinkwrap: empty objects and false values are left out; a license object becomes its
 * type; a bin string becomes { name: path }; hasInstallScript when an install script exists).
 */
function expectedRootEntry(manifest: Record<string, unknown>): Record<string, unknown> {
  const copied = ['name', 'version', 'dependencies', 'devDependencies', 'peerDependencies', 'peerDependenciesMeta',
    'optionalDependencies', 'bundleDependencies', 'acceptDependencies', 'funding', 'engines', 'os', 'cpu', 'libc',
    'license', 'bin', 'deprecated', 'workspaces'];
  const entry: Record<string, unknown> = {};
  for (const key of copied) {
    let value = manifest[key];
    if (!value || (typeof value === 'object' && Object.keys(value).length === 0)) {
      continue;
    }
    if (key === 'license' && typeof value === 'object' && 'type' in value) {
      value = (value as { type: unknown }).type;
    }
    if (key === 'bin') {
      value = normalizeBin(value, String(manifest.name));
    }
    entry[key] = value;
  }
  const scripts = (manifest.scripts ?? {}) as Record<string, string>;
  if (scripts.preinstall || scripts.install || scripts.postinstall) {
    entry.hasInstallScript = true;
  }
  return entry;
}

/** npm writes bin as an object of command -> path, without a leading "./". */
function normalizeBin(bin: unknown, name: string): Record<string, string> {
  const map = typeof bin === 'string' ? { [name.replace(/^@[^/]+\//, '')]: bin } : (bin as Record<string, string>);
  return Object.fromEntries(Object.entries(map).map(([command, file]) => [command, path.posix.normalize(file).replace(/^\.\//, '')]));
}

describe('package-lock.json', () => {
  it('is a lockfile npm 7+ reads without rewriting it (lockfileVersion 3, same name and version)', () => {
    assert.equal(lock.lockfileVersion, 3, `lockfileVersion is ${lock.lockfileVersion}. ${FIX}`);
    assert.equal(lock.name, pkg.name, `the lock's name is ${lock.name}, package.json's ${pkg.name}. ${FIX}`);
    assert.equal(lock.version, pkg.version, `the lock's version is ${lock.version}, package.json's ${pkg.version}. ${FIX}`);
  });

  it('has a root entry equal to what npm install writes from package.json', () => {
    const actual = lock.packages?.[''];
    assert.ok(actual, `package-lock.json has no root entry (packages[""]). ${FIX}`);
    const expected = expectedRootEntry(pkg);
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      assert.deepEqual(actual[key], expected[key],
        `package-lock.json's root entry is out of step with package.json on "${key}": the lock has ` +
        `${JSON.stringify(actual[key])}, package.json ${JSON.stringify(expected[key])}. ${FIX}`);
    }
  });

  it('locks every dependency package.json declares', () => {
    const declared = { ...(pkg.dependencies as object), ...(pkg.devDependencies as object) } as Record<string, string>;
    for (const name of Object.keys(declared)) {
      const locked = lock.packages?.[`node_modules/${name}`];
      assert.ok(locked, `${name} is in package.json but not in package-lock.json. ${FIX}`);
      assert.ok(typeof locked.version === 'string', `${name} has no version in package-lock.json. ${FIX}`);
    }
  });
});
