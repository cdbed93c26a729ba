// What an export reader says about dates written in the exporting PC's clock, which carry no zone.
import type { TimeZone } from '../../util/time-zone.js';

/**
 * The notice for `localOnly` of `dated` messages whose times are the exporting PC's clock (`why` says how the file
 * shows it): the zone they were read in, or that they were read as UTC and how to name the right one; and that a
 * --timezone was not needed when every date says its zone. Null when there is nothing to say.
 */
export function zoneNotice(
  localOnly: number,
  dated: number,
  zone: TimeZone | undefined,
  why: string,
): string | null {
  if (localOnly === 0)
    return zone ? `--timezone ${zone.name} not used: every date of this export says its zone` : null;
  const which = `${localOnly} of ${dated} messages have only the exporting PC's clock time (${why})`;
  return zone
    ? `${which}: times read in ${zone.name}`
    : `${which}: times read as UTC; --timezone ZONE names that PC's zone (Europe/Berlin, +05:00)`;
}
