// Sends onair messages on each channel's broadcast topic within Twitch's limits. Snapshots
// (`viewers`, one `leaderboard` per window) are marks, not copies: marking one again while it waits
// does nothing, and its data is read from the store only when a send slot is free, so a burst costs
// one message per kind and the message sent is always the latest state. Paid wheel requests are not
// snapshots: each is queued in order and sent before any snapshot. Sends on a channel take slots from
// a budget shared by every instance (the store's sliding window), below Twitch's 100 per minute so the
// broadcaster's page keeps the rest.
import { encodeEnvelope, byteLength, MAX_MESSAGE_BYTES } from './envelope.mjs';

const MAX_WHEEL_QUEUE = 1000;
const MAX_CONCURRENT_SENDS = 64;
const RETRY_MS = 1000;

/**
 * @typedef {(channelId: string, seq: number, from: string) => Promise<string | undefined>} Producer
 *   encodes the current snapshot of one kind, or undefined when there is nothing to send
 */

/**
 * @typedef {object} OutboxOptions
 * @property {import('./store/types.mjs').Store} store
 * @property {(channelId: string, message: string) => Promise<void>} send
 * @property {import('./log.mjs').Logger} log
 * @property {number} budget
 * @property {number} windowMs
 * @property {number} [coalesceMs] how long a first mark waits for others to join it
 */

class ChannelQueue {
  /** @type {Set<string>} snapshot kinds waiting, in marking order */
  marks = new Set();
  /** @type {unknown[]} */
  wheel = [];
  running = false;
}

export class Outbox {
  /** @param {OutboxOptions} options */
  constructor(options) {
    this.options = options;
    /** @type {Map<string, Producer>} kind → producer; the kind is also the envelope's `from` */
    this.producers = new Map();
    /** @type {string[]} kinds in priority order */
    this.order = [];
    /** @type {Map<string, ChannelQueue>} */
    this.channels = new Map();
    this.active = 0;
    /** @type {(() => void)[]} */
    this.waiting = [];
    this.closed = false;
    /** @type {Map<ReturnType<typeof setTimeout>, () => void>} sleeping pumps, woken on close */
    this.timers = new Map();
    /** @type {Set<Promise<void>>} */
    this.pumps = new Set();
    this.stats = { sent: 0, failed: 0 };
  }

  /** @param {string} kind @param {Producer} producer */
  register(kind, producer) {
    this.producers.set(kind, producer);
    this.order.push(kind);
  }

  /** Marks a snapshot kind as changed on a channel. @param {string} channelId @param {string} kind */
  mark(channelId, kind) {
    if (this.closed || !this.producers.has(kind)) return;
    const queue = this.queue(channelId);
    queue.marks.add(kind);
    this.start(channelId, queue);
  }

  /** Queues a paid wheel request for the channel's wheel. @param {string} channelId @param {unknown} payload */
  wheel(channelId, payload) {
    if (this.closed) return;
    const queue = this.queue(channelId);
    if (queue.wheel.length >= MAX_WHEEL_QUEUE) {
      // Still kept in the store: the broadcaster's page reads missed requests from GET /v1/wheel/requests.
      this.options.log.warn('pubsub.wheel-queue-full', { channelId });
      return;
    }
    queue.wheel.push(payload);
    this.start(channelId, queue);
  }

  /** Waits for every queued message to be sent (tests, shutdown). */
  async idle() {
    while (this.pumps.size > 0) await Promise.all([...this.pumps]);
  }

  async close() {
    this.closed = true;
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** @param {string} channelId */
  queue(channelId) {
    let queue = this.channels.get(channelId);
    if (!queue) {
      queue = new ChannelQueue();
      this.channels.set(channelId, queue);
    }
    return queue;
  }

  /** @param {string} channelId @param {ChannelQueue} queue */
  start(channelId, queue) {
    if (queue.running) return;
    queue.running = true;
    const pump = this.pump(channelId, queue)
      .catch((error) => this.options.log.error('pubsub.pump', { channelId, error }))
      .finally(() => {
        queue.running = false;
        this.pumps.delete(pump);
        if (queue.marks.size === 0 && queue.wheel.length === 0) this.channels.delete(channelId);
        else if (!this.closed) this.start(channelId, queue);
      });
    this.pumps.add(pump);
  }

  /** @param {string} channelId @param {ChannelQueue} queue */
  async pump(channelId, queue) {
    await this.sleep(this.options.coalesceMs ?? 0);
    while (!this.closed && (queue.marks.size > 0 || queue.wheel.length > 0)) {
      await this.sleep(await this.sendNext(channelId, queue));
    }
  }

  /**
   * Sends the most urgent waiting message. The message is numbered and read first; the budget slot
   * is taken last, once a connection is free, right before the send, so Twitch sees the sends
   * spaced as the budget counted them. When no slot is free the message is put back and read
   * again later.
   * @param {string} channelId @param {ChannelQueue} queue
   * @returns {Promise<number>} how long to wait before the next one
   */
  async sendNext(channelId, queue) {
    if (queue.wheel.length > 0) {
      const seq = await this.options.store.ticket(channelId, 'ebs.wheel');
      const message = encodeEnvelope({ type: 'wheel.request', seq, from: 'ebs.wheel', payload: queue.wheel[0] });
      const wait = await this.send(channelId, message, 'wheel.request');
      if (wait === 0) queue.wheel.shift();
      return wait;
    }
    const kind = this.order.find((k) => queue.marks.has(k));
    if (!kind) return 0;
    // Unmarked before reading: a change during the read marks it again, so it is sent once more.
    queue.marks.delete(kind);
    const seq = await this.options.store.ticket(channelId, kind);
    const message = await /** @type {Producer} */ (this.producers.get(kind))(channelId, seq, kind);
    if (message === undefined) return 0;
    const wait = await this.send(channelId, message, kind);
    if (wait > 0) queue.marks.add(kind);
    return wait;
  }

  /**
   * @param {string} channelId @param {string} message @param {string} kind
   * @returns {Promise<number>} 0 once sent, else how long to wait before trying again
   */
  async send(channelId, message, kind) {
    await this.acquire();
    try {
      const wait = await this.options.store.takeSlot(channelId, this.options.budget, this.options.windowMs);
      if (wait > 0) return wait;
      return (await this.deliver(channelId, message, kind)) ? 0 : RETRY_MS;
    } finally {
      this.release();
    }
  }

  /** @param {string} channelId @param {string} message @param {string} kind */
  async deliver(channelId, message, kind) {
    if (byteLength(message) > MAX_MESSAGE_BYTES) {
      this.options.log.error('pubsub.oversize', { channelId, kind, bytes: byteLength(message) });
      return true;
    }
    try {
      await this.options.send(channelId, message);
      this.stats.sent += 1;
      return true;
    } catch (error) {
      this.stats.failed += 1;
      this.options.log.warn('pubsub.send-failed', { channelId, kind, error });
      return false;
    }
  }

  async acquire() {
    while (this.active >= MAX_CONCURRENT_SENDS) await new Promise((resolve) => this.waiting.push(() => resolve(undefined)));
    this.active += 1;
  }

  release() {
    this.active -= 1;
    this.waiting.shift()?.();
  }

  /** @param {number} ms */
  sleep(ms) {
    if (ms <= 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(undefined);
      }, ms);
      this.timers.set(timer, () => resolve(undefined));
    });
  }
}
