// Indonesian or Malay: the model hears one language (it calls most Malay Indonesian), so a few words that only
// one of the two standards uses re-split the pair's score. Without such words the pair stays undecided.

// Words common in one standard and absent or rare in the other (Malaysian spelling and vocabulary vs Indonesian:
// kerana/karena, polis/polisi, Khamis/Kamis, setiausaha/sekretaris). Words both write (rakyat, bagi, amat, ahli, the
// negeri of Luar Negeri) are in neither list: an Indonesian ministry's text is full of them.
const MALAY =
  /\b(?:kerana|bahawa|berkata|kerajaan|kenyataan|mesyuarat|polis|kereta|kenderaan|iaitu|selepas|sahaja|boleh|jabatan|siasatan|disiasat|dipercayai|disyaki|kes|mangsa|sejurus|dikehendaki|jemaah|lebuh|lebuhraya|baharu|wang|cukai|maklumat|syarikat|aktiviti|kualiti|kemudahan|hospital|mesti|dijangka|esok|isnin|khamis|jumaat|ahad|ogos|mac|julai|disember|setiausaha|jeneral|ringgit|bandaraya|membabitkan|beliau berkata)\b/giu;
const INDONESIAN =
  /\b(?:karena|bahwa|pemerintah|pemerintahan|polisi|mobil|bisa|yaitu|setelah|nggak|enggak|kabupaten|kecamatan|wib|aja|banget|provinsi|uang|pajak|presiden|jalan raya|rp|sekretaris|jenderal|kantor|rumah sakit|kerja sama|harus|namun|terkait|ujar|ungkap|diduga|terdampak|kegiatan|aktivitas|kualitas|fasilitas|informasi|kebijakan|perusahaan|kemacetan|besok|senin|kamis|jumat|agustus|maret|juni|juli|desember|hoaks|personel|mengatakan|dilintasi)\b/giu;

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
