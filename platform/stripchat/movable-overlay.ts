import type { ErrorCode, MovableOverlayState } from '../model.js';
import type { Answer } from '../kit/request.js';
import { clip, text } from '../validate.js';

/**
 * Our states → `TMovableOverlayStatus`. Only `active` appears in the docs; the other strings are
 * inferred, and a value the host rejects surfaces as a reported request failure.
 */
const OVERLAY_STATUS: Record<MovableOverlayState, string> = {
  connecting: 'connecting',
  live: 'active',
  reconnecting: 'connecting',
  offline: 'inactive',
  'no-host': 'inactive',
};

export interface MovableOverlayHost {
  request(method: string, params: unknown): Promise<Answer>;
  report(code: ErrorCode, message: string): void;
}

/** Stripchat's movable overlay (`v1.ext.movableOverlay.update`): each change sent once, a failed one again. */
export class MovableOverlay {
  private last?: string;

  constructor(private readonly host: MovableOverlayHost) {}

  update(state: MovableOverlayState, message?: string): void {
    const status = OVERLAY_STATUS[state];
    if (!status) return;
    const params = message === undefined ? { status } : { status, message: clip(text(message, 200) ?? '', 64) };
    const signature = JSON.stringify(params);
    if (signature === this.last) return;
    this.last = signature;
    void this.host.request('v1.ext.movableOverlay.update', params).then((answer) => {
      if (answer.ok) return;
      if (this.last === signature) this.last = undefined;
      this.host.report('request-failed', `The movable overlay was not updated: ${answer.error}`);
    });
  }
}
