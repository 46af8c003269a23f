/**
 * Signed timer announcements, for rooms where viewers can send too (a host that relays a paying
 * viewer's message to the room). The room's authority signs each announcement with an ECDSA P-256
 * key it keeps in localStorage beside the timer; followers pin the first key they hear, accept only what that
 * key signed with a growing sequence number, and take a new key only after the pinned one has been
 * silent for a while (the streamer's storage was cleared, or another device took over). A viewer
 * can then neither forge the time nor replay an older announcement.
 */
import { readStored, writeStored } from '../shared/stored.js';
import type { TimerAnnouncement } from './timer-model.js';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNATURE = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** A P-256 public key, raw (65 bytes), in base64url. */
const KEY = /^[A-Za-z0-9_-]{87}$/;
/** A P-256 signature (64 bytes), in base64url. */
const SIG = /^[A-Za-z0-9_-]{86}$/;

export interface Signature {
  /** The signer's public key. */
  key: string;
  sig: string;
  /** Grows with every announcement of one signer, across its reloads. */
  n: number;
}

/** What is signed: the announcement's fields in a fixed order, and its sequence number. */
function signedBytes(announcement: TimerAnnouncement, n: number): Uint8Array<ArrayBuffer> {
  const { status, remainingMs, durationMs, addedMs, timer } = announcement;
  return new TextEncoder().encode(JSON.stringify(['onair.timer', status, remainingMs, durationMs, addedMs, timer ?? '', n]));
}

function toBase64Url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The authority's key, loaded from `storageKey` or made and stored there. */
export class TimerSigner {
  private n = 0;

  private constructor(
    private readonly privateKey: CryptoKey,
    readonly publicKey: string,
  ) {}

  static async open(storageKey: string): Promise<TimerSigner> {
    const stored = readStored(storageKey) as { privateKey?: JsonWebKey; publicKey?: string } | undefined;
    if (stored?.privateKey && typeof stored.publicKey === 'string' && KEY.test(stored.publicKey)) {
      try {
        const privateKey = await crypto.subtle.importKey('jwk', stored.privateKey, ALGORITHM, false, ['sign']);
        return new TimerSigner(privateKey, stored.publicKey);
      } catch {
        // Unreadable: a new key below. Followers take it once the old one has been silent a while.
      }
    }
    const pair = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const publicKey = toBase64Url(await crypto.subtle.exportKey('raw', pair.publicKey));
    writeStored(storageKey, { privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey), publicKey });
    return new TimerSigner(pair.privateKey, publicKey);
  }

  async sign(announcement: TimerAnnouncement): Promise<Signature> {
    // Wall-clock milliseconds keep the sequence growing across reloads on the streamer's device.
    this.n = Math.max(this.n + 1, Date.now());
    const n = this.n;
    const sig = await crypto.subtle.sign(SIGNATURE, this.privateKey, signedBytes(announcement, n));
    return { key: this.publicKey, sig: toBase64Url(sig), n };
  }
}

/** A follower's check of signed announcements. */
export class SignedRoom {
  private pinned?: string;
  private lastN = 0;
  /** `performance.now()` of the last announcement the pinned key signed. */
  private heardAt = -Infinity;

  constructor(private readonly silenceMs: number) {}

  /**
   * True when `signature` is the pinned key's (or the first key heard, or a new one after the pinned
   * key's silence), valid for `announcement`, and newer than anything accepted before.
   */
  async accept(announcement: TimerAnnouncement, signature: unknown, now: number): Promise<boolean> {
    const parsed = parseSignature(signature);
    if (!parsed) return false;
    const { key, sig, n } = parsed;
    const known = key === this.pinned;
    if (!known && this.pinned !== undefined && now - this.heardAt < this.silenceMs) return false;
    if (known && n <= this.lastN) return false;
    let valid = false;
    try {
      const publicKey = await crypto.subtle.importKey('raw', fromBase64Url(key), ALGORITHM, false, ['verify']);
      valid = await crypto.subtle.verify(SIGNATURE, publicKey, fromBase64Url(sig), signedBytes(announcement, n));
    } catch {
      valid = false;
    }
    // Checked again: another message may have been accepted while this one was being verified.
    if (!valid || (key === this.pinned && n <= this.lastN)) return false;
    this.pinned = key;
    this.lastN = n;
    this.heardAt = now;
    return true;
  }
}

function parseSignature(value: unknown): Signature | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { key, sig, n } = value as Record<string, unknown>;
  if (typeof key !== 'string' || !KEY.test(key) || typeof sig !== 'string' || !SIG.test(sig)) return undefined;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) return undefined;
  return { key, sig, n };
}
