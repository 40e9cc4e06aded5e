import type { SplitProposalView } from '../../../shared/contract/index.js';
import { Dec } from '../../../shared/decimal/index.js';
import { t } from '../i18n/index.js';
import { formatDay } from './rates.js';

/**
 * A split proposal in words: `what` ("AAPL: 4-for-1 split from Aug 31, 2020"; a reverse split when the new units are
 * fewer) and `how` (who published it, and what Confirm and Dismiss do).
 */
export function proposalText(p: SplitProposalView, locale: string, provider: string): { what: string; how: string } {
  const reverse = (Dec.tryOf(p.numerator) ?? Dec.ONE).lt(Dec.tryOf(p.denominator) ?? Dec.ONE);
  const vars = {
    symbol: p.symbol,
    // A ratio tells nothing of what is held: shown as published, even in privacy mode.
    numerator: p.numerator,
    denominator: p.denominator,
    day: formatDay(p.date, locale),
    provider,
  };
  return {
    what: t(reverse ? 'activity:proposals.reverse' : 'activity:proposals.split', vars),
    how: t('activity:proposals.how', vars),
  };
}
