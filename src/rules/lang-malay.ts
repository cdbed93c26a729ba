// Indonesian or Malay: the model hears one language (it calls most Malay Indonesian), so a few words that only
// one of the two standards uses re-split the pair's score. Without such words the pair stays undecided.

// Words common in one standard and absent or rare in the other (Malaysian spelling and vocabulary vs Indonesian).
const MALAY =
  /\b(?:kerana|bahawa|daripada|berkata|kerajaan|kenyataan|mesyuarat|semalam|polis|kereta|kenderaan|iaitu|selepas|sahaja|boleh|jabatan|siasatan|dipercayai|kes|mangsa|sejurus|dikehendaki|jemaah|lebuh|bagi|amat|ahli|baharu|negeri|rakyat|wang|cukai)\b/giu;
const INDONESIAN =
  /\b(?:karena|bahwa|pemerintah|polisi|mobil|bisa|yaitu|setelah|nggak|enggak|kabupaten|kecamatan|wib|aja|banget|provinsi|uang|pajak|presiden|jalan raya|rp)\b/giu;

/** Share of the pair's score that undecided texts give each side, so that neither is a confident answer. */
const UNDECIDED = 0.55;
const DECIDED = 0.95;

export interface Scored {
  lang: string;
  score: number;
}

/** Re-splits the id + ms score by marker words; other candidates are left as they are. */
export function splitMalay(text: string, scores: Scored[]): Scored[] {
  const id = scores.find((s) => s.lang === 'id');
  const ms = scores.find((s) => s.lang === 'ms');
  if (!id && !ms) return scores;
  const pair = (id?.score ?? 0) + (ms?.score ?? 0);
  const m = text.match(MALAY)?.length ?? 0;
  const i = text.match(INDONESIAN)?.length ?? 0;
  const msShare = m > i ? DECIDED : i > m ? 1 - DECIDED : 1 - UNDECIDED;
  const rest = scores.filter((s) => s.lang !== 'id' && s.lang !== 'ms');
  return [...rest, { lang: 'id', score: pair * (1 - msShare) }, { lang: 'ms', score: pair * msShare }];
}
