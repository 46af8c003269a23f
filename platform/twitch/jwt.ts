import type { Role } from '../model.js';
import { id, isRecord, oneOf, text } from '../validate.js';

/** The claims of a Twitch extension JWT that onair shows. Never verified here: see `readClaims`. */
export interface TwitchClaims {
  role?: 'broadcaster' | 'moderator' | 'viewer' | 'external';
  opaqueUserId?: string;
  userId?: string;
  channelId?: string;
}

const MAX_TOKEN = 8192;
const TWITCH_ROLES = ['broadcaster', 'moderator', 'viewer', 'external'] as const;

/**
 * Decodes the payload (middle segment) of a JWT without checking its signature: the frontend has no
 * secret to check it with. The result labels the UI (a "broadcaster" badge, a send button) and is
 * never proof of anything; Twitch enforces who may send, and an EBS must verify the token itself.
 * Returns `undefined` for anything that is not a three-part token with a JSON object payload.
 */
export function readClaims(token: unknown): TwitchClaims | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(decodeBase64Url(parts[1]));
  } catch {
    return undefined;
  }
  if (!isRecord(payload)) return undefined;
  return {
    role: oneOf(TWITCH_ROLES, payload.role),
    opaqueUserId: text(payload.opaque_user_id, 128),
    userId: id(payload.user_id),
    channelId: id(payload.channel_id),
  };
}

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * The model role for a Twitch identity. An opaque id starting with `A` is a logged-out session
 * without a user id: a `guest`, who cannot spend Bits. `external` is an EBS token, which a viewer's
 * page should never hold; it gets the least a viewer has.
 */
export function modelRole(role: TwitchClaims['role'], opaqueUserId: string | undefined, userId: string | undefined): Role {
  if (opaqueUserId?.startsWith('A') && !userId) return 'guest';
  if (role === 'broadcaster' || role === 'moderator') return role;
  return 'viewer';
}

export function twitchRole(value: unknown): TwitchClaims['role'] {
  return oneOf(TWITCH_ROLES, value);
}

/** What `onAuthorized` says of this viewer. */
export interface Identity {
  /** The token's claims; `undefined` when it could not be read. */
  claims?: TwitchClaims;
  /** `onAuthorized`'s opaque user id. */
  opaqueUserId?: string;
  channelId?: string;
}

/** `onAuthorized`'s payload as an identity; `undefined` without a channel id. */
export function readAuthorization(auth: unknown): Identity | undefined {
  const channelId = isRecord(auth) ? id(auth.channelId) : undefined;
  if (!isRecord(auth) || channelId === undefined) return undefined;
  return { claims: readClaims(auth.token), opaqueUserId: text(auth.userId, 128), channelId };
}

/** The token's claims combined with `Twitch.ext.viewer`, which may change after the token. */
export function viewerIdentity(identity: Identity, viewer: Partial<Twitch.ext.Viewer> | undefined): { role: Role; userId?: string } {
  const claims = identity.claims ?? {};
  const userId = claims.userId ?? id(viewer?.id);
  const opaqueUserId = claims.opaqueUserId ?? identity.opaqueUserId ?? text(viewer?.opaqueId, 128);
  return { role: modelRole(claims.role ?? twitchRole(viewer?.role), opaqueUserId, userId), userId };
}
