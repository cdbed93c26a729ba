// "Did you mean …?": the known names closest to a mistyped one, by edit distance over case-folded code points.

/** Characters compared at most: a pasted paragraph costs no more than a long name. */
const MAX_COMPARED = 64;

/**
 * Edit distance between `a` and `b`: insertions, deletions, substitutions and swaps of two neighbouring code
 * points (the commonest typo) each count one (optimal string alignment). O(|a|·|b|) time.
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let before: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[t.length]!;
}

function fold(s: string): string {
  return [...s.trim().toLowerCase().normalize('NFC')].slice(0, MAX_COMPARED).join('');
}

/**
 * Up to `limit` of `names` that `input` is plausibly a typo of, closest first (ties alphabetical): those within
 * about one edit per three characters (at least one, at most three), and those that contain the input or that it
 * contains (a prefix typed, a suffix forgotten) when the shorter side has three characters or more.
 */
export function nearestNames(input: string, names: Iterable<string>, limit = 3): string[] {
  const want = fold(input);
  const budget = Math.min(3, Math.max(1, Math.floor([...want].length / 3)));
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(names)) {
    const have = fold(name);
    if (have === '' || want === '') continue;
    const d = editDistance(want, have);
    const shorter = Math.min([...want].length, [...have].length);
    const contained = shorter >= 3 && (have.includes(want) || want.includes(have));
    if (d <= budget || contained) scored.push({ name, score: d });
  }
  scored.sort((x, y) => x.score - y.score || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}
