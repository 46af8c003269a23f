/** The viewer's tokens, kept only to blank them out of every report (a helper error may quote one). */
import { remember } from '../bounded.js';

/** Tokens kept: the current and previous pair, with their segments. */
const MAX_SECRETS = 12;
const MIN_SECRET = 8;

export class Secrets {
  private readonly secrets = new Set<string>();

  /** Remembers each string long enough to be a token, and a JWT's long segments on their own. */
  remember(...values: unknown[]): void {
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET) continue;
      remember(this.secrets, value, undefined, MAX_SECRETS);
      // A JWT's payload segment alone still identifies the viewer.
      for (const part of value.split('.')) if (part.length >= MIN_SECRET * 2) remember(this.secrets, part, undefined, MAX_SECRETS);
    }
  }

  /** `value` with every remembered token replaced by `[redacted]`. */
  scrub(value: string): string {
    let scrubbed = value;
    for (const secret of this.secrets) scrubbed = scrubbed.split(secret).join('[redacted]');
    return scrubbed;
  }
}

/** A payload as text, whatever it is, for scrubbing before it is reported. */
export function printable(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  try {
    return JSON.stringify(payload) ?? String(payload);
  } catch {
    return '[unprintable payload]';
  }
}
