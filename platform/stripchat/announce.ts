import type { ErrorCode, Tip } from '../model.js';
import type { Answer } from '../kit/request.js';
import { isRecord, text } from '../validate.js';

/** What gets announced in chat (`announce` option): tips this frame shows, results of this page's wheels. */
export const ANNOUNCE_KINDS = ['tips', 'spins'] as const;
export type AnnounceKind = (typeof ANNOUNCE_KINDS)[number];

/** Who speaks (`announce-as` option): the extension's bot, the model, or a system line (`chat`). */
export const ANNOUNCE_VOICES = ['bot', 'model', 'chat'] as const;
export type AnnounceVoice = (typeof ANNOUNCE_VOICES)[number];

export interface AnnouncerOptions {
  kinds: ReadonlySet<AnnounceKind>;
  voice: AnnounceVoice;
  /** `{name}`, `{amount}` and `{message}` are filled in. */
  tipText?: string;
  /** `{label}` is filled in. */
  spinText?: string;
  request(method: string, params: unknown): Promise<Answer>;
  report(code: ErrorCode, message: string): void;
}

export const DEFAULT_TIP_TEXT = '{name} tipped {#accent}{amount} tk{/accent}';
export const DEFAULT_SPIN_TEXT = 'The wheel landed on {#accent}{label}{/accent}';
const MAX_CHAT = 300;
const MAX_ANNOUNCED = 200;

/**
 * Announces in Stripchat's chat, opt-in. Chat messages sent by an extension are local to the viewer
 * whose client sends them, so each viewer's frame announces what it sees itself: set the option on
 * one page per viewer. Text from viewers (names, labels, tip notes) is stripped of `{` and `}`, so it
 * cannot add chat markup or the `{username}` placeholder. Each tip and each spin is announced once.
 */
export class Announcer {
  private readonly announced = new Set<string>();
  private readonly onSpinEnd = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    const spinId = isRecord(detail) ? text(detail.spinId, 128) : undefined;
    const label = isRecord(detail) && isRecord(detail.item) ? text(detail.item.label, 120) : undefined;
    if (spinId === undefined || label === undefined || !this.once(`spin:${spinId}`)) return;
    this.say(fill(this.options.spinText ?? DEFAULT_SPIN_TEXT, { label }));
  };

  constructor(
    private readonly options: AnnouncerOptions,
    private readonly doc: Document = document,
  ) {
    // Every onair wheel on the page tells the document when it stops (a composed, bubbling event).
    if (options.kinds.has('spins')) doc.addEventListener('onair-spin-end', this.onSpinEnd);
  }

  tip(tip: Tip): void {
    if (!this.options.kinds.has('tips') || !this.once(`tip:${tip.id}`)) return;
    this.say(fill(this.options.tipText ?? DEFAULT_TIP_TEXT, { name: tip.user.name, amount: String(tip.amount), message: tip.message ?? '' }));
  }

  dispose(): void {
    this.doc.removeEventListener('onair-spin-end', this.onSpinEnd);
  }

  private once(key: string): boolean {
    if (this.announced.has(key)) return false;
    this.announced.add(key);
    if (this.announced.size > MAX_ANNOUNCED) this.announced.delete(this.announced.values().next().value as string);
    return true;
  }

  private say(message: string): void {
    const { voice } = this.options;
    const [method, params] =
      voice === 'chat'
        ? ['v1.chat.message.send', { message, isAnonymous: true, user: null }]
        : ['v1.chatbot.message.send', { from: voice, message }];
    void this.options.request(method, params).then((answer) => {
      if (!answer.ok) this.options.report('request-failed', `The chat announcement was not sent: ${answer.error}`);
    });
  }
}

/** Fills `{name}`-style fields with text that can carry no chat markup of its own. */
function fill(template: string, fields: Record<string, string>): string {
  const filled = template.replace(/\{(name|amount|message|label)\}/g, (_, key: string) => (fields[key] ?? '').replace(/[{}]/g, ''));
  return filled.slice(0, MAX_CHAT);
}
