import { afterEach, describe, expect, it } from 'vitest';
import type { InstrumentView, SplitProposalView } from '../../shared/contract/index.js';
import { buildCorporate, corporateEffect, corporateRecorded, type CorporateFields } from '../../renderer/src/format/corporate-draft.js';
import { describeCorporateError, describeProposalError } from '../../renderer/src/format/corporate-errors.js';
import { proposalText } from '../../renderer/src/format/corporate-proposals.js';
import { applyLanguage } from '../../renderer/src/i18n/index.js';

const instrument = (symbol: string): InstrumentView =>
  ({ id: symbol, symbol, name: symbol, assetClass: 'stock', quoteCurrency: 'USD' }) as unknown as InstrumentView;
const CATALOGUE = [instrument('AAPL'), instrument('META'), instrument('FB')];
const TODAY = '2026-12-07';
const fields = (patch: Partial<CorporateFields>): CorporateFields => ({
  kind: 'split',
  symbol: 'AAPL',
  date: '2024-06-10',
  numerator: '2',
  denominator: '1',
  newSymbol: 'META',
  note: '',
  ...patch,
});
const build = (patch: Partial<CorporateFields>, locale = 'en-US') => buildCorporate(fields(patch), CATALOGUE, TODAY, locale);

afterEach(() => applyLanguage('en'));

describe('corporate action drafts', () => {
  it('makes the contract request of each kind, a reverse split as a split with fewer new units', () => {
    expect(build({}).draft).toEqual({ type: 'split', symbol: 'AAPL', date: '2024-06-10', numerator: '2', denominator: '1' });
    expect(build({ kind: 'reverse-split', numerator: '1', denominator: '10' }).draft).toEqual({
      type: 'split', symbol: 'AAPL', date: '2024-06-10', numerator: '1', denominator: '10',
    });
    expect(build({ kind: 'stock-dividend', numerator: '1', denominator: '20', note: '  bonus ' }).draft).toEqual({
      type: 'stock-dividend', symbol: 'AAPL', date: '2024-06-10', numerator: '1', denominator: '20', note: 'bonus',
    });
    expect(build({ kind: 'symbol-change', symbol: 'FB', newSymbol: 'META' }).draft).toEqual({ type: 'symbol-change', symbol: 'FB', newSymbol: 'META', date: '2024-06-10' });
    // The locale's decimal comma, canonical decimals out.
    expect(build({ numerator: '3,5', denominator: '2,00' }, 'de-DE').draft).toMatchObject({ numerator: '3.5', denominator: '2' });
  });

  it('refuses a ratio backwards for its kind, a zero or malformed term, and says which field', () => {
    expect(build({ numerator: '1', denominator: '2' })).toMatchObject({ draft: null, errors: { numerator: expect.stringMatching(/Reverse split/) } });
    expect(build({ numerator: '2', denominator: '2' }).errors.numerator).toMatch(/more new units/);
    expect(build({ kind: 'reverse-split', numerator: '10', denominator: '1' }).errors.numerator).toMatch(/choose Split/);
    expect(build({ numerator: '0' }).errors.numerator).toMatch(/greater than zero/);
    expect(build({ denominator: '' }).errors.denominator).toMatch(/Enter the units held/);
    expect(build({ numerator: '1.123456789' }).errors.numerator).toMatch(/8/);
    expect(build({ numerator: '1234567890123' }).errors.numerator).toBe('That number is too large.');
    // A stock dividend may add as many units as are held, or more.
    expect(build({ kind: 'stock-dividend', numerator: '1', denominator: '1' }).draft).not.toBeNull();
  });

  it('refuses an unknown instrument, a future or missing date, and a symbol change to itself or to nothing known', () => {
    expect(build({ symbol: 'TSLA' }).errors.symbol).toMatch(/Catalogue/);
    expect(build({ date: '2026-12-08' }).errors.date).toBe('Pick today or an earlier day.');
    expect(build({ date: '' }).errors.date).toBe('Pick a day.');
    expect(build({ kind: 'symbol-change', newSymbol: 'AAPL' }).errors.newSymbol).toMatch(/other than/);
    expect(build({ kind: 'symbol-change', newSymbol: 'GOOG' }).errors.newSymbol).toMatch(/Catalogue/);
  });

  it('says what it does before it is sent, and what was recorded', () => {
    const split = build({}).draft!;
    expect(corporateEffect(split, 'en-US')).toBe(
      'Applies to every account holding AAPL from Jun 10, 2024: units become 2 for every 1 held. Units change, cost does not; nothing is realized.',
    );
    expect(corporateRecorded(split, 'en-US')).toBe('Recorded: AAPL 2 for 1 from Jun 10, 2024, in every account holding it.');
    expect(corporateEffect(build({ kind: 'stock-dividend', numerator: '1', denominator: '10' }).draft!, 'en-US')).toMatch(/: units grow by 1 for every 10 held\./);
    expect(corporateEffect(build({ kind: 'symbol-change', symbol: 'FB' }).draft!, 'en-US')).toMatch(/holding FB from Jun 10, 2024: its units, lots and history continue as META/);
    applyLanguage('de');
    expect(corporateEffect(split, 'de-DE')).toBe(
      'Gilt für jedes Konto mit AAPL ab 10.06.2024: aus je 1 gehaltenen Stück werden 2. Die Stückzahl ändert sich, die Kosten nicht; nichts wird realisiert.',
    );
  });
});

