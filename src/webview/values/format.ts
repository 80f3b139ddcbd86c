// How sizes and counted things read in the panel. A count and a call's time read as in every face: shared/format.ts.
import { formatCount } from '../../shared/format';

export function formatChars(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'char' : 'chars'}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
