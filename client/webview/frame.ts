/**
 * Work for the next frame: `fn` runs once, when the next animation frame
 * starts or after `fallbackMs` if no frame comes (a hidden page gets none),
 * whichever is first. Returns what cancels it.
 */
export function atNextFrame(fn: () => void, fallbackMs: number): () => void {
  let done = false;
  const cancel = (): void => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  const run = (): void => {
    if (done) return;
    cancel();
    fn();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, fallbackMs);
  return cancel;
}
