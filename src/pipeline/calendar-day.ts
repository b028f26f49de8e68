// Calendar days in the pipeline's time zone (Asia/Shanghai by default): the day of a moment, month and day arithmetic.

/** A calendar date `YYYY-MM-DD`; such strings compare correctly as text. */
export type Day = string;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day a moment falls on in `timeZone`; a bare date is already that day. */
export function dayOf(moment: string, timeZone: string): Day {
  if (DAY.test(moment)) return moment;
  const at = new Date(moment);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a date-time: ${JSON.stringify(moment)}`);
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

function parts(day: Day): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

const iso = (t: number): Day => new Date(t).toISOString().slice(0, 10);

export function addDays(day: Day, n: number): Day {
  const [y, m, d] = parts(day);
  return iso(Date.UTC(y, m - 1, d + n));
}

/**
 * The day `n` months later: the same day of the month, or the month's last day when it has none
 * (Jan 31 + 1 month = Feb 28/29) — the Civil Code's rule for periods counted in months (民法典 第二百零二条).
 */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = parts(day);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m - 1 + n, Math.min(d, last)));
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: Day, b: Day): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}
