import type { HostContext, PlatformName } from './model.js';

/** Who decides shared outcomes (a wheel's spins) in a room, as seen from this page. */
export interface RoomAuthority {
  /** This page is the room's authority: it alone starts spins, after checking payments. */
  decides: boolean;
  /**
   * Only the authority can send to this room (the host checks the sender), so a room message that
   * claims to come from it does. False where viewers can send too (Stripchat relays a viewer's
   * whisper once it is paid for).
   */
  trustedRoom: boolean;
  /**
   * A spin request that reaches the room's widgets is as good as a payment the host reported: the
   * room is the streamer's own tooling (a Streamer.bot action run by a channel-point redemption),
   * or the adapter passes on only what a verified sender sent (Twitch: the extension backend's
   * requests for receipts it checked; nobody else's).
   */
  requestsFromRoom: boolean;
  /**
   * Payments here are real, so the authority keeps its seed chain and the payments it spun across
   * reloads. The demo's payments are simulated and their ids repeat across page loads.
   */
  keepsChain: boolean;
  /**
   * How a payment is named alike on every page of the room: `host` where every page sees the
   * host's own payment id (Twitch transactions, Streamer.bot events), `content` where the host
   * gives none (Stripchat tips): pages then name it by what the host shows of it.
   */
  paymentIds: 'host' | 'content';
}

/**
 * The one place that decides whether this page is its room's authority. On extension hosts it is
 * the broadcaster's own page (Twitch: the only page allowed to send on the broadcast topic, and it
 * sees every viewer's Bits transaction; Stripchat: the model's pages, which see every tip). On
 * Streamer.bot, StreamNook and a page without a host there are no viewers' frames: the page itself
 * decides. The demo follows its simulated role, so it can show both sides.
 */
export function roomAuthority(name: PlatformName | undefined, context: Pick<HostContext, 'role'> | undefined): RoomAuthority {
  // No platform yet counts as a page without a host.
  switch (name ?? 'no-host') {
    case 'twitch':
      return { decides: context?.role === 'broadcaster', trustedRoom: true, requestsFromRoom: true, keepsChain: true, paymentIds: 'host' };
    case 'stripchat':
      return { decides: context?.role === 'broadcaster', trustedRoom: false, requestsFromRoom: false, keepsChain: true, paymentIds: 'content' };
    case 'demo':
      return { decides: context?.role === 'broadcaster', trustedRoom: true, requestsFromRoom: false, keepsChain: false, paymentIds: 'host' };
    case 'streamerbot':
      return { decides: true, trustedRoom: true, requestsFromRoom: true, keepsChain: true, paymentIds: 'host' };
    case 'streamnook':
      return { decides: true, trustedRoom: true, requestsFromRoom: false, keepsChain: true, paymentIds: 'host' };
    case 'no-host':
      return { decides: true, trustedRoom: true, requestsFromRoom: false, keepsChain: false, paymentIds: 'host' };
  }
}
