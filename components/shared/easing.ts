/** Cubic ease-out: fast start, gentle stop. The one curve onair animates numbers and the wheel with. */
export const easeOut = (t: number) => 1 - (1 - t) ** 3;
