/** The part of spin-wheel's API the wheel benchmark uses (the package ships no types). */
declare module 'spin-wheel' {
  export class Wheel {
    constructor(container: Element, props?: { items?: { label: string; backgroundColor?: string }[]; [key: string]: unknown });
    spinToItem(
      itemIndex: number,
      duration?: number,
      spinToCenter?: boolean,
      numberOfRevolutions?: number,
      direction?: 1 | -1,
      easingFunction?: ((n: number) => number) | null,
    ): void;
    /** Called when a spin comes to rest. */
    onRest: ((event: unknown) => void) | null;
    remove(): void;
  }
}
