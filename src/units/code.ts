/**
 * The code a unit carries in answer files (one owner: the answer schema, units files and the
 * resolver read it from here).
 *
 * @module
 */

/**
 * ISO 3166-1 alpha-2, or two letters, a hyphen and one to three letters or digits for a
 * sub-national or declared unit (ISO 3166-2 style), e.g. `XC`, `CA-QC`.
 */
export const UNIT_CODE_TEXT = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;
