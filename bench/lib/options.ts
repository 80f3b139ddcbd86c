// Benchmark sizes and counts, from `--name=value` arguments or BENCH_NAME environment variables (arguments win),
// so that `npm run bench` stays short by default and a bigger run is one variable away.

/** A positive number option: `--stream-mb=1` or BENCH_STREAM_MB=1. */
export function numberOption(name: string, fallback: number): number {
  const raw = rawOption(name);
  if (raw === undefined || raw.trim() === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} / ${envName(name)} must be a positive number, not ${JSON.stringify(raw)}`);
  }
  return value;
}

function envName(name: string): string {
  return `BENCH_${name.toUpperCase().replace(/-/g, '_')}`;
}

function rawOption(name: string): string | undefined {
  const prefix = `--${name}=`;
  const arg = process.argv.slice(2).find((a) => a.startsWith(prefix));
  return arg !== undefined ? arg.slice(prefix.length) : process.env[envName(name)];
}