describe('corporate refusals by code', () => {
  it('names the instrument and what to do, and that nothing changed', () => {
    expect(describeCorporateError({ code: 'IN_USE', message: 'AAPL has units on sale', details: { symbol: 'AAPL', reserved: '3' } }, 'AAPL')).toBe(
      'AAPL has units on sale in an open order, placed in the old units: cancel the order first. Nothing was changed.',
    );
    expect(describeCorporateError({ code: 'NOT_FOUND', message: 'x', details: { symbol: 'META' } }, 'FB')).toMatch(/^META is not in your catalogue/);
    expect(describeCorporateError({ code: 'INSUFFICIENT_HOLDING', message: 'x', details: { symbol: 'AAPL' } }, 'AAPL')).toMatch(/check the ratio and the date\. Nothing was changed\.$/);
    expect(describeCorporateError({ code: 'INVALID_INPUT', message: 'A split of 1 for 1 changes nothing.' }, 'AAPL')).toBe('Nothing was changed: A split of 1 for 1 changes nothing.');
    expect(describeCorporateError({ code: 'NETWORK', message: 'Bourse could not be reached.' }, 'AAPL')).toMatch(/safe: it will not be recorded twice/);
    applyLanguage('de');
    // Main's English message is not shown in German: the code's sentence is.
    expect(describeCorporateError({ code: 'INVALID_INPUT', message: 'A split of 1 for 1 changes nothing.' }, 'AAPL')).toBe(
      'Es wurde nichts geändert: Ein Teil der Eingabe ist ungültig. Prüfen Sie die Felder und versuchen Sie es erneut.',
    );
  });

  it('tells a proposal gone or decided elsewhere from a refused split', () => {
    expect(describeProposalError({ code: 'NOT_FOUND', message: 'No such split proposal.' }, 'AAPL')).toMatch(/no longer exists/);
    expect(describeProposalError({ code: 'INVALID_INPUT', message: 'This split was already dismissed.' }, 'AAPL')).toBe('Nothing was changed: This split was already dismissed.');
    expect(describeProposalError({ code: 'DUPLICATE', message: 'x' }, 'AAPL')).toBe('A split of AAPL on that date is already recorded: dismiss this proposal. Nothing was changed.');
    expect(describeProposalError({ code: 'IN_USE', message: 'x', details: { symbol: 'AAPL' } }, 'AAPL')).toMatch(/^AAPL has units on sale/);
  });
});

describe('split proposals in words', () => {
  const proposal = (numerator: string, denominator: string): SplitProposalView => ({
    id: 'p1', symbol: 'AAPL', date: '2020-08-31', numerator, denominator, provider: 'yahoo', state: 'proposed', activityId: null, createdAt: '2020-09-02T00:00:00.000Z', decidedAt: null,
  });

  it('says the ratio, the date, the source, and what Confirm and Dismiss do', () => {
    expect(proposalText(proposal('4', '1'), 'en-US', 'Yahoo Finance')).toEqual({
      what: 'AAPL: 4-for-1 split from Aug 31, 2020',
      how: 'Published by Yahoo Finance. Confirm records it in every account holding AAPL: units become 4 for every 1 held, cost does not change. Dismiss sets it aside for good.',
    });
    expect(proposalText(proposal('1', '10'), 'en-US', 'Finnhub').what).toBe('AAPL: 1-for-10 reverse split from Aug 31, 2020');
    applyLanguage('de');
    expect(proposalText(proposal('4', '1'), 'de-DE', 'Yahoo Finance').what).toBe('AAPL: Split 4 für 1 ab 31.08.2020');
    expect(proposalText(proposal('1', '10'), 'de-DE', 'Finnhub').what).toBe('AAPL: umgekehrter Split 1 für 10 ab 31.08.2020');
  });
});
