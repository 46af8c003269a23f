// Apart from socket.ts so the option schema (options.ts), which every page loads, does not pull
// the socket in with its defaults.

/** Timing knobs; tests shrink them, pages keep the defaults. All in milliseconds. */
export interface SocketTiming {
  /** First reconnect delay; each failed attempt doubles it. */
  backoffMin: number;
  /** Longest reconnect delay. */
  backoffMax: number;
  /** ± share of each delay that is randomised, so many overlays do not reconnect in lockstep. */
  jitter: number;
  /** How often an idle connection is probed with a cheap `GetInfo`. */
  pingInterval: number;
  /** How long a probe may go unanswered before the socket counts as half-open. */
  pingTimeout: number;
  /** How long any other request may take. */
  requestTimeout: number;
  /** How long to wait for `Hello` before assuming a server older than v0.2.5, which sends none. */
  helloTimeout: number;
}

export const DEFAULT_TIMING: SocketTiming = {
  backoffMin: 500,
  backoffMax: 30_000,
  jitter: 0.2,
  pingInterval: 15_000,
  pingTimeout: 5_000,
  requestTimeout: 10_000,
  helloTimeout: 3_000,
};
