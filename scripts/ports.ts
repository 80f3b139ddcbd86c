// Ports on 127.0.0.1 and waiting for a server to answer: get-port and wait-on, with the scripts' bounds and words.
// get-port is an ES module; Node 20.19 and later load it with require() (this project's Node 20 does).
import getPort from 'get-port';
import * as net from 'node:net';
import waitOn from 'wait-on';

export const HOST = '127.0.0.1';

/** A port on 127.0.0.1 that nobody listens on right now, and not one handed out in the last 15 s. */
export function findFreePort(): Promise<number> {
  return getPort({ host: HOST });
}

/**
 * Whether `port` can be listened on at 127.0.0.1 right now. Not get-port: it locks every port it hands out for
 * 15 to 30 s and answers "taken" for it after that, so a port checked twice (before the build, then by
 * startCodeServer) would seem taken by the first look.
 */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
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
