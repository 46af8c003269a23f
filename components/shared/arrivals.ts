import { Observable } from 'rxjs';

/**
 * The values a stream emits after subscribing, without the ones it replays on subscribing. A host's
 * `tips$` replays its latest tip to a late subscriber: that tip already happened before the widget
 * existed, so an alert must not celebrate it and a new goal must not count it.
 */
export function arrivals<T>(source: Observable<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let replaying = true;
    const subscription = source.subscribe((value) => {
      if (!replaying) subscriber.next(value);
    });
    replaying = false;
    return subscription;
  });
}
