import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useRef, type FocusEvent, type Key, type RefObject } from 'react';

/** A row to draw: its index in the table's data, its key, and the height of the rows left out just before it. */
export interface TableSlot {
  index: number;
  key: Key;
  gap: number;
}

export interface TableRows {
  slots: TableSlot[];
  /** Height of the rows left out after the last one drawn. */
  after: number;
  /** Ref of each drawn row (with `data-index`): its real height replaces the estimate. */
  measure: (row: HTMLTableRowElement | null) => void;
  /** Whether the rows are taller than the box, so it scrolls (and then takes the focus, for the keyboard). */
  scrollable: boolean;
  /** On the `tbody`: the row holding the focus stays drawn, whatever is scrolled into view. */
  onFocus: (e: FocusEvent<HTMLElement>) => void;
  onBlur: (e: FocusEvent<HTMLElement>) => void;
}

/**
 * The rows of a table to draw: those in view in its scroll box and a few around them (`overscan`), through TanStack
 * Virtual as the History's list; the others are replaced by the height they would take. A row that holds the focus is
 * kept drawn with its two neighbours when it scrolls out of view (else the focus would fall back to the page, and Tab
 * would leave the table), and rows beyond the view are drawn ahead, so moving the focus from row to row by keyboard
 * scrolls the box as it goes. `box` is the element the table scrolls in.
 */
export function useTableRows({
  box,
  count,
  rowHeight,
  keyOf,
  overscan = 6,
}: {
  box: RefObject<HTMLDivElement | null>;
  count: number;
  rowHeight: number;
  keyOf: (index: number) => Key;
  overscan?: number;
}): TableRows {
  const focused = useRef<number | null>(null);
  const rangeExtractor = useCallback((range: Range) => {
    const shown = defaultRangeExtractor(range);
    const f = focused.current;
    if (f === null || f >= range.count) return shown;
    // The focused row and its neighbours: Tab and Shift+Tab then reach the next and previous rows.
    const keep = [f - 1, f, f + 1].filter((i) => i >= 0 && i < range.count && !shown.includes(i));
    return keep.length === 0 ? shown : [...new Set([...shown, ...keep])].sort((a, b) => a - b);
  }, []);
  const v = useVirtualizer({
    count,
    getScrollElement: () => box.current,
    estimateSize: () => rowHeight,
    getItemKey: keyOf,
    overscan,
    rangeExtractor,
  });
  const slots: TableSlot[] = [];
  let end = 0;
  for (const item of v.getVirtualItems()) {
    slots.push({ index: item.index, key: item.key as Key, gap: Math.max(0, item.start - end) });
    end = item.end;
  }
  const total = v.getTotalSize();
  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const row = (e.target as Element).closest('tr[data-index]');
    focused.current = row ? Number(row.getAttribute('data-index')) : null;
  }, []);
  const onBlur = useCallback((e: FocusEvent<HTMLElement>) => {
    if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) focused.current = null;
  }, []);
  return { slots, after: Math.max(0, total - end), measure: v.measureElement, scrollable: total > (v.scrollRect?.height ?? Infinity), onFocus, onBlur };
}
