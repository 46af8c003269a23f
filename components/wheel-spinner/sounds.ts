/**
 * The wheel's optional sounds, synthesised with Web Audio (no files to load or host): a short
 * click per segment boundary and a two-note chime for the winner. Nothing is created until the
 * first sound, so a wheel with sounds off never opens an audio context.
 */
export class WheelSounds {
  private context?: AudioContext;

  tick(): void {
    this.tone(1800, 0, 0.015, 0.05);
  }

  win(): void {
    this.tone(660, 0, 0.18, 0.12);
    this.tone(990, 0.12, 0.3, 0.12);
  }

  close(): void {
    const context = this.context;
    this.context = undefined;
    void context?.close().catch(() => undefined);
  }

  private tone(frequency: number, delay: number, length: number, volume: number): void {
    const context = this.audio();
    if (!context) return;
    const start = context.currentTime + delay;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(volume, start);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + length);
  }

  private audio(): AudioContext | undefined {
    if (this.context) return this.context;
    if (typeof AudioContext !== 'function') return undefined;
    try {
      this.context = new AudioContext();
      // Pages without a user gesture start suspended; OBS and most overlays allow audio anyway.
      void this.context.resume().catch(() => undefined);
    } catch {
      // Audio is decoration: a page that cannot play it spins silently.
      return undefined;
    }
    return this.context;
  }
}
