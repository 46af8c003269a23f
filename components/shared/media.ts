import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks a media query (e.g. `prefers-reduced-motion: reduce`) for a component, listening only
 * while the component is connected.
 */
export class MediaQueryController implements ReactiveController {
  matches = false;
  private readonly query?: MediaQueryList;
  private readonly onChange = (event: MediaQueryListEvent) => {
    this.matches = event.matches;
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    query: string,
  ) {
    this.query = typeof matchMedia === 'function' ? matchMedia(query) : undefined;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.query) return;
    this.matches = this.query.matches;
    this.query.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.onChange);
  }
}
