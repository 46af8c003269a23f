// `npm run ebs` as a real process on the embedded store: killed without warning, started again, it
// has lost nothing and still refuses replays; a second process on the same folder is refused.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { startFakeTwitch } from './fake-twitch.mjs';
import { KEY, buy, call, env, startEbsProcess, tempDir, viewerToken } from './helpers.mjs';

describe('restart on the file store', () => {
  /** @type {Awaited<ReturnType<typeof startFakeTwitch>>} */
  let twitch;
  let dir = '';

  before(async () => {
    twitch = await startFakeTwitch({ key: KEY });
    dir = await tempDir();
  });
  after(async () => {
    await twitch.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every counted purchase across a kill -9 and refuses their replays', async () => {
    const variables = env(twitch, { ONAIR_EBS_STORE: `file:${dir}` });
    const first = await startEbsProcess(variables);
    const purchases = Array.from({ length: 40 }, (_, i) =>
      buy(twitch, { id: `restart-${i}`, channelId: '800', userId: String(1 + (i % 4)), sku: i % 2 ? 'cheer500' : 'cheer100', amount: i % 2 ? 500 : 100 }),
    );
    const answers = await Promise.all(purchases.map((p) => call(`${first.url}/v1/bits`, p)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    const token = viewerToken({ channelId: '800' });
    const before = (await call(`${first.url}/v1/leaderboard?window=all`, { token })).json.entries;

    const secondProcess = await startEbsProcess(variables).then(
      () => 'started',
      (/** @type {Error} */ error) => error.message,
    );
    assert.match(secondProcess, /in use by process/);

    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;

    const second = await startEbsProcess(variables);
    try {
      const afterRestart = (await call(`${second.url}/v1/leaderboard?window=all`, { token })).json.entries;
      assert.deepEqual(afterRestart, before);
      assert.deepEqual(
        afterRestart.map((/** @type {any} */ e) => e.total),
        [5000, 5000, 1000, 1000],
      );
      const week = (await call(`${second.url}/v1/leaderboard?window=7d`, { token })).json.entries;
      assert.deepEqual(week, before);
      const replay = await call(`${second.url}/v1/bits`, purchases[7]);
      assert.equal(replay.status, 409);
    } finally {
      const stopped = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      assert.equal(await stopped, 0);
    }
  });
});
