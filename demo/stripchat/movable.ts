/**
 * Mirrors the connection status onto Stripchat's movable-overlay pill (v1.ext.movableOverlay.update).
 * The adapter sends only changes, so this may forward every status.
 */
import type { OnAirPlatformElement } from '../../components/platform/platform.js';
import type { ConnectionState, MovableOverlayState } from '../../platform/model.js';

const PILL: Record<ConnectionState, MovableOverlayState> = {
  connecting: 'connecting',
  connected: 'live',
  reconnecting: 'reconnecting',
  disconnected: 'offline',
  error: 'offline',
  'no-host': 'no-host',
};

const provider = document.getElementById('provider') as OnAirPlatformElement;

async function mirror(): Promise<void> {
  await customElements.whenDefined('onair-platform');
  while (!provider.current) await new Promise((resolve) => setTimeout(resolve, 50));
  const platform = provider.current;
  platform.status$.subscribe((status) => platform.updateMovableOverlay?.(PILL[status.state], status.detail));
}

void mirror();
