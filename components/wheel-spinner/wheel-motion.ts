/**
 * The wheel's turn: from where it rests to the winner, eased, joining a spin already under way
 * elsewhere, one animation frame at a time only while it moves and the page is shown (reduced
 * motion: a fade instead). DOM-free apart from `requestAnimationFrame`; the element draws.
 */
import { boundariesPassed, easeOut, indexAt, targetRotation, type Segment } from './wheel-model.js';

/** Reduced motion: the wheel fades out, turns while invisible, and fades back in. */
const FADE_MS = 400;

export interface MotionHost {
  /** True while the host hides the page: frames are skipped, the end timer still ends the spin. */
  readonly paused: boolean;
  /** The wheel turned to `rotation` degrees. */
  turned(rotation: number): void;
  /** A segment boundary passed the pointer; `index` is the segment under it now. */
  ticked(index: number): void;
}

export interface Turn {
  segments: Segment[];
  index: number;
  offset: number;
  durationMs: number;
  turns: number;
  /** Milliseconds that already ran elsewhere. */
  elapsed: number;
  reduced: boolean;
}

interface Active extends Turn {
  from: number;
  to: number;
  startTime: number;
  joinedAt: number;
  ticks: number;
  done: () => void;
}

export class SpinMotion {
  rotation = 0;
  fading = false;
  /** Resolves when the running turn ends (or is cut short). */
  running?: Promise<void>;
  private active?: Active;
  private frame?: number;
  private endTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: MotionHost) {}

  get turning(): Turn | undefined {
    return this.active;
  }

  /** Starts turning to `turn`'s winner; a turn still running ends where it is. */
  start(turn: Turn): Promise<void> {
    this.stop();
    const from = ((this.rotation % 360) + 360) % 360;
    const elapsed = Math.min(turn.elapsed, turn.durationMs);
    let done!: () => void;
    const running = new Promise<void>((resolve) => (done = resolve));
    this.running = running;
    const active: Active = {
      ...turn,
      from,
      to: targetRotation(from, turn.segments[turn.index], turn.offset, turn.turns),
      startTime: performance.now() - elapsed,
      joinedAt: turn.durationMs > 0 ? easeOut(elapsed / turn.durationMs) : 1,
      ticks: boundariesPassed(turn.segments, from),
      done,
    };
    this.rotation = from;
    this.active = active;
    if (elapsed >= turn.durationMs) {
      this.finish(active, false);
      return running;
    }
    if (active.reduced) {
      this.fading = true;
      this.endTimer = setTimeout(() => this.finish(active, true), FADE_MS / 2);
    } else {
      this.endTimer = setTimeout(() => this.finish(active, true), turn.durationMs - elapsed);
      this.resume();
    }
    return running;
  }

  /** Animation frames run only while a spin moves and the host shows the page. */
  resume(): void {
    const active = this.active;
    if (!active || active.reduced || this.frame !== undefined || this.host.paused) return;
    this.frame = requestAnimationFrame(this.onFrame);
  }

  /** Ends the turn now, at its winner, without ticks. */
  stop(): void {
    const active = this.active;
    if (active) this.finish(active, false);
  }

  private readonly onFrame = (now: number) => {
    this.frame = undefined;
    const active = this.active;
    if (!active || this.host.paused) return;
    const t = active.durationMs > 0 ? Math.min(Math.max((now - active.startTime) / active.durationMs, 0), 1) : 1;
    const progress = active.joinedAt >= 1 ? 1 : (easeOut(t) - active.joinedAt) / (1 - active.joinedAt);
    this.moveTo(active, active.from + (active.to - active.from) * Math.max(progress, 0));
    if (t >= 1) this.finish(active, true);
    else this.resume();
  };

  private moveTo(active: Active, rotation: number): void {
    this.rotation = rotation;
    this.host.turned(rotation);
    if (active.reduced) return;
    const ticks = boundariesPassed(active.segments, rotation);
    if (ticks === active.ticks) return;
    active.ticks = ticks;
    this.host.ticked(indexAt(active.segments, rotation));
  }

  private finish(active: Active, withTicks: boolean): void {
    if (this.active !== active) return;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.endTimer);
    this.frame = this.endTimer = undefined;
    this.active = undefined;
    this.fading = false;
    if (withTicks) this.moveTo(active, active.to);
    else {
      this.rotation = active.to;
      this.host.turned(active.to);
    }
    this.running = undefined;
    active.done();
  }
}

/** A moment that switches itself off: the winner's burst. */
export class Celebration {
  on = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly ms: number,
    private readonly changed: () => void,
  ) {}

  start(): void {
    this.stop();
    this.on = true;
    this.timer = setTimeout(() => this.stop(), this.ms);
    this.changed();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.on) return;
    this.on = false;
    this.changed();
  }
}
