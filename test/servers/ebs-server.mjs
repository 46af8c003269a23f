/**
 * onair's real Twitch backend (`ebs/app.mjs`) for the browser tests, against the fake Helix and
 * PubSub endpoint of its own tests (`ebs/test/fake-twitch.mjs`), both on 127.0.0.1, with real JWTs
 * signed by a test secret. Tests drive it through web-test-runner commands:
 *
 * - `ebs-start` `{ origin }` → `{ id, url }`: a backend that allows the test page's origin
 * - `ebs-token` `{ id, channelId, userId?, role?, expS? }` → `{ token }`: an extension JWT as Twitch signs it
 *   (expiring in `expS` seconds, default 300)
 * - `ebs-buy` `{ id, transactionId, channelId, userId, sku, amount, known?, forged? }` → `{ receipt }`:
 *   a Bits receipt; `known: false` keeps the purchase out of Helix until `ebs-know`
 * - `ebs-know` `{ id, transactionId, channelId, userId, sku, amount }`: Helix now lists the purchase
 * - `ebs-viewers` `{ id, channelId, viewers }`: the channel is live; one round of viewer counts
 * - `ebs-pubsub` `{ id, channelId }` → `{ messages }`: what the backend sent on the channel's
 *   broadcast topic so far (the test delivers them to its fake helper)
 * - `ebs-calls` `{ id }` → `{ bits, pending }`: `POST /v1/bits` answers seen, by status
 * - `ebs-stop` `{ id }`
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createEbs } from '../../ebs/app.mjs';
import { readConfig } from '../../ebs/config.mjs';
import { createLogger } from '../../ebs/log.mjs';
import { startFakeTwitch } from '../../ebs/test/fake-twitch.mjs';
import { env, KEY, receipt, tempDir, viewerToken } from '../../ebs/test/helpers.mjs';

export function ebsServerPlugin() {
  /** @type {Map<string, { ebs: any, twitch: any, dir: string, statuses: number[] }>} */
  const running = new Map();
  const get = (payload) => {
    const found = running.get(payload?.id);
    if (!found) throw new Error(`no backend ${payload?.id}`);
    return found;
  };

  const commands = {
    'ebs-start': async ({ origin }) => {
      const twitch = await startFakeTwitch({ key: KEY });
      const dir = await tempDir();
      const config = readConfig(env(twitch, { ONAIR_EBS_STORE: `file:${dir}`, ONAIR_EBS_ORIGINS: origin, ONAIR_EBS_LOG_LEVEL: 'error' }));
      const ebs = await createEbs(config, { log: createLogger({ level: 'error', write: () => {} }), coalesceMs: 20 });
      const port = await ebs.listen(0, '127.0.0.1');
      const statuses = [];
      // Counts the answers to POST /v1/bits, so tests can tell a retry from a second purchase.
      ebs.server.prependListener('request', (request, response) => {
        if (request.method === 'POST' && request.url === '/v1/bits') response.once('finish', () => statuses.push(response.statusCode));
      });
      const id = randomBytes(6).toString('hex');
      running.set(id, { ebs, twitch, dir, statuses });
      return { id, url: `http://127.0.0.1:${port}` };
    },
    'ebs-token': ({ channelId, userId, role, expS }) => ({ token: viewerToken({ channelId, userId, role, ...(expS !== undefined ? { expS } : {}) }) }),
    'ebs-buy': (payload) => {
      const { transactionId, channelId, userId, sku, amount, known = true, forged = false } = payload;
      if (known) get(payload).twitch.addTransaction({ id: transactionId, channelId, userId, sku, amount });
      return { receipt: receipt({ transactionId, userId, sku, amount, ...(forged ? { key: randomBytes(32) } : {}) }) };
    },
    'ebs-know': (payload) => {
      const { transactionId, channelId, userId, sku, amount } = payload;
      get(payload).twitch.addTransaction({ id: transactionId, channelId, userId, sku, amount });
      return {};
    },
    'ebs-viewers': async (payload) => {
      const { twitch, ebs } = get(payload);
      const { channelId, viewers } = payload;
      if (!twitch.state.live.some((c) => c.broadcaster_id === channelId)) twitch.state.live.push({ broadcaster_id: channelId, broadcaster_name: `c${channelId}` });
      twitch.state.streams.set(channelId, { id: `stream-${channelId}`, user_id: channelId, viewer_count: viewers, started_at: new Date().toISOString() });
      await ebs.pollViewers();
      return {};
    },
    'ebs-pubsub': (payload) => ({ messages: get(payload).twitch.messages(payload.channelId).map((m) => m.message) }),
    'ebs-calls': (payload) => ({ bits: [...get(payload).statuses] }),
    'ebs-stop': async (payload) => {
      const { ebs, twitch, dir } = get(payload);
      running.delete(payload.id);
      // The test page may still hold a request open (a read its platform started as the test ended):
      // a test server stops now rather than wait for it, as a deployed backend would on shutdown.
      ebs.server.closeAllConnections();
      await ebs.close();
      await twitch.close();
      await rm(dir, { recursive: true, force: true });
      return {};
    },
  };

  return {
    name: 'ebs-server',
    async executeCommand({ command, payload }) {
      const run = commands[command];
      return run ? run(payload ?? {}) : undefined;
    },
    async serverStop() {
      await Promise.all([...running.keys()].map((id) => commands['ebs-stop']({ id })));
    },
  };
}
