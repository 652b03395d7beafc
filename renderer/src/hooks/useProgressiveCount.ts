import { useEffect, useState } from 'react';

/**
 * How many items of a long list to render: the first `first` at once, the rest right after the
 * browser has painted them. A new `list` starts over. The search panel answers a keystroke with up
 * to 100 hits; the first screenful is what the reader is waiting for.
 */
export function useProgressiveCount(list: unknown, total: number, first: number): number {
  const [complete, setComplete] = useState<unknown>(null);
  useEffect(() => {
    if (total <= first) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the next frame is painted (a timeout queued from requestAnimationFrame runs after it).
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setComplete(list), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [list, total, first]);
  return complete === list ? total : Math.min(total, first);
}
