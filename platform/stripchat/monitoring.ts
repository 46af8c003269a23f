import type { ErrorCode } from '../model.js';
import { remember } from '../bounded.js';
import { clip } from '../validate.js';
import type { ExtHelper } from './ext.js';

const INTERVAL_MS = 10_000;
const MAX_FORWARDED = 50;

/** Hands problems to Stripchat's monitoring (`v1.monitoring.report.error`): at most one per 10 s, each text once. */
export class Monitoring {
  private readonly forwarded = new Set<string>();
  private lastAt = -Infinity;

  constructor(private readonly ext: ExtHelper) {}

  forward(code: ErrorCode, message: string): void {
    const detail = clip(message, 300);
    const key = `${code}|${detail}`;
    const now = Date.now();
    if (now - this.lastAt < INTERVAL_MS || this.forwarded.has(key)) return;
    this.lastAt = now;
    remember(this.forwarded, key, undefined, MAX_FORWARDED);
    // Sent without the adapter's request(): a failing monitoring call must not report itself again.
    try {
      void Promise.resolve(this.ext.makeRequest('v1.monitoring.report.error', { message: `onair ${code}`, data: { detail } })).catch(() => undefined);
    } catch {
      // Monitoring is best effort.
    }
  }
}
