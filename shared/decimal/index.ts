export { Dec, dec, type DecLike } from './dec.js';
export { DecimalError, type DecimalErrorCode } from './errors.js';
export { formatFixed, formatPlain } from './format.js';
export { MAX_EXACT, POW10_NUMBER, fractionDigits, parseScaled, parseUnits, parseUnitsRounded, scan, unitsOfDouble, type Scan } from './parse.js';
export { divRound, dropDigits, rescale, roundAt, roundScaled, type Rounding } from './round.js';
export { addScaled, atScale, compareScaled, digitsOf, mulScaled, pow10, subScaled, withinDigits, type Scaled } from './scaled.js';
