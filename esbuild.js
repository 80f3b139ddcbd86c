// `node esbuild.js [--production] [--watch]` still builds the bundles: the build itself is scripts/build.ts, run
// through the scripts' bootstrap (node scripts/run.js build).
process.argv.splice(2, 0, 'build');
require('./scripts/run.js');
