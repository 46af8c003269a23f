// For store.test.mjs: writes purchases through the file store until it is killed, printing each
// answer once the store has given it ("counted <id>" or "repeat <id>"). Round r buys ids r-0, r-1, …
// and replays ids of earlier rounds in between. Compacts every few kilobytes, so kills land in
// compactions too. Arguments: folder, seed, round.
import { openFileStore } from '../store/file.mjs';

const [dir, seed, round] = process.argv.slice(2);
let state = Number(seed) * 7919 + Number(round) * 104729;
const next = () => {
  state = (state * 48271) % 2147483647;
  return state / 2147483647;
};
const store = await openFileStore(dir, { compactMinBytes: 4096 });
const now = Date.now();
/** @param {string} id */
const purchase = (id) => ({
  transactionId: id,
  channelId: String(Math.abs([...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) % 40),
  userId: `u${id}`,
  name: `viewer ${id}`,
  sku: 'cheer100',
  amount: 100,
  at: now,
  keepUntil: now + 86_400_000,
  wheel: false,
});
for (let k = 0; ; k += 8) {
  const ids = Array.from({ length: 8 }, (_, i) =>
    Number(round) > 0 && next() < 0.3 ? `${Math.floor(next() * Number(round))}-${Math.floor(next() * 450)}` : `${round}-${k + i}`,
  );
  await Promise.all(
    ids.map(async (id) => {
      const counted = await store.record(purchase(id));
      process.stdout.write(`${counted ? 'counted' : 'repeat'} ${id}\n`);
    }),
  );
}
