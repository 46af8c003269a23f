/** Counts requestAnimationFrame calls made by anything on the page during the next `ms`. */
export async function countAnimationFrameRequests(ms: number): Promise<number> {
  let requested = 0;
  const original = window.requestAnimationFrame;
  window.requestAnimationFrame = (callback) => {
    requested += 1;
    return original.call(window, callback);
  };
  await new Promise((resolve) => setTimeout(resolve, ms));
  window.requestAnimationFrame = original;
  return requested;
}
