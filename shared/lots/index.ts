export { baseUnits, inBase } from './base.js';
export { LotBook, replayLots, SPLIT_QTY_DP, type ClosedLots, type LotBookOptions } from './book.js';
export { apportion, exactDiv, mulDiv } from './exact.js';
export { compareUnitCost, orderForClosing, unitCost } from './order.js';
export { COST_METHODS, type ClosedLot, type ClosedLotInBase, type CostMethod, type FxLookup, type Holding, type Lot, type LotEvent, type LotPick } from './types.js';
export { incomeReport, realizedReport, type IncomeEvent, type IncomeReport, type IncomeRow, type MissingFx, type RealizedReport, type RealizedRow, type ReportOptions } from './reports.js';
export { CALENDAR_YEAR, DEFAULT_HOLDING_DAYS, inTaxYear, taxYearRange, termOf, type TaxYearStart } from './tax-year.js';
