/**
 * What the Twitch backend (ebs/, plain Node modules built into their own image) and the client
 * each keep a copy of, because the backend's image holds only ebs/: the rolling-window table and
 * the message size limit. These tests fail when the copies differ, in value or in how they count.
 */
import { expect } from '@open-wc/testing';
import { ROLLING, TipAggregator } from '../components/leaderboard/aggregator.js';
import { LEADERBOARD_WINDOWS } from '../platform/model.js';
import { ENVELOPE_VERSION } from '../platform/kit/envelope.js';
import { MAX_LEADERBOARD_ENTRIES, MAX_MESSAGE_BYTES } from '../platform/twitch/envelope.js';
import { seededRandom } from '../platform/demo/random.js';

type Rolling = '1d' | '7d' | '30d';
interface BackendWindows {
  LEADERBOARD_WINDOWS: readonly string[];
  ROLLING: Record<Rolling, { span: number; bucket: number }>;
  ROLLING_WINDOWS: Rolling[];
  MAX_ENTRIES: number;
  bucketOf(window: Rolling, at: number): { key: string };
  bucketsIn(window: Rolling, now: number): string[];
}
interface BackendEnvelope {
  ENVELOPE_VERSION: number;
  MAX_MESSAGE_BYTES: number;
}

// Served as they are, untyped JavaScript: loaded by path, as the backend's own tests load them.
const WINDOWS = '/ebs/windows.mjs';
const ENVELOPE = '/ebs/envelope.mjs';
const backend = {
  windows: (await import(/* @vite-ignore */ WINDOWS)) as BackendWindows,
  envelope: (await import(/* @vite-ignore */ ENVELOPE)) as BackendEnvelope,
};

const HOUR = 3_600_000;

describe('One truth across the wire (ebs/ and the client)', () => {
  it('the same windows and rolling-window table', () => {
    expect(backend.windows.LEADERBOARD_WINDOWS).to.deep.equal([...LEADERBOARD_WINDOWS]);
    expect(backend.windows.ROLLING).to.deep.equal(ROLLING);
    expect(backend.windows.ROLLING_WINDOWS).to.deep.equal(Object.keys(ROLLING));
  });

  it('the same message size limit, envelope version and board length', () => {
    expect(backend.envelope.MAX_MESSAGE_BYTES).to.equal(MAX_MESSAGE_BYTES);
    expect(backend.envelope.ENVELOPE_VERSION).to.equal(ENVELOPE_VERSION);
    expect(backend.windows.MAX_ENTRIES).to.equal(MAX_LEADERBOARD_ENTRIES);
  });

  it('a purchase counts in a rolling window on the backend exactly when it counts in the widgets’ aggregator', () => {
    const random = seededRandom(23);
    const start = Date.UTC(2026, 0, 1);
    for (const window of Object.keys(ROLLING) as Rolling[]) {
      const { span, bucket } = ROLLING[window];
      for (let i = 0; i < 300; i += 1) {
        const now = start + Math.floor(random() * 60 * 24 * HOUR);
        // Ages around the window's edge, where the two could disagree.
        const at = now - Math.floor(random() * (span + 2 * bucket));
        const aggregator = new TipAggregator({ now: () => now });
        aggregator.add({ id: `t${i}`, user: { id: 'u', name: 'u' }, amount: 1, currency: 'bits', at: new Date(at), source: 'test' });
        const client = aggregator.top(window, 'bits', 1).length === 1;
        const server = backend.windows.bucketsIn(window, now).includes(backend.windows.bucketOf(window, at).key);
        expect(client, `${window}: a purchase ${now - at} ms before now`).to.equal(server);
      }
    }
  });
});
