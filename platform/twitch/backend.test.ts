import { expect } from '@open-wc/testing';
import { TwitchBackend, backendUrl } from './backend.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A scripted backend: each request takes the next answer (a status and JSON body, or a network error). */
function scripted(answers: ({ status: number; body?: unknown } | 'network-error')[]) {
  const seen: Seen[] = [];
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift();
    if (!answer || answer === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { seen, fetch: fakeFetch };
}

const TOKEN = 'aaa.bbb.ccc';
const RECEIPT = 'rrr.sss.ttt';

function backend(answers: Parameters<typeof scripted>[0], token = TOKEN) {
  const { seen, fetch } = scripted(answers);
  const sleeps: number[] = [];
  const client = new TwitchBackend('https://ebs.example.com', {
    token: () => token,
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    maxAttempts: 4,
  });
  return { client, seen, sleeps };
}

describe('TwitchBackend (frame side of the onair EBS)', () => {
  it('accepts https backends and localhost while developing, nothing else', () => {
    expect(backendUrl('https://ebs.example.com/')).to.equal('https://ebs.example.com');
    expect(backendUrl('https://ebs.example.com/onair/')).to.equal('https://ebs.example.com/onair');
    expect(backendUrl('http://localhost:8080')).to.equal('http://localhost:8080');
    expect(backendUrl('http://ebs.example.com')).to.equal(undefined);
    expect(backendUrl('javascript:alert(1)')).to.equal(undefined);
    expect(backendUrl('https://user:pass@ebs.example.com')).to.equal(undefined);
    expect(backendUrl('https://ebs.example.com/?x=1')).to.equal(undefined);
    expect(backendUrl(42)).to.equal(undefined);
  });

  it('posts the receipt with the extension token and reports it counted', async () => {
    const { client, seen } = backend([{ status: 200, body: { status: 'counted', transactionId: 'tx-1', amount: 500, wheel: true } }]);
    const outcome = await client.postReceipt(RECEIPT);
    expect(outcome).to.deep.equal({ status: 'counted', transactionId: 'tx-1', amount: 500, wheel: true });
    expect(seen).to.have.length(1);
    expect(seen[0].url).to.equal('https://ebs.example.com/v1/bits');
    expect(seen[0].method).to.equal('POST');
    expect(seen[0].headers.Authorization).to.equal(`Bearer ${TOKEN}`);
    expect(seen[0].headers['Content-Type']).to.equal('application/json');
    expect(seen[0].body).to.deep.equal({ receipt: RECEIPT });
  });

  it('posts again after the wait the backend asks for while the purchase is pending', async () => {
    const { client, seen, sleeps } = backend([
      { status: 202, body: { status: 'pending', transactionId: 'tx-2', retryAfterMs: 1500 } },
      { status: 503, body: { error: 'twitch_unavailable', retryAfterMs: 4000 } },
      { status: 200, body: { status: 'counted', transactionId: 'tx-2', amount: 100, wheel: false } },
    ]);
    const outcome = await client.postReceipt(RECEIPT);
    expect(outcome.status).to.equal('counted');
    expect(sleeps).to.deep.equal([1500, 4000]);
    expect(seen).to.have.length(3);
  });

  it('stops at "already counted" and at a refusal, without retrying', async () => {
    const duplicate = backend([{ status: 409, body: { error: 'already_counted', transactionId: 'tx-3' } }]);
    expect(await duplicate.client.postReceipt(RECEIPT)).to.deep.equal({ status: 'duplicate', transactionId: 'tx-3' });
    expect(duplicate.seen).to.have.length(1);

    const refused = backend([{ status: 403, body: { error: 'channel_mismatch' } }]);
    expect(await refused.client.postReceipt(RECEIPT)).to.deep.equal({ status: 'refused', reason: 'channel_mismatch' });
    expect(refused.seen).to.have.length(1);
  });

  it('backs off while the backend is unreachable, then reports failure without the token or receipt', async () => {
    const { client, seen, sleeps } = backend(['network-error', 'network-error', 'network-error', 'network-error']);
    const outcome = await client.postReceipt(RECEIPT);
    expect(outcome.status).to.equal('failed');
    expect(seen).to.have.length(4);
    expect(sleeps).to.deep.equal([2000, 4000, 8000]);
    const described = JSON.stringify(outcome);
    expect(described).not.to.include(TOKEN);
    expect(described).not.to.include(RECEIPT);
  });

  it('sends nothing without a token, and stops when the token is refused', async () => {
    const none = backend([], '');
    expect((await none.client.postReceipt(RECEIPT)).status).to.equal('failed');
    expect(none.seen).to.have.length(0);

    const refused = backend([{ status: 401, body: { error: 'unauthorized' } }]);
    expect(await refused.client.postReceipt(RECEIPT)).to.deep.equal({ status: 'failed', reason: 'no valid extension token' });
    expect(refused.seen).to.have.length(1);
  });

  it('posts again with the next token when the backend refuses an expired one', async () => {
    const { seen, fetch } = scripted([
      { status: 401, body: { error: 'unauthorized' } },
      { status: 200, body: { status: 'counted', transactionId: 'tx-4', amount: 100, wheel: false } },
    ]);
    let token = 'old.token.aaaaaaaaaaaaaaaa';
    const asked: (string | undefined)[] = [];
    const client = new TwitchBackend('https://ebs.example.com', {
      token: () => token,
      fetch,
      sleep: async () => {},
      freshToken: async (stale) => {
        asked.push(stale);
        token = 'new.token.bbbbbbbbbbbbbbbb';
        return true;
      },
    });
    expect((await client.postReceipt(RECEIPT)).status).to.equal('counted');
    expect(asked).to.deep.equal(['old.token.aaaaaaaaaaaaaaaa']);
    expect(seen.map((s) => s.headers.Authorization)).to.deep.equal(['Bearer old.token.aaaaaaaaaaaaaaaa', 'Bearer new.token.bbbbbbbbbbbbbbbb']);
  });

  it('gives up when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { client, seen } = backend([{ status: 200, body: {} }]);
    expect(await client.postReceipt(RECEIPT, controller.signal)).to.deep.equal({ status: 'failed', reason: 'aborted' });
    expect(seen).to.have.length(0);
  });

  it('reads again with the next token when the backend refused an expired one', async () => {
    const { seen, fetch } = scripted([
      { status: 401, body: { error: 'unauthorized' } },
      { status: 200, body: { requests: [] } },
    ]);
    let token = 'old.token.aaaaaaaaaaaaaaaa';
    const client = new TwitchBackend('https://ebs.example.com', {
      token: () => token,
      fetch,
      freshToken: async () => {
        token = 'new.token.bbbbbbbbbbbbbbbb';
        return true;
      },
    });
    expect(await client.wheelRequests()).to.deep.equal([]);
    expect(seen.map((s) => s.headers.Authorization)).to.deep.equal(['Bearer old.token.aaaaaaaaaaaaaaaa', 'Bearer new.token.bbbbbbbbbbbbbbbb']);
  });

  it('reads a board for a page that loads late, ranked, leaving malformed entries out', async () => {
    const { client, seen } = backend([
      {
        status: 200,
        body: {
          window: '7d',
          entries: [
            { userId: '2', name: 'Bo', total: 100, firstAt: '2026-01-02T00:00:00Z' },
            { userId: '1', name: 'Ann', total: 500, firstAt: '2026-01-01T00:00:00Z' },
            { userId: '3', name: '<img src=x onerror=alert(1)>', total: 'lots' },
          ],
        },
      },
      { status: 200, body: { window: '30d', entries: [] } },
      { status: 500, body: { error: 'internal' } },
    ]);
    const board = await client.leaderboard('7d', 10);
    expect(seen[0].url).to.equal('https://ebs.example.com/v1/leaderboard?window=7d&limit=10');
    expect(seen[0].method).to.equal('GET');
    expect(board?.entries.map((e) => [e.rank, e.name, e.total])).to.deep.equal([
      [1, 'Ann', 500],
      [2, 'Bo', 100],
    ]);
    expect(board?.skipped).to.equal(1);
    expect(await client.leaderboard('7d')).to.equal(undefined);
    expect(await client.leaderboard('7d')).to.equal(undefined);
  });

  it('reads the paid spin requests the broadcaster page may have missed', async () => {
    const { client } = backend([
      {
        status: 200,
        body: {
          requests: [
            { paymentId: 'tx-9', userId: '8', name: 'Cy', sku: 'spin', amount: 200, at: '2026-01-01T00:00:00Z' },
            { paymentId: 'tx-8', userId: '8', sku: 'spin', amount: -5, at: '2026-01-01T00:00:00Z' },
          ],
        },
      },
      { status: 403, body: { error: 'broadcaster_only' } },
    ]);
    expect(await client.wheelRequests()).to.deep.equal([
      { paymentId: 'tx-9', userId: '8', name: 'Cy', sku: 'spin', amount: 200, at: '2026-01-01T00:00:00Z' },
    ]);
    expect(await client.wheelRequests()).to.equal(undefined);
  });

  it('a backend that lists more requests than asked yields only the newest asked for (5,000 listed, 20 spins)', async () => {
    const listed = Array.from({ length: 5_000 }, (_, i) => ({ paymentId: `tx-${i}`, userId: '8', name: 'Cy', sku: 'spin', amount: 200, at: '2026-01-01T00:00:00Z' }));
    const { client } = backend([{ status: 200, body: { requests: listed } }]);
    const requests = await client.wheelRequests(20);
    expect(requests?.map((r) => r.paymentId)).to.deep.equal(listed.slice(0, 20).map((r) => r.paymentId));
  });
});
