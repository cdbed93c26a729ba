// What a statement is about, in words that do not look alike across languages: "condemns" / "осуждает" / "يدين" /
// "谴责" are one concept. Cognates (evidence.ts) meet election/élection/елекці; these meet the words whose
// translations share no letters, in the vocabulary official statements are written in. Weak evidence, like
// cognates: it tells that two texts speak of the same kind of thing, never which statement.
import { foldText } from '../text/fold.js';
import { Memo } from '../util/memo.js';

/**
 * Each concept's words in en, fr, es, it, pt, de, pl, ru, uk, el, ar, fa, ur, he, tr, id, ms, vi, zh, ja, ko, hi, bn
 * and th. A word is a
 * stem: it matches the words it begins ("condamn" finds condamne, condamnation); `=` at its end matches the word
 * alone; `_` joins the stems of a phrase. Chinese, Japanese, Korean and Thai words (written without spaces) and
 * words of the scripts of India (whose endings these stems do not know) match anywhere in the text. Arabic-script words match after the clitics
 * (و ف ب ل ك and the article) are cut.
 */
const CONCEPTS: Readonly<Record<string, string>> = {
  condemn:
    'condemn condamn conden condann verurteil potępi осужд осуд засудж засуд καταδικ يدين تدين ندين ادان ادانة استنكر يستنكر تستنكر محکوم kınad kınıyor kına= mengecam kecam 谴责 譴責 非難 규탄 निंदा ประณาม mengutuk kutuk len_an מגנה גינה גינוי מגנים مذمت নিন্দা',
  condolences:
    'condolence condoléance condolencia pésame condoglianz cordoglio condolência pêsame beileid kondolenz kondolencj соболезн співчутт συλλυπητ تعازي تعزية تسلیت taziye başsağlığı belasungkawa 慰问 慰問 吊唁 哀悼 お悔やみ 弔意 애도 조의 संवेदना ความเสียใจ takziah dukacita duka_cita chia_buon tan_chia תנחומים تعزیت শোক',
  attack:
    'attack attaqu attentat теракт ataque atentado attacc angriff anschlag atak zamach напад атак επιθεσ هجوم اعتداء استهداف حمله saldırı serangan menyerang 袭击 襲擊 攻击 攻擊 攻撃 襲撃 공격 हमला โจมตี tan_cong פיגוע מתקפה תקיפה حملے حملہ হামলা',
  terror:
    'terror теракт террор терор τρομοκρ ارهاب تروریس terör teror 恐怖 テロ 테러 आतंक ก่อการร้าย pengganas keganasan khung_bo טרור دہشت সন্ত্রাস',
  victims:
    'victim víctima vittim vítima opfer ofiar жертв θυματ ضحايا قربانی kurbanlar korban 遇难 遇難 罹难 罹難 受害者 犠牲 희생자 पीड़ित เหยื่อ mangsa nan_nhan קורבנות נפגעים متاثرین',
  killed:
    'killed= dead= death= deaths= died= morts= tués= décès muertos= fallecid morti= mortos= getötet tote= zginęł погиб убит загин вбит σκοτωθ νεκρ قتلى مقتل مصرع کشته hayatını_kaybet tewas meninggal 死亡 死者 사망 मारे_गए เสียชีวิต terkorban maut= thiet_mang tu_vong נהרגו הרוגים ہلاک جاں_بحق নিহত',
  injured:
    'injur wounded= blessé herid ferit ferid verletzt verwundet ranni= rannych= ранен пострадав поранен постражда τραυματ جرحى اصابة مصابين زخمی yaralı luka= 受伤 受傷 負傷 けが 부상 घायल บาดเจ็บ cedera bi_thuong נפצעו פצועים আহত',
  earthquake:
    'earthquake séisme tremblement_de_terre terremoto sismo sisma erdbeben trzęsieni землетрясен землетрус σεισμ زلزال زلزله deprem gempa 地震 지진 भूकंप แผ่นดินไหว dong_dat רעידת_אדמה زلزلہ ভূমিকম্প',
  flood:
    'flood inondation inundaci alluvion hochwasser überschwemm powódź powodzi= наводнен паводк повін повен πλημμυρ فيضان سيول سیل sel= banjir 洪水 洪灾 洪災 홍수 बाढ़ น้ำท่วม lu_lut שיטפון سیلاب বন্যা',
  explosion:
    'explosion explosión esplosion explosão blast= wybuch взрыв вибух εκρηξ انفجار patlama ledakan 爆炸 爆発 폭발 विस्फोट ระเบิด letupan vu_no פיצוץ دھماکہ বিস্ফোরণ',
  ceasefire:
    'ceasefire cease_fire cessez_le_feu alto_el_fuego cessate_il_fuoco cessar_fogo waffenstillstand waffenruhe zawieszeni_broni прекращени_огня перемири припинення_вогню перемир εκεχειρ وقف_اطلاق_نار هدنة آتش_بس ateşkes gencatan_senjata 停火 停戦 휴전 युद्धविराम หยุดยิง ngung_ban הפסקת_אש জঙ্গিবিরতি যুদ্ধবিরতি',
  hostages:
    'hostage otage rehén ostagg refém geisel zakładni заложник заручник ομηρ رهائن رهينة گروگان rehine sandera 人质 人質 인질 बंधक ตัวประกัน tebusan con_tin חטופים בני_ערובה یرغمال',
  refugees:
    'refugee réfugié refugiad rifugiat flüchtling uchodźc беженц біженц προσφυγ لاجئ لاجئين پناهجو mülteci pengungsi 难民 難民 난민 शरणार्थी ผู้ลี้ภัย pelarian nguoi_ti_nan פליטים پناہ_گزین শরণার্থী',
  children:
    'child children= enfant niños= niñas= bambin crianças kinder= dzieci дети= детей= ребен діти= дітей= дитин παιδι اطفال کودکان çocuk anak= 儿童 兒童 子ども 子供 어린이 아동 बच्चों เด็ก kanak tre_em ילדים بچوں শিশু',
  hospital:
    'hospital hôpital ospedal krankenhaus szpital больниц госпитал лікарн νοσοκομ مستشفى بیمارستان hastane rumah_sakit 医院 醫院 病院 병원 अस्पताल โรงพยาบาล',
  worship:
    'mosque mezquita moschea moschee meczet мечет τζαμ مسجد cami= camii= masjid 清真寺 モスク 모스크 मस्जिद มัสยิด church= churches= église iglesia chiesa igreja kirche kościół церк церкв εκκλησ كنيسة کلیسا kilise gereja 教堂 教会 교회 चर्च โบสถ์',
  prime_minister:
    'prime_minister premier_ministre primer_ministro primo_ministro primeiro_ministro premierminister ministerpräsident премьер премєр πρωθυπουργ رئيس_وزراء رئيس_حكومة نخست_وزیر başbakan perdana_menteri 总理 總理 首相 총리 प्रधानमंत्री นายกรัฐมนตรี thu_tuong ראש_הממשלה وزیر_اعظم প্রধানমন্ত্রী',
  foreign_affairs:
    'foreign_minister foreign_affairs foreign_ministry affaires_étrangères asuntos_exteriores relaciones_exteriores affari_esteri negócios_estrangeiros außenminister auswärtig spraw_zagranicznych иностранных_дел мид= закордонних_справ мзс= εξωτερικων وزير_خارجية وزارة_خارجية امور_خارجه dışişleri luar_negeri 外交部 外长 外長 外務 外相 외교부 외교장관 विदेश_मंत्री การต่างประเทศ ngoai_giao משרד_החוץ שר_החוץ وزارت_خارجہ وزیر_خارجہ পররাষ্ট্র',
  king: 'king= kings= roi= rey= könig król= króla= король корол βασιλι ملك= عاهل پادشاه kral= raja= 国王 國王 국왕 राजा พระมหากษัตริย์ quoc_vuong agong= המלך',
  embassy:
    'embassy embassies ambassade embajada ambasciata embaixada botschaft= ambasad посольств πρεσβει سفارة سفارت büyükelçilik kedutaan 大使馆 大使館 대사관 दूतावास สถานเอกอัครราชทูต dai_su_quan שגרירות سفارتخانہ দূতাবাস',
  ambassador:
    'ambassador ambassadeur embajador ambasciator embaixador botschafter ambasador посол= посла= послом= послу= πρεσβευτ سفير سفیر büyükelçi duta_besar 大使 대사 राजदूत เอกอัครราชทูต שגריר',
  phone_call:
    'telephone phone_call téléphon telefon телефон τηλεφων هاتفي هاتفيا تلفنی telepon 通电话 通話 通话 電話会談 电话 電話 통화 फोन โทรศัพท์ dien_dam שיחת_טלפון',
  visit:
    'visit visite visita besuch wizyt визит візит επισκεψ زيارة ziyaret kunjungan berkunjung 访问 訪問 방문 यात्रा दौरा เยือน lawatan chuyen_tham ביקור دورہ সফর',
  agreement:
    'agreement accord= accords= acuerdo accordo acordo abkommen vereinbarung porozumieni соглашен угод συμφων اتفاق اتفاقية توافق anlaşma perjanjian kesepakatan 协议 協議 协定 協定 合意 협정 합의 समझौता ข้อตกลง thoa_thuan hiep_dinh הסכם معاہدہ চুক্তি',
  signing:
    'signed= signing= signé= signés= signée= firmó firmaron firmato firmado assinad unterzeichn podpisa подписа підпис υπεγραψ υπογραφ توقيع امضا imzala menandatangani 签署 簽署 签订 簽訂 署名 調印 서명 हस्ताक्षर ลงนาม ky_ket חתם חתמו',
  congratulate:
    'congratulat félicit felicit gratulier glückwunsch gratul поздрав привіта вітаю συγχαρ يهنئ تهنئة تبریک tebrik 祝贺 祝賀 贺电 賀電 祝意 축하 बधाई แสดงความยินดี tahniah chuc_mung ברכות מברך مبارکباد অভিনন্দন',
  peace:
    'peace paix= paz= pace= frieden pokoj pokoju= мир= мира= миру= миром= мирн ειρην سلام صلح barış perdamaian damai= 和平 平和 평화 शांति สันติภาพ hoa_binh שלום امن= শান্তি',
  war: 'war= wars= guerre guerra krieg wojn войн війн πολεμ حرب جنگ savaş perang 战争 戰爭 戦争 전쟁 युद्ध สงคราม chien_tranh מלחמה যুদ্ধ',
  security_council:
    'security_council conseil_de_sécurité consejo_de_seguridad consiglio_di_sicurezza conselho_de_segurança sicherheitsrat rada_bezpieczeństwa совет_безопасности совбез рада_безпеки συμβουλιο_ασφαλειας مجلس_امن شورای_امنیت güvenlik_konseyi dewan_keamanan 安理会 安理會 安全理事会 安保理 안보리 안전보장이사회 सुरक्षा_परिषद คณะมนตรีความมั่นคง majlis_keselamatan hoi_dong_bao_an מועצת_הביטחון سلامتی_کونسل',
  sovereignty:
    'sovereign souverain soberan sovran souverän suweren суверен κυριαρχ سيادة حاکمیت egemenlik kedaulatan 主权 主權 主権 주권 संप्रभुता อธิปไตย chu_quyen ריבונות خودمختاری সার্বভৌমত্ব',
  civilians:
    'civilian civils= civiles= civili= civis= zivilist cywil мирных_жителей мирного_населения мирные_жители цивільн αμαχ مدنيين غیرنظامی sivil warga_sipil 平民 民間人 민간인 नागरिकों พลเรือน orang_awam dan_thuong אזרחים شہری',
  negotiations:
    'negotiat négociation negociaci negoziat negocia verhandlung negocjac переговор διαπραγματ مفاوضات محادثات مذاکر müzakere perundingan 谈判 談判 会谈 會談 会談 交渉 협상 회담 वार्ता การเจรจา rundingan dam_phan משא_ומתן مذاکرات',
  solidarity:
    'solidar солидарн солідарн αλληλεγγ تضامن همبستگی dayanışma 声援 聲援 团结 團結 連帯 연대 एकजुटता הזדהות',
  government:
    'government gouvernement gobierno governo regierung rząd= rządu= rządem= правительств уряд= уряду= урядом= κυβερνησ حكومة دولت hükümet pemerintah 政府 정부 सरकार รัฐบาล kerajaan chinh_phu ממשלה حکومت সরকার',
  people:
    'people= peuple pueblo popolo povo= volk= volkes= naród narodu= народ= народа= народу= народом= λαο شعب ملت halkı halkına rakyat 人民 国民 國民 국민 जनता ประชาชน nhan_dan העם عوام',
  election:
    'election élection eleccion elezion eleição wahl= wahlen= wybor выбор вибор εκλογ انتخابات seçim pemilu pemilihan 选举 選舉 選挙 선거 चुनाव การเลือกตั้ง pilihan_raya bau_cu בחירות',
  nuclear:
    'nuclear nucléaire nucleare nuklear atomar jądrow ядерн πυρηνικ نووي هسته nükleer nuklir 核 원자력 핵 परमाणु นิวเคลียร์ hat_nhan גרעין جوہری',
  missile:
    'missile misil missil rakiet ракет πυραυλ صاروخ صواريخ موشک füze rudal 导弹 導彈 ミサイル 미사일 मिसाइल ขีปนาวุธ peluru_berpandu ten_lua טיל',
  drone:
    'drone dron= drones= drony= дрон беспилотн безпілотн μη_επανδρωμεν مسيرة مسيرات پهپاد insansız 无人机 無人機 ドローン 드론 ड्रोन โดรน',
  independence:
    'independence indépendance independencia indipendenza independência unabhängigkeit niepodległ независимост незалежн ανεξαρτησ استقلال bağımsızlık kemerdekaan 独立 獨立 독립 स्वतंत्रता เอกราช doc_lap עצמאות آزادی স্বাধীনতা',
  anniversary:
    'anniversary anniversaire aniversario anniversario aniversário jahrestag rocznic годовщин річниц επετει ذكرى سالگرد yıl_dönümü peringatan 周年 週年 주년 वर्षगांठ ครบรอบ',
  humanitarian:
    'humanitarian humanitaire humanitari humanitär humanitarn гуманитар гуманітар ανθρωπιστικ انسانية انساني بشردوستانه insani kemanusiaan 人道 인도적 मानवीय มนุษยธรรม nhan_dao הומניטרי',
  aid: 'aid= assistance aide= ayuda aiuti aiuto ajuda hilfe pomoc помощ допомог βοηθει مساعدات مساعدة کمک yardım bantuan 援助 支援 지원 सहायता ความช่วยเหลือ vien_tro סיוע امداد',
  journalist:
    'journalist periodista giornalist jornalist dziennikarz журналист журналіст δημοσιογραφ صحفي صحافي روزنامه gazeteci wartawan jurnalis 记者 記者 기자 पत्रकार นักข่าว nha_bao עיתונאי صحافی সাংবাদিক',
  prisoners:
    'prisoner prisonnier prisioner preso= presos= prigionier gefangen jeńc więźn пленн заключенн полонен αιχμαλωτ اسرى سجناء زندانی esir= tahanan 战俘 戰俘 囚犯 捕虜 포로 कैदी นักโทษ',
  border:
    'border frontière frontera confine fronteira grenze granic границ кордон συνορ حدود مرز sınır perbatasan 边境 邊境 国境 국경 सीमा ชายแดน sempadan bien_gioi גבול سرحد সীমান্ত',
  crash:
    'crash accident accidente wypadek katastrof катастроф تحطم حادث سانحه kaza= kazası kecelakaan 坠毁 墜毀 空难 事故 墜落 추락 दुर्घटना อุบัติเหตุ kemalangan tai_nan התרסקות حادثہ',
};

