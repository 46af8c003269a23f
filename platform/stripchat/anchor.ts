/**
 * The wheel's anchor on Stripchat: a `strings` storage key that the extension's manifest lets only
 * the model write (and everyone read). Whispers carry nothing about their sender, so a paying viewer
 * could claim anything there; this key cannot be written by a viewer. The model's wheel keeps its
 * announcement (commitment, segments' hash, who leads) in it with a TTL, so the key also says the
 * model is online: once her pages close, it expires.
 */
import type { ErrorCode, RoomAnchor } from '../model.js';
import type { Answer } from '../kit/request.js';
import { isRecord } from '../validate.js';

export const MAX_ANCHOR = 2_000;

export interface AnchorHost {
  request(method: string, params: unknown): Promise<Answer>;
  report(code: ErrorCode, message: string, payload?: unknown): void;
}

export class StorageAnchor implements RoomAnchor {
  constructor(
    private readonly key: string,
    private readonly host: AnchorHost,
  ) {}

  async read(): Promise<string | undefined> {
    const answer = await this.host.request('v1.storage.string.get', { key: this.key });
    if (!answer.ok) {
      this.host.report('request-failed', `v1.storage.string.get failed: ${answer.error}`);
      return undefined;
    }
    if (!isRecord(answer.value)) {
      this.host.report('invalid-payload', 'Stripchat sent a stored string onair cannot use.', answer.value);
      return undefined;
    }
    // `exists: false` (never set or expired) comes with an empty value.
    const { exists, value } = answer.value;
    return exists !== false && typeof value === 'string' && value.length > 0 && value.length <= MAX_ANCHOR ? value : undefined;
  }

  async write(value: string, ttlSeconds: number): Promise<boolean> {
    if (value.length > MAX_ANCHOR) return false;
    const answer = await this.host.request('v1.storage.string.set', { key: this.key, value, ttl: String(Math.max(1, Math.round(ttlSeconds))) });
    if (!answer.ok) this.host.report('request-failed', `v1.storage.string.set failed: ${answer.error}`);
    else if (!isRecord(answer.value) || answer.value.success !== true) this.host.report('store-failed', 'The wheel\u2019s anchor was not stored.', answer.value);
    return answer.ok && isRecord(answer.value) && answer.value.success === true;
  }
}
