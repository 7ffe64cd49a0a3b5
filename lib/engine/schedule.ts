/** The first time on the grid startAt + k × frequency that is strictly after `now`. */
export function nextRunAfter(startAt: Date, frequencyMinutes: number, now: Date): Date {
  if (startAt > now) return startAt;
  const period = frequencyMinutes * 60_000;
  const periods = Math.floor((now.getTime() - startAt.getTime()) / period) + 1;
  return new Date(startAt.getTime() + periods * period);
}
