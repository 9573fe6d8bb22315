/**
 * Exact numbers, the one owner: fractions (with a decimal fallback for irrational results), the
 * decimal-text grammar with its limits, and the rounding and formatting of exact values.
 *
 * @module
 */
export {
  type Dec,
  type Ratio,
  type Exact,
  isRatio,
  ratio,
  sharedRatio,
  toDec,
  toRatio,
  ZERO,
  ONE,
  reciprocal,
  mulShared,
  add,
  sub,
  mul,
  div,
  weightedMean,
  weightedSum,
  cmp,
  isZero,
  geometricMean,
} from './fraction.js';
export {
  DECIMAL_TEXT,
  PLAIN_DECIMAL_TEXT,
  DECIMAL_TEXT_LIMITS,
  type DecimalTextLimits,
  type DecimalTextReading,
  readDecimalText,
  fromDecimalText,
  fromNumber,
  decimalTextOfNumber,
  decimalTextValue,
} from './decimal-text.js';
export {
  type Rounding,
  EXACT_DIGITS,
  DECIMAL_ROUNDING,
  exactString,
  toNumber,
  displayString,
  displayKey,
  type ScoreTexts,
  formatScore,
  ratioString,
  ratioTextValue,
  significantString,
} from './format.js';
