/**
 * Wall-clock dates and times in an IANA time zone <-> UTC instants, with the runtime's Intl data only.
 * Dates are 'YYYY-MM-DD', times 'HH:MM'.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(ms: number, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** Offset of the zone from UTC at an instant, in milliseconds (Moscow: +3 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant (ISO) of a local date and time in a zone. A time skipped by a daylight-saving jump is
 * moved forward by the jump; a repeated one takes its first occurrence.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, mi);
  // Zone offsets change at most once around any instant in practice: the ones a day before and after cover both sides.
  const offsets = new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall, timeZone), offsetAt(wall + DAY_MS, timeZone)]);
  const candidates = [...offsets].map((o) => wall - o);
  const valid = candidates.filter((ms) => offsetAt(ms, timeZone) === wall - ms);
  // No valid candidate: the time falls into a jump; the pre-jump offset lands it after the jump.
  const ms = valid.length ? Math.min(...valid) : Math.max(...candidates);
  return new Date(ms).toISOString();
}

/** The local date and time of an instant in a zone. */
export function utcToZoned(instant: string | Date, timeZone: string): { date: string; time: string } {
  const p = parts(new Date(instant).getTime(), timeZone);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * utcToZoned for many instants in one zone (Intl is slow: ~17 us a call). The zone's offset is read once per
 * UTC day; an instant on a day whose offset changes (a daylight-saving switch) is converted exactly.
 */
export function zonedReader(timeZone: string): (instant: string | number) => { date: string; time: string } {
  const offsets = new Map<number, number>();
  const offsetOfDay = (day: number) => {
    let o = offsets.get(day);
    if (o === undefined) {
      o = offsetAt(day * DAY_MS, timeZone);
      offsets.set(day, o);
    }
    return o;
  };
  return (instant) => {
    const ms = typeof instant === 'number' ? instant : Date.parse(instant);
    const day = Math.floor(ms / DAY_MS);
    const offset = offsetOfDay(day);
    if (offset !== offsetOfDay(day + 1)) return utcToZoned(new Date(ms), timeZone);
    const iso = new Date(ms + offset).toISOString();
    return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
  };
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
