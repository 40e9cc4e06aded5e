import { z } from 'zod';
import { ActivityView } from './activities.js';
import { IdempotencyKey } from './common.js';

/**
 * Splits a provider published for an instrument the profile held on the split's date (docs/design.md#split-
 * proposals): proposed to the user, never applied silently. Confirming one records it as a split activity (the same
 * as `activity:record` {type: 'split'}); dismissing it keeps it from being proposed again.
 */
export const SplitProposalView = z.object({
  id: z.string(),
  symbol: z.string(),
  /** The ex-date: the first day traded in the new units. */
  date: z.string(),
  /** numerator new units for every denominator held (2-for-1: "2" and "1"). */
  numerator: z.string(),
  denominator: z.string(),
  /** The provider that published it (yahoo, alpha-vantage, finnhub). */
  provider: z.string(),
  state: z.enum(['proposed', 'confirmed', 'dismissed']),
  /** The split activity a confirmation recorded. */
  activityId: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type SplitProposalView = z.infer<typeof SplitProposalView>;

const ProposalId = z.string().min(1).max(64);

export const corporateChannels = {
  /** Proposals still to decide, oldest split first; `all` lists the decided ones too. */
  'corporate:proposals': {
    auth: 'session',
    request: z.strictObject({ all: z.boolean().optional() }),
    response: z.array(SplitProposalView),
  },
  'corporate:confirm': {
    auth: 'session',
    request: z.strictObject({ id: ProposalId, idempotencyKey: IdempotencyKey }),
    response: z.object({ proposal: SplitProposalView, activity: ActivityView }),
  },
  'corporate:dismiss': { auth: 'session', request: z.strictObject({ id: ProposalId }), response: SplitProposalView },
} as const;
