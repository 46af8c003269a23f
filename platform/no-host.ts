import { BasePlatform } from './base.js';
import type { Capability, ConnectionReason, TipMenuItem, TipResult } from './model.js';

export const NO_HOST_DETAIL =
  'No streaming host found on this page. Set platform="demo" to preview, or open the page inside a host.';

/**
 * The platform used when nothing was detected: every widget shows its empty state and the status
 * pill explains why. It never invents numbers, since a live stream must not show fake data.
 */
export class NoHostPlatform extends BasePlatform {
  readonly name = 'no-host' as const;
  readonly capabilities: ReadonlySet<Capability> = new Set();

  constructor(detail = NO_HOST_DETAIL, reason: ConnectionReason = 'no-host') {
    super();
    this.setStatus({ state: 'no-host', reason, detail });
  }

  async requestTip(item: TipMenuItem): Promise<TipResult> {
    return { status: 'failed', item, error: 'No streaming host is connected.' };
  }
}
