// Tamil writes one letter for k and g, t and d, p and b, and for s, ch and j (க, த/ட, ப, ச): which is said follows
// the letters around it. Names borrowed from other languages keep their own sounds, so a Tamil name is read two ways:
// as its letters are spelled (Kumara: குமார), and voiced where Tamil voices a stop, at the word's start, between
// vowels and after a nasal (Dissanayake: திசாநாயக்க, Mahinda: மஹிந்த, Pongal: பொங்கல்). A doubled stop stays
// unvoiced (the kk of திசாநாயக்க).

const VOICED: Readonly<Record<string, string>> = { k: 'g', t: 'd', p: 'b' };

/** The readings of a Tamil word's Latin spelling (indicToLatin's), the one it was given first. */
export function tamilReadings(latin: string): string[] {
  // ச is s but where it is doubled (ச்ச, cc) or after ஞ (ஞ்ச, nj).
  const spelled = latin.replace(/chch/g, 'ch').replace(/nch/g, 'nj').replace(/ch/g, 's');
  const voiced = spelled.replace(
    /(^|[aeiou]|n|m)([ktp])(?=[aeiou])/g,
    (_, before: string, stop: string) => before + VOICED[stop]!,
  );
  return voiced === spelled ? [spelled] : [spelled, voiced];
}
