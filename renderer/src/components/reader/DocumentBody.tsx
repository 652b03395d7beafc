import {
  type CSSProperties,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { flushSync } from 'react-dom';
import type { ReadingSettings } from '../../../../main/settings/constants.js';
import { currentSection, openFootnote } from '../../reader/reading-state.js';
import { fillOrder, firstPass } from '../../reader/render-order.js';
import type { DocModel } from '../../state/doc-model.js';
import type { Align } from '../../state/navigation.js';
import type { Range } from '../../text/segments.js';
import { FootnotePopover } from './FootnotePopover.js';
import { ChunkView, NO_MARKS } from './UnitView.js';

// The reading pane: the whole text in one scrolling column. It renders progressively — first the
// part or chapter the reader opens at (so that paints at once, already in place), then the rest
// nearest-first in idle time, or at once when the user scrolls towards a unit that is still a
// placeholder. Whatever changes the height of the text (a unit filled in above, a new text size,
// a narrower window) keeps the passage at the top of the pane where it was. Scrolling never
// re-renders the text: the position is read from the DOM once scrolling settles, and the current
// section comes from an IntersectionObserver on the headings.

export interface DocumentHandle {
  /** Brings a block into view; false when the document has no such block. */
  scrollTo(blockId: string, align: Align, options?: { focus?: boolean }): boolean;
  /** The block at the top of the pane. */
  position(): string | null;
  scrollByPage(direction: 1 | -1): void;
  element(): HTMLElement | null;
}

export type Typography = Pick<ReadingSettings, 'fontSize' | 'lineHeight' | 'textWidth' | 'fontFamily'>;

interface DocumentBodyProps {
  model: DocModel;
  startBlockId: string | undefined;
  startAlign: Align;
  typography: Typography;
  marks: ReadonlyMap<string, readonly Range[]>;
  activeBlockId: string | null;
  onPosition: (blockId: string) => void;
  label: string;
  ref?: Ref<DocumentHandle>;
}

/** Characters of text to render per idle step. */
const IDLE_STEP_CHARS = 12000;
const TOP_GAP = 24;
const SETTLE_MS = 150;
/** The section being read is the one whose heading is the last at or above this fraction of the pane. */
const SECTION_BAND = 0.2;

/** Index of the last element whose top is at or above `y` (elements are in document order). */
function lastAtOrAbove(elements: ArrayLike<Element>, y: number): number {
  let lo = 0;
  let hi = elements.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((elements[mid] as Element).getBoundingClientRect().top <= y) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the first element whose bottom is below `y`. */
function firstEndingBelow(elements: ArrayLike<Element>, y: number): number {
  let lo = 0;
  let hi = elements.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((elements[mid] as Element).getBoundingClientRect().bottom > y) {
      found = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

type Anchor = { blockId: string; offset: number };

export function DocumentBody({
  model,
  startBlockId,
  startAlign,
  typography,
  marks,
  activeBlockId,
  onPosition,
  label,
  ref,
}: DocumentBodyProps) {
  const { chunks } = model;
  const scroller = useRef<HTMLElement>(null);
  const article = useRef<HTMLDivElement>(null);
  const startChunk = (startBlockId !== undefined ? model.chunkOfBlock.get(startBlockId) : undefined) ?? 0;
  const order = useMemo(() => fillOrder(chunks.length, startChunk), [chunks.length, startChunk]);
  const [rendered, setRendered] = useState<ReadonlySet<number>>(() => firstPass(chunks, startChunk));
  const pendingScroll = useRef<{ blockId: string; align: Align; focus: boolean } | null>(
    startBlockId !== undefined ? { blockId: startBlockId, align: startAlign, focus: false } : null,
  );
  /** Opened at its first position: from then on positions are reported. */
  const restored = useRef(false);
  /** The passage to keep in place while the text's height changes. */
  const anchor = useRef<Anchor | null>(null);
  /** The user is scrolling (the anchor is being left behind on purpose). */
  const scrolling = useRef(false);
  /** Where our own last scroll went: its scroll event is not the user's. */
  const ownScroll = useRef<number | null>(null);
  const lastRendered = useRef(rendered);
  /**
   * After a jump to a heading, that heading's section is the current one until the user scrolls,
   * even when the next heading follows closely (a chapter title and its first section).
   */
  const heldSection = useRef<{ scrollTop: number } | null>(null);
  const onPositionRef = useRef(onPosition);
  onPositionRef.current = onPosition;

  const findBlock = useCallback((blockId: string): HTMLElement | null => {
    const el = document.getElementById(blockId);
    return el !== null && scroller.current?.contains(el) ? el : null;
  }, []);

  const offsetOf = useCallback(
    (el: Element) => el.getBoundingClientRect().top - (scroller.current?.getBoundingClientRect().top ?? 0),
    [],
  );

  const topBlock = useCallback((): string | null => {
    const pane = scroller.current;
    if (pane === null) return null;
    const blocks = pane.querySelectorAll<HTMLElement>('[data-block-id]');
    // The same line a jump puts its target on: reopening there finds the same block again.
    const index = firstEndingBelow(blocks, pane.getBoundingClientRect().top + TOP_GAP + 1);
    return (index >= 0 ? blocks[index]?.dataset.blockId : undefined) ?? null;
  }, []);

  const captureAnchor = useCallback(() => {
    const blockId = topBlock();
    const el = blockId !== null ? findBlock(blockId) : null;
    anchor.current = blockId !== null && el !== null ? { blockId, offset: offsetOf(el) } : null;
  }, [topBlock, findBlock, offsetOf]);

  const holdAnchor = useCallback(() => {
    const pane = scroller.current;
    const held = anchor.current;
    if (pane === null || held === null) return;
    const el = findBlock(held.blockId);
    if (el === null) return;
    const drift = offsetOf(el) - held.offset;
    if (Math.abs(drift) < 1) return;
    pane.scrollTop += drift;
    ownScroll.current = pane.scrollTop;
    if (heldSection.current !== null) heldSection.current.scrollTop = pane.scrollTop;
  }, [findBlock, offsetOf]);

  const updateSection = useCallback(() => {
    const pane = scroller.current;
    if (pane === null) return;
    if (heldSection.current !== null) {
      if (Math.abs(pane.scrollTop - heldSection.current.scrollTop) < 2) return;
      heldSection.current = null;
    }
    const box = pane.getBoundingClientRect();
    const headings = pane.querySelectorAll<HTMLElement>('[data-section-id]');
    const index = lastAtOrAbove(headings, box.top + box.height * SECTION_BAND);
    const heading = index >= 0 ? headings[index] : headings[0];
    currentSection.set(heading?.dataset.sectionId ?? null);
  }, []);

  const place = useCallback(
    (el: HTMLElement, align: Align, focus: boolean, flash: boolean) => {
      const pane = scroller.current;
      if (pane === null) return;
      const gap = align === 'center' ? Math.max(TOP_GAP, (pane.clientHeight - el.offsetHeight) / 3) : TOP_GAP;
      pane.scrollTop = Math.max(0, offsetOf(el) + pane.scrollTop - gap);
      ownScroll.current = pane.scrollTop;
      anchor.current = { blockId: el.id, offset: offsetOf(el) };
      heldSection.current = null;
      updateSection();
      const section = el.dataset.sectionId;
      if (section !== undefined) {
        currentSection.set(section);
        heldSection.current = { scrollTop: pane.scrollTop };
      }
      if (focus) {
        if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
        el.focus({ preventScroll: true });
      }
      if (!flash) return;
      // A brief tint shows where the jump landed.
      el.classList.remove('is-target');
      void el.offsetWidth;
      el.classList.add('is-target');
      el.addEventListener('animationend', () => el.classList.remove('is-target'), { once: true });
    },
    [offsetOf, updateSection],
  );

  /** Renders more units now, keeping the passage at the top of the pane in place. */
  const fill = useCallback(
    (indexes: readonly number[]) => {
      if (restored.current && pendingScroll.current === null) captureAnchor();
      flushSync(() =>
        setRendered((set) => {
          if (indexes.every((i) => set.has(i))) return set;
          return new Set([...set, ...indexes]);
        }),
      );
    },
    [captureAnchor],
  );

  const scrollTo = useCallback(
    (blockId: string, align: Align, options?: { focus?: boolean }) => {
      const chunk = model.chunkOfBlock.get(blockId);
      if (chunk === undefined) return false;
      openFootnote.set(null);
      const el = findBlock(blockId);
      if (el !== null) {
        place(el, align, options?.focus ?? false, true);
        return true;
      }
      pendingScroll.current = { blockId, align, focus: options?.focus ?? false };
      setRendered((set) => (set.has(chunk) ? set : new Set(set).add(chunk)));
      return true;
    },
    [model, findBlock, place],
  );

  useImperativeHandle(
    ref,
    (): DocumentHandle => ({
      scrollTo,
      position: topBlock,
      scrollByPage(direction) {
        const pane = scroller.current;
        if (pane === null) return;
        const line = typography.fontSize * typography.lineHeight;
        pane.scrollBy({
          top: direction * Math.max(line, pane.clientHeight - line * 1.5),
          behavior: 'instant',
        });
      },
      element: () => scroller.current,
    }),
    [scrollTo, topBlock, typography],
  );

  // After every commit: a jump that waited for its unit, the opening position, or the anchor.
  useLayoutEffect(() => {
    const pending = pendingScroll.current;
    if (pending !== null) {
      const el = findBlock(pending.blockId);
      if (el !== null) {
        pendingScroll.current = null;
        // Opening at the saved position is not a jump: no highlight.
        place(el, pending.align, pending.focus, restored.current);
      }
    } else if (lastRendered.current !== rendered) {
      // Chunks were filled in (fill() noted the anchor just before): keep it in place.
      holdAnchor();
    }
    lastRendered.current = rendered;
    if (!restored.current && pendingScroll.current === null) {
      restored.current = true;
      updateSection();
      const blockId = startBlockId ?? topBlock();
      if (blockId != null) onPositionRef.current(blockId);
    }
  });

  // Anything else that changes the text's height (text size, window width) keeps the anchor too.
  useEffect(() => {
    const body = article.current;
    if (body === null) return;
    const observer = new ResizeObserver(() => {
      if (pendingScroll.current === null && !scrolling.current) holdAnchor();
    });
    observer.observe(body);
    return () => observer.disconnect();
  }, [holdAnchor]);

  // Fill in the remaining chunks, nearest first, while the browser is idle.
  useEffect(() => {
    if (rendered.size >= chunks.length) return;
    const idle =
      window.requestIdleCallback ??
      ((cb: IdleRequestCallback) => setTimeout(() => cb({ didTimeout: true, timeRemaining: () => 8 }), 16));
    const cancel = window.cancelIdleCallback ?? clearTimeout;
    const handle = idle(
      (deadline) => {
        const next: number[] = [];
        let chars = 0;
        for (const index of order) {
          if (rendered.has(index)) continue;
          next.push(index);
          chars += chunks[index]?.chars ?? 0;
          if (chars >= IDLE_STEP_CHARS || (!deadline.didTimeout && deadline.timeRemaining() < 2)) break;
        }
        fill(next);
      },
      { timeout: 300 },
    );
    return () => cancel(handle);
  }, [rendered, order, chunks, fill]);

  // Placeholders about to scroll into view are rendered at once.
  useEffect(() => {
    const pane = scroller.current;
    if (pane === null || rendered.size >= chunks.length) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const wanted = entries
          .filter((e) => e.isIntersecting)
          .map((e) => Number((e.target as HTMLElement).dataset.chunk));
        if (wanted.length > 0) fill(wanted);
      },
      { root: pane, rootMargin: '800px 0px' },
    );
    for (const el of pane.querySelectorAll('.unit-placeholder')) observer.observe(el);
    return () => observer.disconnect();
  }, [rendered, chunks.length, fill]);

  // The current section: recomputed when a heading crosses the top band of the pane. New chunks
  // bring new headings, hence `rendered` among the dependencies.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `rendered` triggers observing new headings.
  useEffect(() => {
    const pane = scroller.current;
    if (pane === null) return;
    const observer = new IntersectionObserver(() => updateSection(), {
      root: pane,
      rootMargin: `0px 0px -${Math.round((1 - SECTION_BAND) * 100)}% 0px`,
    });
    for (const el of pane.querySelectorAll('[data-section-id]')) observer.observe(el);
    return () => observer.disconnect();
  }, [updateSection, rendered]);

  // The reading position, once scrolling settles: reported, and kept as the anchor.
  useEffect(() => {
    const pane = scroller.current;
    if (pane === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      if (ownScroll.current !== null && Math.abs(pane.scrollTop - ownScroll.current) < 1)
        ownScroll.current = null;
      else scrolling.current = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        scrolling.current = false;
        if (!restored.current) return;
        captureAnchor();
        updateSection();
        const blockId = anchor.current?.blockId;
        if (blockId !== undefined) onPositionRef.current(blockId);
      }, SETTLE_MS);
    };
    pane.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      pane.removeEventListener('scroll', onScroll);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [captureAnchor, updateSection]);

  // Marks and the active hit, split per chunk so that only the chunks concerned re-render.
  const chunkMarks = useMemo(() => {
    const byChunk = new Map<number, Map<string, readonly Range[]>>();
    for (const [blockId, ranges] of marks) {
      const chunk = model.chunkOfBlock.get(blockId);
      if (chunk === undefined) continue;
      let map = byChunk.get(chunk);
      if (map === undefined) {
        map = new Map();
        byChunk.set(chunk, map);
      }
      map.set(blockId, ranges);
    }
    return byChunk;
  }, [marks, model]);
  const activeChunk = activeBlockId !== null ? model.chunkOfBlock.get(activeBlockId) : undefined;

  // The typography is set here, on the pane, so the very first layout already has it.
  const style = {
    '--reading-font-size': `${typography.fontSize}px`,
    '--reading-line-height': String(typography.lineHeight),
    '--reading-measure': `${typography.textWidth}em`,
    '--reading-measure-chars': String(typography.textWidth),
  } as CSSProperties;

  return (
    <main
      id="main"
      ref={scroller}
      className="reading-pane"
      tabIndex={-1}
      lang={model.payload.meta.lang === 'en' ? 'en' : 'zh-CN'}
      aria-label={label}
      style={style}
      data-font={typography.fontFamily}
      data-complete={rendered.size >= chunks.length ? 'true' : undefined}
    >
      <div className="reader-article" ref={article}>
        {chunks.map((chunk) =>
          rendered.has(chunk.index) ? (
            <ChunkView
              key={chunk.index}
              chunk={chunk}
              marks={chunkMarks.get(chunk.index) ?? NO_MARKS}
              activeBlockId={activeChunk === chunk.index ? activeBlockId : null}
            />
          ) : (
            <div
              key={chunk.index}
              className="unit-placeholder"
              data-chunk={chunk.index}
              aria-hidden="true"
              // Roughly as tall as the chunk will be, so the scroll bar barely moves.
              style={{ '--unit-chars': chunk.chars, '--unit-blocks': chunk.blockCount } as CSSProperties}
            />
          ),
        )}
        <FootnotePopover container={article} />
      </div>
    </main>
  );
}
