import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  raw: string;
  /** E.164 (+74951234567), or null when the input cannot be a real number */
  e164: string | null;
  ext: string | null;
}

/** "00" + country code: the international prefix of most countries, BG included. */
const INTL_00 = /^[\s(]*00(?=[\s()-]*[1-9])/;
/** "8 10" + country code: the Russian international prefix (also "8~10", "8-10"). */
const INTL_8_10 = /^[\s(]*8[\s~()-]*10(?=[\s()-]*[1-9])/;

/**
 * Normalises a phone typed in any common RU/BG notation (8-495..., 00359..., "доб. 123")
 * to E.164 with the default country for numbers written without a country code.
 * "00<cc>" is read as "+<cc>" for every default country, "8 10 <cc>" only for RU.
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'RU'): NormalizedPhone {
  const trimmed = raw.trim();
  let text = trimmed.replace(/\s*(добавочный|доб\.?|вн\.?|вътр\.?)\s*/giu, ' ext. ').replace(INTL_00, '+');
  if (defaultCountry === 'RU') text = text.replace(INTL_8_10, '+');
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed || !parsed.isValid()) return { raw: trimmed, e164: null, ext: null };
  return { raw: trimmed, e164: parsed.number, ext: parsed.ext ?? null };
}

/** Human formatting of an E.164 number: national for the user's country, international otherwise. */
export function formatPhone(e164: string, country: CountryCode = 'RU'): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}
