// Verified Bits against a fake Helix: what counts, what is refused, and what reaches the frames.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { signJwt } from '../jwt.mjs';
import { CLIENT_ID, startFakeTwitch } from './fake-twitch.mjs';
import { KEY, ORIGIN, buy, call, env, receipt, startEbs, tempDir, viewerToken } from './helpers.mjs';

describe('POST /v1/bits', () => {
  /** @type {Awaited<ReturnType<typeof startFakeTwitch>>} */
  let twitch;
  /** @type {Awaited<ReturnType<typeof startEbs>>} */
  let ebs;
  let dir = '';
  let n = 0;
  const nextId = () => `tx-${Date.now()}-${n++}`;

  before(async () => {
    twitch = await startFakeTwitch({ key: KEY });
    dir = await tempDir();
    ebs = await startEbs(env(twitch, { ONAIR_EBS_STORE: `file:${dir}` }));
  });
  after(async () => {
    await ebs.close();
    await twitch.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    twitch.state.pubsub.length = 0;
  });

  /** @param {string} channelId @param {string} [window] */
  const board = async (channelId, window = 'all') =>
    (await call(`${ebs.url}/v1/leaderboard?window=${window}`, { token: viewerToken({ channelId }) })).json;

  it('counts a valid receipt once and pushes the leaderboard to the channel', async () => {
    const purchase = buy(twitch, { id: nextId(), channelId: '100', userId: '1', sku: 'cheer500', amount: 500 });
    const first = await call(`${ebs.url}/v1/bits`, purchase);
    assert.equal(first.status, 200);
    assert.equal(first.json.status, 'counted');
    assert.equal(first.json.amount, 500);
    assert.equal(first.headers.get('access-control-allow-origin'), ORIGIN);

    const again = await call(`${ebs.url}/v1/bits`, purchase);
    assert.equal(again.status, 409);
    assert.equal(again.json.error, 'already_counted');

    const all = await board('100');
    assert.deepEqual(all.entries.map((/** @type {any} */ e) => [e.userId, e.name, e.total]), [['1', 'User1', 500]]);
    await ebs.outbox.idle();
    const pushed = twitch.messages('100', 'leaderboard').map((m) => m.envelope);
    const windows = pushed.map((e) => e.payload.window).sort();
    assert.deepEqual(windows, ['1d', '30d', '7d', 'all', 'session']);
    for (const envelope of pushed) {
      assert.equal(envelope.onair, 1);
      assert.equal(envelope.from, `ebs.leaderboard.${envelope.payload.window}`);
      assert.ok(Number.isSafeInteger(envelope.seq) && envelope.seq >= Date.now() - 60_000);
      assert.equal(envelope.payload.entries[0].total, 500);
    }
    assert.deepEqual(twitch.state.violations, []);
  });

  it('counts a replay sent to the backend many times at once exactly once', async () => {
    const purchase = buy(twitch, { id: nextId(), channelId: '101', userId: '2' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(`${ebs.url}/v1/bits`, purchase)));
    assert.equal(answers.filter((a) => a.status === 200).length, 1);
    assert.equal(answers.filter((a) => a.status === 409).length, 19);
    assert.equal((await board('101')).entries[0].total, 100);
  });

  it('refuses a forged receipt: signed with another secret, tampered, or alg none', async () => {
    const id = nextId();
    twitch.addTransaction({ id, channelId: '102', userId: '3', sku: 'cheer100', amount: 100 });
    const token = viewerToken({ channelId: '102', userId: '3' });
    const other = receipt({ transactionId: id, userId: '3', sku: 'cheer100', amount: 100, key: randomBytes(32) });
    assert.equal((await call(`${ebs.url}/v1/bits`, { token, body: { receipt: other } })).json.error, 'receipt_invalid');

    const genuine = receipt({ transactionId: id, userId: '3', sku: 'cheer100', amount: 100 });
    const [head, , signature] = genuine.split('.');
    const inflated = Buffer.from(
      JSON.stringify({ topic: 'bits_transaction_receipt', exp: Math.floor(Date.now() / 1000) + 600, data: { transactionId: id, time: new Date().toISOString(), userId: '3', product: { domainId: `twitch.ext.${CLIENT_ID}`, sku: 'cheer100', cost: { amount: 100000, type: 'bits' } } } }),
    ).toString('base64url');
    const tampered = await call(`${ebs.url}/v1/bits`, { token, body: { receipt: `${head}.${inflated}.${signature}` } });
    assert.equal(tampered.status, 403);
    assert.equal(tampered.json.error, 'receipt_invalid');

    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${inflated}.`;
    assert.equal((await call(`${ebs.url}/v1/bits`, { token, body: { receipt: none } })).status, 403);

    // A genuine receipt whose cost does not match the catalogue (an SKU priced differently).
    const wrongCost = receipt({ transactionId: id, userId: '3', sku: 'cheer100', amount: 1 });
    assert.equal((await call(`${ebs.url}/v1/bits`, { token, body: { receipt: wrongCost } })).json.error, 'product_mismatch');
    // Another extension's product.
    const foreign = receipt({ transactionId: id, userId: '3', sku: 'cheer100', amount: 100, clientId: 'someoneelse' });
    assert.equal((await call(`${ebs.url}/v1/bits`, { token, body: { receipt: foreign } })).json.error, 'receipt_invalid');

    assert.deepEqual((await board('102')).entries, []);
    assert.equal((await call(`${ebs.url}/v1/bits`, { token, body: { receipt: genuine } })).status, 200);
  });

  it('refuses an expired receipt', async () => {
    const id = nextId();
    twitch.addTransaction({ id, channelId: '103', userId: '4', sku: 'cheer100', amount: 100 });
    const expired = receipt({ transactionId: id, userId: '4', sku: 'cheer100', amount: 100, expS: -5 });
    const answer = await call(`${ebs.url}/v1/bits`, { token: viewerToken({ channelId: '103', userId: '4' }), body: { receipt: expired } });
    assert.equal(answer.status, 403);
    assert.equal(answer.json.error, 'receipt_expired');
    assert.deepEqual((await board('103')).entries, []);
  });

  it('refuses a receipt bought on another channel, or posted for another user', async () => {
    const id = nextId();
    twitch.addTransaction({ id, channelId: '104', userId: '5', sku: 'cheer100', amount: 100 });
    const body = { receipt: receipt({ transactionId: id, userId: '5', sku: 'cheer100', amount: 100 }) };
    const crossChannel = await call(`${ebs.url}/v1/bits`, { token: viewerToken({ channelId: '999', userId: '5' }), body });
    assert.equal(crossChannel.status, 403);
    assert.equal(crossChannel.json.error, 'channel_mismatch');
    const otherUser = await call(`${ebs.url}/v1/bits`, { token: viewerToken({ channelId: '104', userId: '6' }), body });
    assert.equal(otherUser.json.error, 'user_mismatch');
    assert.deepEqual((await board('999')).entries, []);
    // The rightful frame still gets it counted afterwards.
    assert.equal((await call(`${ebs.url}/v1/bits`, { token: viewerToken({ channelId: '104', userId: '5' }), body })).status, 200);
  });

  it('answers pending while Twitch has no record of the transaction yet, then counts it', async () => {
    const id = nextId();
    const token = viewerToken({ channelId: '105', userId: '7' });
    const body = { receipt: receipt({ transactionId: id, userId: '7', sku: 'cheer100', amount: 100 }) };
    const early = await call(`${ebs.url}/v1/bits`, { token, body });
    assert.equal(early.status, 202);
    assert.equal(early.json.status, 'pending');
    assert.deepEqual((await board('105')).entries, []);
    twitch.addTransaction({ id, channelId: '105', userId: '7', sku: 'cheer100', amount: 100 });
    assert.equal((await call(`${ebs.url}/v1/bits`, { token, body })).status, 200);
  });

  it('answers 503 while Helix is down, counting nothing, and counts the same receipt once it is back', async () => {
    const purchase = buy(twitch, { id: nextId(), channelId: '109', userId: '11' });
    twitch.state.failHelix = 4;
    const down = await call(`${ebs.url}/v1/bits`, purchase);
    assert.equal(down.status, 503);
    assert.equal(down.json.error, 'twitch_unavailable');
    assert.deepEqual((await board('109')).entries, []);
    assert.equal((await call(`${ebs.url}/v1/bits`, purchase)).status, 200);
  });

  it('turns a wheel product into a paid spin request on the channel and for the broadcaster', async () => {
    const id = nextId();
    const purchase = buy(twitch, { id, channelId: '106', userId: '8', sku: 'spin', amount: 200 });
    const answer = await call(`${ebs.url}/v1/bits`, purchase);
    assert.equal(answer.json.wheel, true);
    await ebs.outbox.idle();
    const [request] = twitch.messages('106', 'wheel.request');
    assert.equal(request.envelope.from, 'ebs.wheel');
    assert.deepEqual(request.envelope.payload, { paymentId: id, userId: '8', name: 'User8', sku: 'spin', amount: 200 });

    const broadcaster = viewerToken({ channelId: '106', userId: '106', role: 'broadcaster' });
    const listed = await call(`${ebs.url}/v1/wheel/requests`, { token: broadcaster });
    assert.equal(listed.json.requests[0].paymentId, id);
    const asViewer = await call(`${ebs.url}/v1/wheel/requests`, { token: viewerToken({ channelId: '106', userId: '8' }) });
    assert.equal(asViewer.status, 403);
  });

  it('requires a valid viewer JWT, an allowed origin, JSON and a bounded body', async () => {
    const purchase = buy(twitch, { id: nextId(), channelId: '107', userId: '9' });
    assert.equal((await call(`${ebs.url}/v1/bits`, { body: purchase.body })).status, 401);
    const forgedViewer = signJwt({ exp: Math.floor(Date.now() / 1000) + 60, role: 'viewer', channel_id: '107', user_id: '9' }, randomBytes(32));
    assert.equal((await call(`${ebs.url}/v1/bits`, { token: forgedViewer, body: purchase.body })).status, 401);
    const expiredViewer = viewerToken({ channelId: '107', userId: '9', expS: -1 });
    assert.equal((await call(`${ebs.url}/v1/bits`, { token: expiredViewer, body: purchase.body })).status, 401);
    const external = viewerToken({ channelId: '107', role: 'external' });
    assert.equal((await call(`${ebs.url}/v1/leaderboard`, { token: external })).status, 401);

    const elsewhere = await call(`${ebs.url}/v1/bits`, { ...purchase, origin: 'https://evil.example' });
    assert.equal(elsewhere.status, 403);
    assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);

    const preflight = await fetch(`${ebs.url}/v1/bits`, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);

    assert.equal((await call(`${ebs.url}/v1/bits`, { token: purchase.token, raw: 'x'.repeat(64 * 1024) })).status, 413);
    assert.equal((await call(`${ebs.url}/v1/bits`, { token: purchase.token, raw: '{not json' })).status, 400);
    assert.equal((await call(`${ebs.url}/v1/bits`, { token: purchase.token, raw: '{}', contentType: 'text/plain' })).status, 415);
    assert.equal((await call(`${ebs.url}/v1/nothing`, { token: purchase.token })).status, 404);
    assert.deepEqual((await board('107')).entries, []);

    const health = await call(`${ebs.url}/health`, { origin: '' });
    assert.deepEqual(health.json, { ok: true, store: 'file' });
  });

  it('never writes a token, receipt or secret to its logs', async () => {
    const purchase = buy(twitch, { id: nextId(), channelId: '108', userId: '10' });
    await call(`${ebs.url}/v1/bits`, purchase);
    const text = ebs.logs.join('');
    assert.ok(text.includes('"event":"bits.counted"'));
    assert.ok(!text.includes(purchase.token));
    assert.ok(!text.includes(purchase.body.receipt));
    assert.ok(!/app-token-\d/.test(text));
    for (const line of ebs.logs) JSON.parse(line);
  });
});
