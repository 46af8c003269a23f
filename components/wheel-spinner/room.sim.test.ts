/**
 * The room simulator: the wheel's protocol (`room.ts`, `ledger.ts`) driven over a simulated host
 * with one or two authority pages, N viewers, random reloads, drops, duplicates, reordering,
 * storage that is full or throws, clock skew, and adversaries: a streamer who regenerates her chain
 * or reorders her segments while payments wait, and (where the host lets viewers write to the room)
 * viewers who forge announcements, spins and heartbeats. Every run checks the seven guarantees of
 * README "Fairness". Pure logic with a fast stand-in hash, so thousands of seeded runs take seconds;
 * the real SHA-256 path is covered by `fairness.test.ts` and the element's tests.
 */
import { expect } from '@open-wc/testing';
import { seededRandom as prng } from '../../platform/demo/random.js';
import { MAX_QUEUE, PaymentLedger, type LedgerStore } from './ledger.js';
import { WheelAuthority } from './room-authority.js';
import { WheelFollower, outranks, type Announcement, type Crypto, type PaymentIds, type SpinClaim, type Trust } from './room.js';

function fnv(value: string, basis: number): string {
  let h = basis >>> 0;
  for (let i = 0; i < value.length; i += 1) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A stand-in for SHA-256: 64 hex digits, deterministic, cheap. Never used outside this simulator. */
function fakeHash(value: string): string {
  const half = fnv(value, 0x811c9dc5) + fnv(value, 0x9e3779b1);
  return half + half + half + half;
}

const crypto: Crypto = {
  hash: (value) => Promise.resolve(fakeHash(value)),
  hashItems: (items) => Promise.resolve(fakeHash(JSON.stringify(items))),
  draw: (seed, drawId, itemsHash, weights) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const r = (parseInt(fakeHash(`${seed}|${drawId}|${itemsHash}`).slice(0, 8), 16) / 2 ** 32) * total;
    let acc = 0;
    for (let i = 0; i < weights.length; i += 1) {
      acc += weights[i];
      if (r < acc) return Promise.resolve({ index: i, offset: 0.5 });
    }
    return Promise.resolve({ index: weights.length - 1, offset: 0.5 });
  },
};

const HEARTBEAT = 15;
/** Short chains, so runs also cross from one chain to the next. */
const CHAIN = 24;
const SILENCE = 2.5 * HEARTBEAT;
const ITEMS: [string, number][] = [['Hydrate', 1], ['Squats', 2], ['Song', 1], ['Dance', 3], ['Plank', 1]];

interface Scenario {
  seed: number;
  host: 'twitch' | 'stripchat';
  authorities: 1 | 2;
  viewers: number;
  steps: number;
  evilStreamer: boolean;
  evilViewers: boolean;
  faults: boolean;
}

type Message = { kind: 'announce'; announcement: Announcement; forged: boolean } | { kind: 'spin'; claim: SpinClaim; forged: boolean };

/** Storage that can be full (writes fail) or throw on everything, switched by the scenario. */
class FaultyStore implements LedgerStore {
  value: unknown;
  full = false;
  broken = false;
  read() {
    if (this.broken) return undefined;
    return this.value === undefined ? undefined : JSON.parse(JSON.stringify(this.value));
  }
  write(value: unknown) {
    if (this.full || this.broken) return false;
    this.value = JSON.parse(JSON.stringify(value));
    return true;
  }
  remove() {
    if (this.broken) return false;
    this.value = undefined;
    return true;
  }
}

interface AuthorityPage {
  name: string;
  store: FaultyStore;
  authority?: WheelAuthority;
  skew: number;
  /** Announcements of other authority pages on their way to this one. */
  inbox: { announcement: Announcement; at: number }[];
  /** Whether every write since this load worked (a reload then loses nothing). */
  durable: boolean;
}

interface Viewer {
  follower: WheelFollower;
  skew: number;
  inbox: { message: Message; at: number }[];
  /** Draw ids this viewer learned from the host, with the announcement it held then. */
  learned: Map<string, { held?: Announcement; step: number }>;
}

/** What happened, for the checks. */
interface Trace {
  announcedAt: Map<string, number>;
  realAuthorities: Set<string>;
  revealedCommitments: Set<string>;
  spunBy: Map<string, Set<string>>;
  spunCount: Map<string, number>;
  authorityIndex: Map<string, { index: number; commitment: string; itemsHash: string }>;
  verified: Map<string, Set<number>>;
  refused: Set<string>;
  failures: string[];
}

