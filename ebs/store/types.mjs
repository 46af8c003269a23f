// The storage interface every store implements. Kept small so a new store (a database) is a
// single file: `file.mjs` (one machine, no setup) and `redis.mjs` (several instances) are the two.

/**
 * @typedef {object} Purchase
 * @property {string} transactionId Twitch's id: the idempotency key
 * @property {string} channelId
 * @property {string} userId
 * @property {string} name the buyer's display name
 * @property {string} sku
 * @property {number} amount Bits
 * @property {number} at when the transaction happened (ms since the epoch)
 * @property {number} keepUntil how long the transaction id must stay remembered (after the receipt expires)
 * @property {boolean} wheel whether the product buys a wheel spin
 */

/**
 * @typedef {object} Entry
 * @property {string} userId
 * @property {string} name
 * @property {number} total
 * @property {string} firstAt ISO time of the buyer's first purchase on the channel
 */

/**
 * @typedef {object} WheelRequest
 * @property {string} paymentId the Bits transaction id
 * @property {string} userId
 * @property {string} name
 * @property {string} sku
 * @property {number} amount
 * @property {string} at ISO time of the purchase
 */

/**
 * @typedef {object} Store
 * @property {(purchase: Purchase) => Promise<boolean>} record counts a purchase once: true the first
 *   time its transaction id is seen (across restarts and instances), false for every repeat
 * @property {(transactionId: string) => Promise<boolean>} seen whether a transaction was counted
 * @property {(channelId: string, window: import('../windows.mjs').LeaderboardWindow, limit: number, now: number) => Promise<Entry[]>} board
 * @property {(channelId: string, sessionId: string) => Promise<boolean>} startSession true when the
 *   channel's session changed (a new stream): the session board starts empty
 * @property {(channelId: string, limit: number) => Promise<WheelRequest[]>} wheelRequests newest first
 * @property {(channelId: string, budget: number, windowMs: number) => Promise<number>} takeSlot takes
 *   one PubSub send from the channel's budget shared by every instance: 0 when taken, else ms to wait
 * @property {(channelId: string, stream: string) => Promise<number>} ticket the next `seq` for a
 *   sender on a channel: grows across instances and restarts (at least the clock, in ms)
 * @property {(name: string, owner: string, ttlMs: number) => Promise<boolean>} lease whether `owner`
 *   holds (or now takes) the named lease: one instance runs each periodic job
 * @property {() => Promise<void>} close
 */

export {};
