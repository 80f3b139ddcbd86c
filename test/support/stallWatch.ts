// How long this thread went without running a timer while other work ran: the longest gap between the ticks of a
// short interval timer, the gap up to the moment it stops included. One watch for the benches, the check worker's
// unit tests and the integration suites' responsiveness.
export interface StallWatch {
  /** Stops the timer and says the longest gap, in ms. */
  stop(): number;
}

export function watchStalls(tickMs: number): StallWatch {
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, tickMs);
  return {
    stop() {
      clearInterval(ticker);
      return Math.max(stallMs, performance.now() - last);
    },
  };
}
