import * as de from './locales/de/index.js';
import * as en from './locales/en/index.js';
import type { Shape } from './locales/shape.js';

/**
 * German has exactly the shape of English: a key missing or extra in either fails to compile (and the unit test
 * test/unit/i18n-keys.test.ts checks the same at run time, with the placeholders of every string).
 */
// Spread: i18next keeps (and may extend) the objects it is given; a module namespace is read-only.
export const resources = { en: { ...en }, de: { ...de } } satisfies { en: typeof en; de: Shape<typeof en> };
export const NAMESPACES = Object.keys(en) as (keyof typeof en)[];
