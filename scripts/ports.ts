// Ports on 127.0.0.1 and waiting for a server to answer: get-port and wait-on, with the scripts' bounds and words.
// get-port is an ES module; Node 20.19 and later load it with require() (this project's Node 20 does).
import getPort from 'get-port';
import waitOn from 'wait-on';

export const HOST = '127.0.0.1';

/** A port on 127.0.0.1 that nobody listens on right now. */
export function findFreePort(): Promise<number> {
  return getPort({ host: HOST });
}

/** Whether `port` can be listened on at 127.0.0.1. */
export async function isPortFree(port: number): Promise<boolean> {
  // get-port gives the port asked for when it is free, another one when it is not.
  return (await getPort({ host: HOST, port })) === port;
}

/**
 * Waits until `url` answers a GET with 200 (each try bounded to 2 s, one every 200 ms), at most `timeoutMs`. Rejects
 * with `exited()`'s reason as soon as it gives one (the server died: no use waiting), and with a timeout error.
 */
export async function waitForOk(url: string, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  let done = false;
  const waiting = waitOn({
    resources: [url.replace(/^http:/, 'http-get:')],
    timeout: timeoutMs,
    interval: 200,
    httpTimeout: 2000,
    validateStatus: (status) => status === 200,
  }).finally(() => {
    done = true;
  });
  const died = (async () => {
    while (!done) {
      const why = exited();
      if (why) {
        throw new Error(why);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.race([waiting, died]);
}
