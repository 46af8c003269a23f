// The pieces with no server: settings from the environment, JWTs, snapshot fitting, windows.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { readConfig } from '../config.mjs';
import { MAX_MESSAGE_BYTES, fitLeaderboard } from '../envelope.mjs';
import { signJwt, verifyJwt } from '../jwt.mjs';
import { createLogger } from '../log.mjs';
import { bucketOf, bucketsIn } from '../windows.mjs';

const SECRET = randomBytes(32).toString('base64');
const BASE = { ONAIR_EBS_CLIENT_ID: 'abc123', ONAIR_EBS_EXTENSION_SECRET: SECRET, ONAIR_EBS_OWNER_ID: '42', ONAIR_EBS_CLIENT_SECRET: 'shh' };

describe('settings', () => {
  it('has defaults a single machine can run with', () => {
    const config = readConfig(BASE);
    assert.deepEqual(config.origins, ['https://abc123.ext-twitch.tv']);
    assert.equal(config.store, 'file:.onair-ebs');
    assert.equal(config.pubsubBudget, 40);
    assert.equal(config.products, undefined);
    assert.deepEqual(config.windows, ['session', '1d', '7d', '30d', 'all']);
    assert.equal(config.secrets[0].toString('base64'), SECRET);
  });

  it('refuses bad values without echoing the secret', () => {
    const notBase64 = 'not base64 but secret!';
    assert.throws(() => readConfig({ ...BASE, ONAIR_EBS_EXTENSION_SECRET: notBase64 }), (error) => {
      assert.ok(error instanceof Error && !error.message.includes(notBase64));
      return true;
    });
    assert.throws(() => readConfig({ ...BASE, ONAIR_EBS_OWNER_ID: 'me' }), /numeric/);
    assert.throws(() => readConfig({ ...BASE, ONAIR_EBS_PRODUCTS: 'a=1,b=free' }), /sku=bits/);
    assert.throws(() => readConfig({ ...BASE, ONAIR_EBS_PUBSUB_BUDGET: '101' }), /1 to 100/);
    assert.throws(() => readConfig({ ...BASE, ONAIR_EBS_WINDOWS: 'forever' }), /unknown window/);
    assert.deepEqual([...readConfig({ ...BASE, ONAIR_EBS_PRODUCTS: 'a=1, b=20' }).products ?? []], [['a', 1], ['b', 20]]);
  });
});

describe('JWT', () => {
  const key = randomBytes(32);
  const now = Date.now();
  const token = signJwt({ exp: Math.floor(now / 1000) + 60, role: 'viewer' }, key);

  it('verifies with any active secret (rotation) and refuses others', () => {
    assert.equal(verifyJwt(token, [randomBytes(32), key], now).ok, true);
    assert.deepEqual(verifyJwt(token, [randomBytes(32)], now), { ok: false, reason: 'signature' });
  });

  it('refuses expired, unexpiring, malformed and non-HS256 tokens', () => {
    assert.deepEqual(verifyJwt(token, [key], now + 61_000), { ok: false, reason: 'expired' });
    assert.deepEqual(verifyJwt(signJwt({ role: 'viewer' }, key), [key], now), { ok: false, reason: 'no-expiry' });
    assert.equal(verifyJwt('a.b', [key], now).ok, false);
    assert.equal(verifyJwt(42, [key], now).ok, false);
    const [, body, signature] = token.split('.');
    const hs512 = `${Buffer.from('{"alg":"HS512"}').toString('base64url')}.${body}.${signature}`;
    assert.deepEqual(verifyJwt(hs512, [key], now), { ok: false, reason: 'algorithm' });
  });
});

describe('leaderboard snapshots', () => {
  it('keep as many top entries as fit in 5 KB, whatever the names', () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({
      userId: String(100000000 + i),
      name: `名前🎉${'ß'.repeat(i % 20)}`,
      total: 1_000_000 - i,
      firstAt: new Date(0).toISOString(),
    }));
    const { json, count } = fitLeaderboard({ seq: Number.MAX_SAFE_INTEGER, from: 'ebs.leaderboard.all', window: 'all', entries });
    assert.ok(Buffer.byteLength(json) <= MAX_MESSAGE_BYTES);
    assert.ok(count > 10 && count < 100);
    const parsed = JSON.parse(json);
    assert.deepEqual(parsed.payload.entries, entries.slice(0, count));
    const more = entries.slice(0, count + 1);
    assert.ok(Buffer.byteLength(JSON.stringify({ ...parsed, payload: { window: 'all', entries: more } })) > MAX_MESSAGE_BYTES);
  });
});

describe('rolling windows', () => {
  it('count a purchase while its bucket overlaps the window, and not after', () => {
    const at = Date.UTC(2026, 0, 10, 12, 30);
    const { key } = bucketOf('1d', at);
    assert.ok(bucketsIn('1d', at).includes(key));
    assert.ok(bucketsIn('1d', at + 23 * 3_600_000).includes(key));
    assert.ok(!bucketsIn('1d', at + 25 * 3_600_000).includes(key));
    assert.ok(bucketsIn('30d', at + 29 * 86_400_000).includes(bucketOf('30d', at).key));
    assert.ok(!bucketsIn('7d', at + 8 * 86_400_000).includes(bucketOf('7d', at).key));
  });
});

describe('logs', () => {
  it('redact credential fields and anything shaped like a JWT', () => {
    const lines = /** @type {string[]} */ ([]);
    const log = createLogger({ write: (line) => lines.push(line) });
    log.info('x', { authorization: 'Bearer abc', nested: { clientSecret: 'shh' }, note: 'token aaaaaaaaaa.bbbbbbbbbb.cccccccccc here' });
    const entry = JSON.parse(lines[0]);
    assert.equal(entry.authorization, '[redacted]');
    assert.equal(entry.nested.clientSecret, '[redacted]');
    assert.equal(entry.note, 'token [jwt] here');
  });
});
