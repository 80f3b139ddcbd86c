// What a body read that stopped early means for a person: which bound fired (no data, a trickle, a body without
// end), or what broke the connection (a reset, a body that does not decode), and how much had arrived.
import type { BodyReadError } from './bodyReader';
import type { CapturedResponse } from '../../shared/callRecord';
import { hint } from '../../shared/hints';
import { redactKey } from '../secrets/redact';
import { secondsText } from './retry';
import { describeNetworkCause, type FaultDetail } from './wireFault';

export interface BodyStopContext {
  url: string;
  /** "124 bytes", "3 events (only pings since then)". */
  arrived: string;
  /** False when nothing worth keeping had arrived (bytes, but no event). */
  hadSome: boolean;
  timeoutMs: number;
  response?: CapturedResponse;
  apiKey?: string;
}

/** Causes that mean the body's bytes did not decode (zlib, brotli), not that the connection broke. */
const DECODING = /^Z_|zlib|incorrect header|invalid (block|stored|distance)|unexpected end of file|decompress/i;

export function describeBodyStop(error: BodyReadError, context: BodyStopContext): FaultDetail {
  const some = context.hadSome && error.bytes > 0;
  const after = some ? ` and ${context.arrived}` : '';
  const kept = some ? ' What arrived is kept.' : '';
  const { url } = context;
  const common = { midStream: some || undefined, status: context.response?.status };
  switch (error.stop) {
    case 'size':
      return {
        ...common,
        kind: 'unexpected-response',
        message: `${url}: the body passed ${mib(error.bytes)} (${context.arrived} so far) and was stopped: no answer of the API is that large.${kept}`,
        hint: 'Something other than the API is answering, without end: check the base URL.',
      };
    case 'idle':
      return {
        ...common,
        kind: 'timeout',
        message: `${url}: no data for ${secondsText(context.timeoutMs)} after the headers${after}.${kept}`,
        ...hint('went-silent'),
      };
    case 'total':
      return {
        ...common,
        kind: 'timeout',
        message: `${url}: the body was still arriving ${secondsText(context.timeoutMs)} after the headers (${context.arrived} so far): the bound on the whole body fired, not the idle one.${kept}`,
        ...hint('trickles'),
      };
    default: {
      const cause = redactKey(describeNetworkCause(error.cause), context.apiKey);
      const encoding = context.response?.headers['content-encoding'];
      const decoding = DECODING.test(cause) && encoding ? ` (the body's content-encoding ${encoding} could not be decoded)` : '';
      // The HTTP client took the connection's end for the body's end (a body without a length, or `connection: close`).
      const unframed = error.endedAsWhole ? ' (the body was to end with the connection, and the connection ended in an error, not a clean close)' : '';
      return {
        ...common,
        kind: 'network',
        message: `the connection broke after the headers${after} from ${url}: ${cause}${decoding}${unframed}.${kept}`,
        cause,
        hint: 'The server or a proxy cut the answer off, or sent bytes that do not decode. Try again.',
      };
    }
  }
}

function mib(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.floor(bytes / 2 ** 20)} MiB` : `${bytes} bytes`;
}
