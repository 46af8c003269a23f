import { ContextConsumer, ContextRoot } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BehaviorSubject, EMPTY, type Observable, type Subscription } from 'rxjs';
import { platformContext } from './context.js';
import type { Platform } from './model.js';
import { pagePlatform } from './page.js';
import { switchTo } from './streams.js';

let liveSubscriptions = 0;

/**
 * A context root replays requests that no provider answered once a provider upgrades, so a widget
 * defined before `<onair-platform>` still finds it. One per document, shared by every copy of onair.
 */
const ROOT_FLAG = Symbol.for('onair-context-root');
const doc = document as Document & { [ROOT_FLAG]?: boolean };
if (!doc[ROOT_FLAG]) {
  doc[ROOT_FLAG] = true;
  new ContextRoot().attach(document.documentElement);
}

/** How many controller-held subscriptions are open on this page (tests and benchmarks check 0). */
export function liveSubscriptionCount(): number {
  return liveSubscriptions;
}

/**
 * Holds one subscription for a component: opened in `hostConnected`, closed in `hostDisconnected`.
 * The only way onair components subscribe, so removal from the DOM always tears everything down.
 */
export class SubscriptionController<T> implements ReactiveController {
  private subscription?: Subscription;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: () => Observable<T>,
    private readonly next: (value: T) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.subscription) return;
    liveSubscriptions += 1;
    this.subscription = this.source().subscribe({ next: (value) => this.next(value) });
    this.subscription.add(() => {
      liveSubscriptions -= 1;
    });
  }

  hostDisconnected(): void {
    const subscription = this.subscription;
    this.subscription = undefined;
    subscription?.unsubscribe();
  }
}

type ProviderAwareHost = ReactiveControllerHost & HTMLElement;

/** True when an `<onair-platform>` encloses `el`, across shadow roots, upgraded or not. */
function insideProvider(el: Element): boolean {
  let node: Node | null = el.parentNode;
  while (node) {
    if (node instanceof Element && node.localName === 'onair-platform') return true;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return false;
}

/**
 * Finds the platform for a component: the nearest `<onair-platform>` through context, else the
 * shared page-level platform. `observe()` binds a stream of it, resubscribing when it changes.
 */
export class PlatformController implements ReactiveController {
  readonly platform$ = new BehaviorSubject<Platform | undefined>(undefined);
  private fromContext = false;
  private connected = false;

  constructor(private readonly host: ProviderAwareHost) {
    new ContextConsumer(host, {
      context: platformContext,
      subscribe: true,
      callback: (platform) => {
        this.fromContext = true;
        this.platform$.next(platform);
      },
    });
    host.addController(this);
  }

  get platform(): Platform | undefined {
    return this.platform$.getValue();
  }

  hostConnected(): void {
    this.connected = true;
    if (this.fromContext || insideProvider(this.host)) return;
    void pagePlatform().then((platform) => {
      if (this.connected && !this.fromContext) this.platform$.next(platform);
    });
  }

  hostDisconnected(): void {
    this.connected = false;
    this.fromContext = false;
  }

  /** Subscribes `next` to `select(platform)` for as long as the host is connected. */
  observe<T>(select: (platform: Platform) => Observable<T>, next: (value: T) => void): SubscriptionController<T> {
    return new SubscriptionController(
      this.host,
      () => this.platform$.pipe(switchTo((platform) => (platform ? select(platform) : EMPTY))),
      next,
    );
  }
}
