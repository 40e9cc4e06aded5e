import { useEffect, useRef, useState } from 'react';
import { t } from '../i18n/index.js';
import { useCorporate } from '../stores/corporate.js';

/** Counts the sidebar shows beside a page's name. */
export type BadgeId = 'proposals';

/**
 * Split proposals still to decide (docs/design.md#split-proposals), shown beside Portfolio, whose notice lists them.
 * The corporate store reads them again on the `corporate:proposals` event (a sync proposed one, one was decided in
 * another window) and after a confirmation or dismissal here: no polling. Null until the first answer.
 */
export function useBadgeCount(id: BadgeId | undefined): number | null {
  const count = useCorporate((s) => (s.loaded ? s.proposals.length : null));
  return id === 'proposals' ? count : null;
}

/** Loads what the badges count (the sidebar mounts once per sign-in and unlock). */
export function useLoadBadges(): void {
  useEffect(() => {
    if (!useCorporate.getState().loaded) void useCorporate.getState().load();
  }, []);
}

/** The badge's words, read with the page's name: ", 2 splits to decide". */
export function badgeText(id: BadgeId, count: number): string {
  return t(`nav:badges.${id}`, { count });
}

/**
 * What a screen reader hears when proposals arrive while the app is open: "1 split proposal to decide", once per
 * rise of the count. Nothing at sign-in (the count is there to read on the Portfolio link) and nothing when one is
 * decided (the notice itself says what was done).
 */
export function useBadgeAnnouncement(): string {
  const count = useCorporate((s) => (s.loaded ? s.proposals.length : null));
  const last = useRef<number | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (count === null) return;
    if (last.current !== null && count > last.current) setMessage(t('nav:badges.arrived', { count }));
    last.current = count;
  }, [count]);
  return message;
}
