// How many results a search found, as every front end says it: stores stop counting at a cap, shown as "1,000+".
export interface Counted {
  total: number;
  /** The store stopped counting: there are at least `total`. */
  totalIsLowerBound?: boolean;
}

/** "1 result", "250 results", "1,000+ results" (the noun changes with the count; "posts" for other nouns). */
export function countLabel(r: Counted, noun = 'result'): string {
  const more = r.totalIsLowerBound === true;
  return `${r.total.toLocaleString('en-US')}${more ? '+' : ''} ${noun}${r.total === 1 && !more ? '' : 's'}`;
}
