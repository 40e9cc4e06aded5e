import type { SplitProposalView } from '../../shared/contract/index.js';
import type { ProposalRow } from './repo.js';

export function proposalView(r: ProposalRow): SplitProposalView {
  return {
    id: r.id,
    symbol: r.symbol,
    date: r.date,
    numerator: r.numerator,
    denominator: r.denominator,
    provider: r.provider,
    state: r.state,
    activityId: r.activity_id,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}
