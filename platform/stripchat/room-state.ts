/**
 * What the room is now, read from Stripchat and kept current by its events: the context (role,
 * user, channel, show status), viewer counts, the tip menu and the extension's settings.
 */
import type { ConnectionStatus, ErrorCode, HostContext, Role, TipMenu, Viewers } from '../model.js';
import type { Answer, Latest, Requests } from '../kit/request.js';
import { isRecord } from '../validate.js';
import { mapContext, mapSettings, mapTipMenu, mapViewers, unwrapContext } from './map.js';

export interface RoomStateHost {
  requests: Requests;
  request(method: string, params: unknown): Promise<Answer>;
  /** The viewers request goes to the client directly (its lane drops stale answers). */
  viewers(): Promise<unknown> | undefined;
  report(code: ErrorCode, message: string, payload?: unknown): void;
  setStatus(status: ConnectionStatus): void;
  patchContext(patch: Partial<HostContext>): void;
  setViewers(viewers: Viewers | null): void;
  setTipMenu(menu: TipMenu): void;
  /** The role changed what this page can do. */
  role(role: Role): void;
}

export class RoomState {
  /** An update event (or a newer fetch) since a request makes its answer stale. */
  private readonly viewersRequest: Latest;
  private showStatus?: string;

  constructor(private readonly host: RoomStateHost) {
    this.viewersRequest = host.requests.latest('v1.ext.viewers.get', () => host.viewers(), (answer) => {
      if (answer.ok) this.applyViewers(answer.value, answer.value);
      else host.report('request-failed', `v1.ext.viewers.get failed: ${answer.error}`);
    });
  }

  /** What each host event about the room does. */
  handlers(): Record<string, (data: unknown) => void> {
    return {
      'v1.ext.context.updated': (data) => this.applyContext(isRecord(data) ? data.context : undefined, data),
      'v1.ext.viewers.updated': (data) => {
        this.viewersRequest.cancel();
        this.applyViewers(isRecord(data) && 'viewers' in data ? data.viewers : undefined, data);
      },
      'v1.tipMenu.updated': (data) => this.applyTipMenu(isRecord(data) ? data.tipMenu : undefined, data),
    };
  }

  /** Reads the context, viewers, tip menu and settings; connected once the context came. */
  async load(): Promise<void> {
    this.viewersRequest.next();
    void this.fetchTipMenu();
    void this.fetchSettings();
    const answer = await this.host.request('v1.ext.context.get', null);
    if (!answer.ok) {
      this.host.setStatus({ state: 'error', reason: 'host-unreachable', detail: `Stripchat did not answer: ${answer.error}` });
      this.host.report('request-failed', `v1.ext.context.get failed: ${answer.error}`);
      return;
    }
    this.applyContext(unwrapContext(answer.value), answer.value);
    this.host.setStatus({ state: 'connected', reason: 'connected' });
  }

  private applyContext(raw: unknown, payload: unknown): void {
    const mapped = mapContext(raw);
    if (!mapped) {
      this.host.report('invalid-payload', 'Stripchat sent a context onair cannot use.', payload);
      return;
    }
    const statusChanged = this.showStatus !== undefined && mapped.showStatus !== this.showStatus;
    this.showStatus = mapped.showStatus;
    this.host.role(mapped.role);
    this.host.patchContext({ role: mapped.role, user: mapped.user, channel: mapped.channel, signIn: mapped.role === 'guest' });
    if (statusChanged) this.viewersRequest.next();
  }

  private applyViewers(raw: unknown, payload: unknown): void {
    const viewers = mapViewers(raw);
    if (viewers === undefined) this.host.report('invalid-payload', 'Stripchat sent viewer counts onair cannot use.', payload);
    else this.host.setViewers(viewers);
  }

  private async fetchTipMenu(): Promise<void> {
    const answer = await this.host.request('v1.tipMenu.get', null);
    if (!answer.ok) this.host.report('request-failed', `v1.tipMenu.get failed: ${answer.error}`);
    else this.applyTipMenu(isRecord(answer.value) ? answer.value.tipMenu : undefined, answer.value);
  }

  private applyTipMenu(raw: unknown, payload: unknown): void {
    const mapped = mapTipMenu(raw);
    if (!mapped) {
      this.host.report('invalid-payload', 'Stripchat sent a tip menu onair cannot use.', payload);
      return;
    }
    if (mapped.skipped > 0) this.host.report('invalid-payload', `${mapped.skipped} tip menu item(s) skipped as malformed.`, payload);
    this.host.setTipMenu(mapped.menu);
  }

  private async fetchSettings(): Promise<void> {
    const answer = await this.host.request('v1.ext.settings.get', null);
    if (!answer.ok) {
      this.host.report('request-failed', `v1.ext.settings.get failed: ${answer.error}`);
      return;
    }
    const settings = mapSettings(answer.value);
    if (settings) this.host.patchContext({ settings });
    else this.host.report('invalid-payload', 'Stripchat sent settings onair cannot use.', answer.value);
  }
}