/** The concepts' words, folded, ready for matching. */
interface Lexicon {
  /** Single words by their first letter. */
  words: Map<string, { stem: string; exact: boolean; concept: string }[]>;
  /** Phrases of several stems (`_` in the table), each word matched as a stem, by their first letter. */
  phrases: Map<string, { stems: string[]; concept: string }[]>;
  /** Words of scripts written without spaces, found anywhere in the text, by their first character. */
  anywhere: Map<string, { text: string; concept: string }[]>;
}

// Han, kana, Hangul, Thai, Hebrew (its prefixes written onto words) and the scripts of India: matched inside the
// text, not word by word.
const UNSPACED = /[\u05D0-\u05EA\u0904-\u0DFF\u0E00-\u0E7F\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/u;
const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3]/u;

/** One spelling for the letters Arabic and Persian write differently (ي/ی, ك/ک, final ى). */
const oneArabic = (s: string): string => s.replace(/[ي\u0649]/g, '\u06CC').replace(/ك/g, '\u06A9');

/**
 * The words of a folded text. An apostrophe inside a Cyrillic word is part of it (прем'єр); elsewhere it ends an
 * elided article (l'attentat, dell'attacco).
 */
function wordsOf(folded: string): string[] {
  const text = /['’ʼ]/.test(folded)
    ? folded.replace(/(?<=(\p{Script=Cyrillic})?)['’ʼ]/gu, (_, cyr: string | undefined) => (cyr ? '' : ' '))
    : folded;
  return text.match(/[\p{L}\p{M}]+/gu) ?? [];
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const lexicon = ((): Lexicon => {
  const lex: Lexicon = { words: new Map(), phrases: new Map(), anywhere: new Map() };
  for (const [concept, list] of Object.entries(CONCEPTS)) {
    for (const entry of list.split(' ')) {
      const exact = entry.endsWith('=');
      const folded = oneArabic(foldText(entry.replace(/=$/, '').replaceAll('_', ' ')));
      if (UNSPACED.test(folded)) add(lex.anywhere, folded[0]!, { text: folded, concept });
      else if (folded.includes(' ')) add(lex.phrases, folded[0]!, { stems: folded.split(' '), concept });
      else add(lex.words, folded[0]!, { stem: folded, exact, concept });
    }
  }
  return lex;
})();

// Clitics an Arabic word may begin with: a conjunction, a preposition, the article (لل is ل with the article).
const ARABIC_CLITICS = /^(?:[وف]?(?:[بكل]?ال|لل|[بكل])|[وف])/u;

/** The forms a folded word is matched by: itself, and an Arabic-script word without its clitics. */
function formsOf(word: string): string[] {
  if (!ARABIC_LETTER.test(word[0]!)) return [word];
  const out = [oneArabic(word)];
  for (let w = out[0]!, i = 0; i < 2; i++) {
    const m = ARABIC_CLITICS.exec(w);
    if (!m || w.length - m[0].length < 3) break;
    w = w.slice(m[0].length);
    out.push(w);
  }
  return out;
}

const stemMatches = (forms: readonly string[], stem: string, exact: boolean): boolean =>
  forms.some((f) => (exact ? f === stem : f.startsWith(stem)));

interface WordMatch {
  /** The concepts the word names alone. */
  concepts: readonly string[];
  /** The phrases the word begins (their first stem matched). */
  starts: readonly { stems: string[]; concept: string }[];
}

const NO_MATCH: WordMatch = { concepts: [], starts: [] };

/** What one folded word matches, remembered: the same words come back in every post. */
const wordMatches = new Memo<WordMatch>(100_000, (word) => {
  const concepts = new Set<string>();
  const starts: WordMatch['starts'][number][] = [];
  for (const f of formsOf(word)) {
    for (const e of lexicon.words.get(f[0]!) ?? [])
      if (stemMatches([f], e.stem, e.exact)) concepts.add(e.concept);
    for (const p of lexicon.phrases.get(f[0]!) ?? []) if (f.startsWith(p.stems[0]!)) starts.push(p);
  }
  return concepts.size === 0 && starts.length === 0 ? NO_MATCH : { concepts: [...concepts], starts };
});

/**
 * The concepts a folded text names, each with the first word that named it (for explanations): "condemn" ->
 * "осуждает".
 */
export function conceptsIn(folded: string): Map<string, string> {
  const out = new Map<string, string>();
  const words = wordsOf(folded);
  for (let i = 0; i < words.length; i++) {
    const m = wordMatches.get(words[i]!);
    if (m === NO_MATCH) continue;
    for (const c of m.concepts) if (!out.has(c)) out.set(c, words[i]!);
    for (const p of m.starts) {
      if (out.has(p.concept) || i + p.stems.length > words.length) continue;
      if (p.stems.every((s, k) => k === 0 || stemMatches(formsOf(words[i + k]!), s, false)))
        out.set(p.concept, words.slice(i, i + p.stems.length).join(' '));
    }
  }
  if (UNSPACED.test(folded))
    for (let i = 0; i < folded.length; i++)
      for (const a of lexicon.anywhere.get(folded[i]!) ?? [])
        if (!out.has(a.concept) && folded.startsWith(a.text, i)) out.set(a.concept, a.text);
  return out;
}