async function runRoom(s: Scenario): Promise<Trace> {
  const rand = prng(s.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
  const trust: Trust = s.host === 'twitch' ? 'room' : 'anchor';
  const mode: PaymentIds = s.host === 'twitch' ? 'host' : 'content';
  const trace: Trace = {
    announcedAt: new Map(),
    realAuthorities: new Set(),
    revealedCommitments: new Set(),
    spunBy: new Map(),
    spunCount: new Map(),
    authorityIndex: new Map(),
    verified: new Map(),
    refused: new Set(),
    failures: [],
  };
  const fail = (what: string) => trace.failures.push(`seed ${s.seed}: ${what}`);
  let now = 0;
  let items = ITEMS;
  let anchor: { announcement: Announcement; expires: number } | undefined;
  const pages: AuthorityPage[] = Array.from({ length: s.authorities }, (_, i) => ({ name: `A${i}`, store: new FaultyStore(), skew: Math.floor(rand() * 600) - 300, inbox: [], durable: true }));
  const newViewer = (): Viewer => ({ follower: new WheelFollower(crypto, trust, mode, SILENCE), skew: Math.floor(rand() * 600) - 300, inbox: [], learned: new Map() });
  const viewers = Array.from({ length: s.viewers }, newViewer);
  const knowItems = async (v: Viewer) => void (await v.follower.knowSegments(items));
  for (const v of viewers) await knowItems(v);

  const open = async (page: AuthorityPage) => {
    const ledger = await PaymentLedger.open(page.store, crypto.hash, hex, CHAIN);
    const identity = { authority: `${page.name}-${hex().slice(0, 8)}`, since: now + page.skew };
    page.authority = new WheelAuthority(ledger, identity, crypto, mode);
    page.durable = ledger.saved;
    trace.realAuthorities.add(identity.authority);
    await page.authority.setItems(items);
    // On the anchored host a page reads the anchor before it leads: a live older authority keeps the lead.
    if (trust === 'anchor' && anchor && anchor.expires > now) page.authority.hear(anchor.announcement, now + page.skew);
    // Like the element, it announces as it opens: its election window starts there.
    announce(page);
  };

  const send = (message: Message) => {
    for (const v of viewers) {
      if (s.faults && rand() < 0.08) continue;
      const copies = s.faults && rand() < 0.08 ? 2 : 1;
      for (let c = 0; c < copies; c += 1) v.inbox.push({ message, at: now + (s.faults ? Math.floor(rand() * 4) : 0) });
    }
  };

  /** What reached an authority page: on the anchored host a room hint, so it reads the anchor then. */
  const hearAuthorities = () => {
    for (const page of pages) {
      const arrived = page.inbox.filter((m) => m.at <= now);
      page.inbox = page.inbox.filter((m) => m.at > now);
      for (const { announcement: sent } of arrived) {
        const announcement = trust === 'anchor' ? (anchor && anchor.expires > now ? anchor.announcement : undefined) : sent;
        const authority = page.authority;
        if (!announcement || !authority) continue;
        authority.hear(announcement, now + page.skew);
        // An older page that leads answers a younger one at once, as the element does.
        if (authority.leads && outranks(authority.identity, announcement)) announce(page);
      }
    }
  };

  const announce = (page: AuthorityPage) => {
    // A page that yielded keeps listening, so it takes the lead back only once the other is gone.
    if (trust === 'anchor' && anchor && anchor.expires > now) page.authority?.hear(anchor.announcement, now + page.skew);
    const announcement = page.authority?.announcement();
    if (!announcement || !page.authority?.leads) return;
    page.authority.announced(now + page.skew, HEARTBEAT);
    if (trace.revealedCommitments.has(announcement.commitment)) fail(`G4: ${page.name} announced commitment ${announcement.commitment.slice(0, 8)} after its seed was revealed`);
    if (!trace.announcedAt.has(announcement.commitment)) trace.announcedAt.set(announcement.commitment, now);
    if (trust === 'anchor') anchor = { announcement, expires: now + 3 * HEARTBEAT };
    else send({ kind: 'announce', announcement, forged: false });
    // The host delivers it to the other authority pages (the election depends on it) a few steps
    // later, so two pages opened together both bind the payments of those steps; on the anchored
    // host it is the room hint that makes them read the anchor then.
    for (const other of pages) if (other !== page && other.authority) other.inbox.push({ announcement, at: now + 1 + Math.floor(rand() * 3) });
  };
  for (const page of pages) await open(page);

  const pay = async (n: number) => {
    const payer = `u${Math.floor(rand() * 5)}`;
    const amount = pick([100, 100, 200]);
    const payment = { id: `tx-${n}`, payer, content: `${payer}|${amount}|tokens|` };
    // Every page of the room sees the host's payment data (some viewers miss it).
    for (const v of viewers) {
      if (s.faults && rand() < 0.1) continue;
      const held = v.follower.held;
      const drawId = await v.follower.learn(payment);
      if (!v.learned.has(drawId)) v.learned.set(drawId, { ...(held ? { held } : {}), step: now });
    }
    for (const page of pages) {
      const authority = page.authority;
      if (!authority) continue;
      const deliveries = s.faults && rand() < 0.1 ? 2 : 1;
      for (let d = 0; d < deliveries; d += 1) {
        const before = authority.ledger.pending.length;
        const answer = await authority.pay(payment);
        if (answer.result === 'full') trace.refused.add(payment.id);
        if (authority.ledger.pending.length > MAX_QUEUE) fail(`G3: queue of ${authority.ledger.pending.length}`);
        if (answer.result === 'queued' && authority.ledger.pending.length !== before + 1) fail('G3: a queued payment is not in the queue');
        if (!authority.ledger.saved) page.durable = false;
      }
    }
  };

  const spin = async (page: AuthorityPage) => {
    const authority = page.authority;
    if (!authority) return;
    const next = authority.next(now + page.skew);
    if (!next) return;
    const winner = await authority.reveal(next);
    if (!authority.ledger.saved) page.durable = false;
    if (!winner) return;
    trace.revealedCommitments.add(next.commitment);
    // The revealed seed is the next commitment: published by this spin.
    if (!trace.announcedAt.has(next.seed)) trace.announcedAt.set(next.seed, now);
    const spunBy = trace.spunBy.get(next.id) ?? new Set();
    spunBy.add(page.name);
    trace.spunBy.set(next.id, spunBy);
    trace.spunCount.set(`${page.name}|${next.id}`, (trace.spunCount.get(`${page.name}|${next.id}`) ?? 0) + 1);
    trace.authorityIndex.set(`${next.drawId}|${next.commitment}|${next.itemsHash}`, { index: winner.index, commitment: next.commitment, itemsHash: next.itemsHash });
    send({ kind: 'spin', claim: { paymentId: next.drawId, seed: next.seed, itemsHash: next.itemsHash, index: winner.index }, forged: false });
  };

  const deliver = async (v: Viewer) => {
    const due = v.inbox.filter((entry) => entry.at <= now);
    v.inbox = v.inbox.filter((entry) => entry.at > now);
    // Reordering: the host may deliver what is due in any order.
    if (s.faults) due.sort(() => rand() - 0.5);
    for (const { message } of due) {
      const local = now + v.skew;
      if (message.kind === 'announce') {
        v.follower.announce(message.announcement, 'room', local);
        continue;
      }
      const held = v.follower.held;
      const answer = await v.follower.spin(message.claim, local);
      if (answer.kind !== 'play') continue;
      if (message.forged && trust === 'anchor') fail(`G5: a viewer's forged spin played (${JSON.stringify(answer)})`);
      if (!answer.verified) continue;
      if (message.forged) fail('G5: a forged spin played as verified');
      const learned = v.learned.get(message.claim.paymentId);
      const free = message.claim.paymentId.startsWith('free-');
      if (!learned && !free) fail(`G1: verified a payment the viewer never learned of (${message.claim.paymentId})`);
      if (learned) {
        const bound = learned.held;
        if (!bound || bound.commitment !== answer.commitment) fail('G1: verified against a commitment other than the one held when the payment came');
        const announced = bound && trace.announcedAt.get(bound.commitment);
        if (bound && (announced === undefined || announced > learned.step)) fail('G1: bound to a commitment not published before the payment');
      }
      const shown = trace.verified.get(message.claim.paymentId) ?? new Set();
      shown.add(answer.index);
      trace.verified.set(message.claim.paymentId, shown);
      if (shown.size > 1) fail(`G2: payment ${message.claim.paymentId} verified with two outcomes`);
      void held;
    }
  };

  let payments = 0;
  let closedAt: number | undefined;
  for (now = 0; now < s.steps; now += 1) {
    for (const page of pages) {
      page.authority?.wake(now + page.skew, SILENCE);
      if (now % HEARTBEAT === 0 || rand() < 0.05) announce(page);
    }
    const r = rand();
    if (r < 0.3) await pay((payments += 1));
    else if (r < 0.33 && !s.evilStreamer) {
      const page = pick(pages);
      page.authority?.free();
    } else if (r < 0.36 && s.faults) {
      // An authority page reloads: same storage, new identity.
      const page = pick(pages);
      if (closedAt === undefined) await open(page);
    } else if (r < 0.39 && s.faults) {
      const page = pick(pages);
      page.store.full = !page.store.full;
    } else if (r < 0.4 && s.faults) {
      const page = pick(pages);
      page.store.broken = !page.store.broken;
    } else if (r < 0.43 && s.faults) {
      viewers[Math.floor(rand() * viewers.length)] = newViewer();
      for (const v of viewers) await knowItems(v);
    } else if (r < 0.47 && s.evilStreamer) {
      // The streamer replaces her chain (and reloads) while payments wait.
      const page = pick(pages);
      if (page.store.value && typeof page.store.value === 'object') (page.store.value as { generator: string }).generator = hex();
      if (closedAt === undefined) await open(page);
    } else if (r < 0.5 && s.evilStreamer) {
      // She reorders her segments (her tip menu) while payments wait.
      items = [...items].sort(() => rand() - 0.5);
      for (const page of pages) await page.authority?.setItems(items);
      for (const v of viewers) await knowItems(v);
      for (const page of pages) announce(page);
    } else if (r < 0.56 && s.evilViewers && trust === 'anchor') {
      // A paying viewer whispers: a forged announcement, a forged spin, or a real spin replayed.
      const kind = rand();
      const forger = { commitment: hex(), itemsHash: pick(viewers).follower.held?.itemsHash ?? hex(), authority: '0-forger', since: -1e12 };
      if (kind < 0.33) send({ kind: 'announce', announcement: forger, forged: true });
      else {
        const learned = [...pick(viewers).learned.keys()];
        const paymentId = learned.length > 0 ? pick(learned) : 'tx-1';
        send({ kind: 'spin', claim: { paymentId, seed: hex(), itemsHash: forger.itemsHash, index: Math.floor(rand() * ITEMS.length) }, forged: true });
      }
    }
    hearAuthorities();
    for (const page of pages) await spin(page);
    for (const v of viewers) await deliver(v);
    if (trust === 'anchor' && anchor && anchor.expires > now) for (const v of viewers) v.follower.announce(anchor.announcement, 'anchor', now + v.skew);
    // Near the end every authority page closes: no viewer may think it is still online.
    if (closedAt === undefined && now >= s.steps - 3 * SILENCE) {
      closedAt = now;
      for (const page of pages) page.authority = undefined;
    }
  }
  for (const v of viewers) {
    if (v.follower.online(now + v.skew)) fail('G5: the authority looks online after its pages closed');
    if (v.follower.held && !trace.realAuthorities.has(v.follower.held.authority)) fail('G7: a viewer holds an announcement no authority made');
  }
  // G3 for the honest, single, durable authority: every payment spun exactly once or refused.
  if (!s.evilStreamer && s.authorities === 1 && pages[0].durable && !s.faults) {
    for (let n = 1; n <= payments; n += 1) {
      const id = `tx-${n}`;
      const count = trace.spunCount.get(`A0|${id}`) ?? 0;
      if (count > 1) fail(`G3: ${id} spun ${count} times`);
    }
  }
  for (const [key, count] of trace.spunCount) if (count > 1) fail(`G3: ${key} spun ${count} times by one page`);
  if (s.authorities === 2 && !s.faults) for (const [id, by] of trace.spunBy) if (by.size > 1) fail(`G6: ${id} spun by both authorities`);
  return trace;
}

function scenario(seed: number): Scenario {
  const rand = prng(seed * 7919);
  return {
    seed,
    host: rand() < 0.5 ? 'twitch' : 'stripchat',
    authorities: rand() < 0.3 ? 2 : 1,
    viewers: 1 + Math.floor(rand() * 4),
    steps: 160,
    evilStreamer: rand() < 0.3,
    evilViewers: rand() < 0.5,
    faults: rand() < 0.6,
  };
}

describe('room simulator: the seven guarantees over seeded runs', () => {
  // Seeds that failed once, each for a real fault: content draw ids reused across commitments (2:
  // one payment verified with two outcomes), an authority that yielded and stopped listening took
  // the lead back while the other still led (3: a payment spun by both).
  for (const seed of [2, 3]) {
    it(`regression: seed ${seed}`, async () => {
      expect((await runRoom(scenario(seed))).failures).to.deep.equal([]);
    });
  }

  it('holds them over 2,000 seeded rooms (hosts, 1–2 authorities, faults, adversaries)', async function () {
    this.timeout(120_000);
    const failures: string[] = [];
    let verified = 0;
    for (let seed = 1; seed <= 2000; seed += 1) {
      const trace = await runRoom(scenario(seed));
      failures.push(...trace.failures);
      verified += trace.verified.size;
      if (failures.length > 20) break;
    }
    expect(failures).to.deep.equal([]);
    // The simulator exercised verification, not only refusals.
    expect(verified).to.be.greaterThan(1000);
  });

  it('an honest room without faults verifies every spin on every viewer that saw the payment', async () => {
    const trace = await runRoom({ seed: 42, host: 'stripchat', authorities: 1, viewers: 3, steps: 200, evilStreamer: false, evilViewers: true, faults: false });
    expect(trace.failures).to.deep.equal([]);
    expect(trace.verified.size).to.be.greaterThan(10);
    expect(trace.spunBy.size).to.equal([...trace.spunBy.keys()].length);
  });
});
