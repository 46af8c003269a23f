import { distinctUntilChanged, map, type Observable } from 'rxjs';
import { shareLatest } from './streams.js';

/**
 * A narrow view of a stream: maps, drops repeats, and shares one upstream subscription among all
 * subscribers while any exist (`refCount`), replaying the latest value to late ones.
 */
export function select<T, R>(
  source$: Observable<T>,
  project: (value: T) => R,
  equal: (a: R, b: R) => boolean = Object.is,
): Observable<R> {
  return source$.pipe(
    map(project),
    distinctUntilChanged(equal),
    shareLatest(),
  );
}
