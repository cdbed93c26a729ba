// Hand-written evaluation set for story grouping: diplomatic posts in en/fr/ru labelled with the story they tell.
import { emptyPost } from '../src/model/post.js';
import type { Post } from '../src/model/post.js';

export interface EvalPost {
  story: string;
  post: Post & { lang: string };
}

export interface HardNegative {
  a: string;
  b: string;
  why: string;
}

function p(
  story: string,
  channel: string,
  id: number,
  date: string | null,
  lang: string,
  text: string,
  from?: { name: string; username?: string; postId?: number },
): EvalPost {
  const post = { ...emptyPost(channel, id, date ? 'tme-html' : 'text'), date, text, lang };
  if (from)
    post.forwardedFrom = {
      name: from.name,
      username: from.username ?? null,
      postId: from.postId ?? null,
      author: null,
    };
  return { story, post };
}

const MFA = { name: 'Russian MFA 🇷🇺', username: 'mfa_russia' };

export const EVAL_POSTS: EvalPost[] = [
  // S01 Lavrov - Wang Yi talks in Moscow, 10 September.
  p(
    'S01',
    'mfa_russia',
    1001,
    '2024-09-10T09:00:00Z',
    'en',
    `🇷🇺🇨🇳 On September 10, Foreign Minister Sergey Lavrov held talks in Moscow with Member of the Political Bureau of the CPC Central Committee, Minister of Foreign Affairs of China Wang Yi.

The Ministers discussed preparations for the BRICS summit in Kazan and the 75th anniversary of diplomatic relations between Russia and China. Trade between the two countries exceeded 240 billion dollars last year.

#RussiaChina #BRICS`,
  ),
  p(
    'S01',
    'mid_rf',
    2001,
    '2024-09-10T09:20:00Z',
    'ru',
    `🇷🇺🇨🇳 10 сентября Министр иностранных дел России Сергей Лавров провёл в Москве переговоры с членом Политбюро ЦК КПК, Министром иностранных дел КНР Ван И.

Министры обсудили подготовку к саммиту БРИКС в Казани и 75-летие установления дипломатических отношений между Россией и Китаем. Товарооборот двух стран в прошлом году превысил 240 млрд долларов.

#РоссияКитай #BRICS`,
  ),
  p(
    'S01',
    'ambrus_france',
    3001,
    '2024-09-10T14:00:00Z',
    'fr',
    `🇷🇺🇨🇳 Le 10 septembre, le ministre des Affaires étrangères Sergueï Lavrov a eu des entretiens à Moscou avec le membre du Bureau politique du Comité central du PCC, ministre des Affaires étrangères de la Chine Wang Yi.

Les ministres ont discuté des préparatifs du sommet des BRICS à Kazan et du 75e anniversaire des relations diplomatiques entre la Russie et la Chine. Les échanges commerciaux ont dépassé 240 milliards de dollars l'année dernière.`,
  ),
  p(
    'S01',
    'rusembindia',
    4001,
    '2024-09-10T10:00:00Z',
    'en',
    `🇷🇺🇨🇳 On September 10, Foreign Minister Sergey Lavrov held talks in Moscow with Member of the Political Bureau of the CPC Central Committee, Minister of Foreign Affairs of China Wang Yi.

The Ministers discussed preparations for the BRICS summit in Kazan and the 75th anniversary of diplomatic relations between Russia and China. Trade between the two countries exceeded 240 billion dollars last year.

#RussiaChina #BRICS`,
    { ...MFA, postId: 1001 },
  ),

  // S02 Lavrov - Wang Yi telephone conversation, 12 September (same people, another event).
  p(
    'S02',
    'mfa_russia',
    1002,
    '2024-09-12T16:00:00Z',
    'en',
    `📞 On September 12, Sergey Lavrov had a telephone conversation with Wang Yi at the Chinese side's initiative.

The Ministers exchanged views on the situation in the Korean Peninsula and on the Ukraine settlement, and agreed on a schedule of consultations ahead of the UN General Assembly.`,
  ),
  p(
    'S02',
    'mid_rf',
    2002,
    '2024-09-12T16:30:00Z',
    'ru',
    `📞 12 сентября состоялся телефонный разговор Сергея Лаврова с Ван И по инициативе китайской стороны.

Министры обменялись мнениями о ситуации на Корейском полуострове и об украинском урегулировании, согласовали график консультаций в преддверии Генеральной Ассамблеи ООН.`,
  ),

  // S03 Zakharova briefing, 11 September.
  p(
    'S03',
    'mfa_russia',
    1003,
    '2024-09-11T12:00:00Z',
    'en',
    `🎙 Briefing by Foreign Ministry Spokeswoman Maria Zakharova (Moscow, September 11, 2024)

🔹 Sergey Lavrov's schedule
🔹 The 5th Russia-Africa ministerial conference in Sochi
🔹 The situation in the Kursk Region
🔹 Preparations for the BRICS summit in Kazan on October 22-24`,
  ),
  p(
    'S03',
    'ambrus_france',
    3003,
    '2024-09-11T18:00:00Z',
    'fr',
    `🎙 Point de presse de la porte-parole de la diplomatie russe Maria Zakharova (Moscou, 11 septembre 2024)

🔹 Agenda de Sergueï Lavrov
🔹 La 5e conférence ministérielle Russie-Afrique à Sotchi
🔹 La situation dans la région de Koursk
🔹 Les préparatifs du sommet des BRICS à Kazan du 22 au 24 octobre`,
  ),

  // S04 BRICS ministerial meeting in New York, 26 September.
  p(
    'S04',
    'mfa_russia',
    1004,
    '2024-09-26T22:00:00Z',
    'en',
    `🌐 On September 26, Foreign Minister Sergey Lavrov took part in a traditional BRICS Ministerial meeting held on the sidelines of the 79th session of the UN General Assembly in New York.

The Ministers exchanged views on peace and security, global economic stability and sustainable development. The Brazilian delegation presented an outline of its BRICS chairmanship in 2025.

#BRICS #UNGA79`,
  ),
  p(
    'S04',
    'mid_rf',
    2004,
    '2024-09-26T23:00:00Z',
    'ru',
    `🌐 26 сентября Министр иностранных дел Сергей Лавров принял участие в традиционной встрече министров БРИКС на полях 79-й сессии Генеральной Ассамблеи ООН в Нью-Йорке.

Министры обменялись мнениями по вопросам мира и безопасности, глобальной экономической стабильности и устойчивого развития. Бразильская делегация представила план своего председательства в БРИКС в 2025 году.

#БРИКС #UNGA79`,
  ),
  p(
    'S04',
    'brics_watch',
    5004,
    '2024-09-27T07:00:00Z',
    'en',
    `⚡️ NEW YORK: Foreign Minister Sergey Lavrov took part in a traditional BRICS Ministerial meeting held on the sidelines of the 79th session of the UN General Assembly in New York. The Ministers exchanged views on peace and security, global economic stability and sustainable development.`,
  ),

  // S05 Lavrov - Jaishankar meeting in New York, 25 September.
  p(
    'S05',
    'mfa_russia',
    1005,
    '2024-09-25T20:00:00Z',
    'en',
    `🇷🇺🇮🇳 On September 25, Foreign Minister Sergey Lavrov and Minister of External Affairs of India Subrahmanyam Jaishankar met on the sidelines of the 79th session of the UN General Assembly in New York.

They discussed the bilateral agenda, the upcoming BRICS summit in Kazan and the situation in the Asia-Pacific region.

#DruzhbaDosti`,
  ),
  p(
    'S05',
    'ambrus_france',
    3005,
    '2024-09-26T08:00:00Z',
    'fr',
    `🇷🇺🇮🇳 Le 25 septembre, Sergueï Lavrov et le ministre indien des Affaires extérieures Subrahmanyam Jaishankar se sont rencontrés en marge de la 79e session de l'Assemblée générale des Nations unies à New York.

Ils ont évoqué l'agenda bilatéral, le prochain sommet des BRICS à Kazan et la situation dans la région Asie-Pacifique.

#DruzhbaDosti`,
  ),

  // S06 Putin meets BRICS security officials, St Petersburg, 12 September.
  p(
    'S06',
    'mfa_russia',
    1006,
    '2024-09-12T13:00:00Z',
    'en',
    `🎙 President Vladimir Putin held a meeting with high-ranking representatives of BRICS states responsible for security matters.

📍 Saint Petersburg, September 12, 2024

This is the fourteenth meeting held by BRICS in this format. Over 34 countries have expressed their desire to participate in the activities of our association.

#BRICS`,
  ),
  p(
    'S06',
    'tass_monde',
    6006,
    '2024-09-12T13:40:00Z',
    'fr',
    `Le président russe Vladimir Poutine a rencontré à Saint-Pétersbourg les hauts représentants des BRICS chargés des questions de sécurité. Plus de 34 pays souhaitent participer aux activités de l'association.

#russie #brics`,
  ),
  p(
    'S06',
    'kremlin_ru',
    7006,
    '2024-09-12T12:50:00Z',
    'ru',
    `Владимир Путин провёл в Санкт-Петербурге встречу с высокими представителями государств БРИКС, курирующими вопросы безопасности.

Это уже четырнадцатая встреча в таком формате. Более 34 стран выразили желание участвовать в деятельности объединения.`,
  ),

  // S07 Lavrov interview to Newsweek, 7 October.
  p(
    'S07',
    'mfa_russia',
    1007,
    '2024-10-07T10:00:00Z',
    'en',
    `🎙 Foreign Minister Sergey Lavrov's interview to Newsweek magazine (October 7, 2024)

💬 Sergey Lavrov: Russia is open to a politico-diplomatic settlement that should remove the root causes of the crisis. On 14 June, President Vladimir Putin listed the prerequisites for the settlement. Kiev responded with an armed incursion into the Kursk Oblast on 6 August.`,
  ),
  p(
    'S07',
    'mid_rf',
    2007,
    '2024-10-07T11:00:00Z',
    'ru',
    `🎙 Интервью Министра иностранных дел России С.В.Лаврова журналу Newsweek (7 октября 2024 года)

💬 С.В.Лавров: Россия открыта для политико-дипломатического урегулирования, которое устранило бы первопричины кризиса. 14 июня Президент Владимир Путин перечислил условия урегулирования. Киев ответил на это вооружённым вторжением в Курскую область 6 августа.`,
  ),
  p(
    'S07',
    'diplo_digest',
    8007,
    '2024-10-07T15:00:00Z',
    'en',
    `🎙 Foreign Minister Sergey Lavrov's interview to Newsweek magazine (October 7, 2024)

💬 Sergey Lavrov: Russia is open to a politico-diplomatic settlement that should remove the root causes of the crisis. On 14 June, President Vladimir Putin listed the prerequisites for the settlement. Kiev responded with an armed incursion into the Kursk Oblast on 6 August.`,
    { name: 'Russian MFA 🇷🇺' },
  ),

  // S08 Lavrov - Abdelatty talks, 16 September.
  p(
    'S08',
    'mfa_russia',
    1008,
    '2024-09-16T15:00:00Z',
    'en',
    `🗓 On September 16, Sergey Lavrov and Foreign Minister of Egypt Badr Abdelatty held talks in Moscow.

The Ministers highlighted the construction of the El Dabaa nuclear power plant and the Russian industrial zone in the Suez Canal Economic Zone. They called for a ceasefire in Gaza and for a Palestinian state within the 1967 borders.`,
  ),
  p(
    'S08',
    'ambrus_france',
    3008,
    '2024-09-16T19:00:00Z',
    'fr',
    `🗓 Le 16 septembre, Sergueï Lavrov et le ministre égyptien des Affaires étrangères Badr Abdelatty ont tenu des pourparlers à Moscou.

Les ministres ont souligné la construction de la centrale nucléaire d'El Dabaa et la zone industrielle russe dans la zone économique du canal de Suez. Ils ont appelé à un cessez-le-feu à Gaza et à un État palestinien dans les frontières de 1967.`,
  ),

  // S09 Lavrov - Abdelatty phone call, 1 October (same people, another event).
  p(
    'S09',
    'mfa_russia',
    1009,
    '2024-10-01T17:00:00Z',
    'en',
    `📞 On October 1, Sergey Lavrov had a telephone conversation with Badr Abdelatty. The Ministers voiced serious concern over the escalation in Lebanon and agreed to coordinate steps at the UN Security Council.`,
  ),
  p(
    'S09',
    'mid_rf',
    2009,
    '2024-10-01T17:30:00Z',
    'ru',
    `📞 1 октября состоялся телефонный разговор Сергея Лаврова с Бадром Абдельатти. Министры выразили серьёзную обеспокоенность эскалацией в Ливане и договорились координировать шаги в Совете Безопасности ООН.`,
  ),

  // S10 Embassy statement on unilateral restrictions, 20 September.
  p(
    'S10',
    'rusemb_uk',
    9010,
    '2024-09-20T09:00:00Z',
    'en',
    `❗️ Over the past ten years the collective West has introduced more than 21,000 illegal restrictions against Russia. The share of national currencies in Russia's settlements with the SCO and EAEU countries has exceeded 90%, and with BRICS partners it has reached 65%.`,
  ),
  p(
    'S10',
    'mid_rf',
    2010,
    '2024-09-20T08:00:00Z',
    'ru',
    `❗️ За последние десять лет коллективный Запад ввёл против России более 21 000 нелегитимных ограничений. Доля национальных валют в расчётах России со странами ШОС и ЕАЭС превысила 90%, а с партнёрами по БРИКС достигла 65%.`,
  ),

  // S11 35 countries registered for the Kazan summit, 11 October.
  p(
    'S11',
    'mfa_russia',
    1011,
    '2024-10-11T12:00:00Z',
    'en',
    `🇷🇺 Vladimir Putin: As of today, 35 countries have registered to attend the BRICS summit in Kazan. We look forward to seeing the President of Turkmenistan there. #BRICS #Kazan2024`,
  ),
  p(
    'S11',
    'ambrus_france',
    3011,
    '2024-10-11T16:00:00Z',
    'fr',
    `🇷🇺 Vladimir Poutine : à ce jour, 35 pays se sont inscrits pour participer au sommet des BRICS à Kazan. Nous espérons y voir le Président du Turkménistan. #BRICS #Kazan2024`,
  ),
  p(
    'S11',
    'brics_watch',
    5011,
    '2024-10-11T13:00:00Z',
    'en',
    `🔥🔥 BREAKING 🔥🔥
Vladimir Putin: As of today, 35 countries have registered to attend the BRICS summit in Kazan. We look forward to seeing the President of Turkmenistan there.`,
  ),

  // S12 Kremlin aide on 32 countries confirmed, 18 October (same summit, another statement).
  p(
    'S12',
    'kremlin_ru',
    7012,
    '2024-10-18T10:00:00Z',
    'ru',
    `Помощник Президента Юрий Ушаков: участие в саммите БРИКС в Казани подтвердили 32 страны, 24 из них будут представлены на высшем уровне. Запланировано более 20 двусторонних встреч.`,
  ),
  p(
    'S12',
    'mfa_russia',
    1012,
    '2024-10-18T11:00:00Z',
    'en',
    `Presidential Aide Yury Ushakov: 32 countries have confirmed their participation in the BRICS summit in Kazan, 24 of them at the highest level. More than 20 bilateral meetings are planned.`,
  ),

  // S13 BRICS customs heads, 3 September; a copy with an emoji header.
  p(
    'S13',
    'rusembindia',
    4013,
    '2024-09-03T14:00:00Z',
    'en',
    `On September 3, the BRICS Customs Heads meeting, held this year under the chairmanship of the Federal Customs Service of Russia, took place. One of the key outcomes of the meeting was the signing of the Joint Plan of Action on mutual recognition of AEO Customs programmes.

#RussiaIndia #AEO`,
  ),
  p(
    'S13',
    'customs_news',
    10013,
    '2024-09-03T18:00:00Z',
    'en',
    `🛃📦 On September 3, the BRICS Customs Heads meeting, held this year under the chairmanship of the Federal Customs Service of Russia, took place. One of the key outcomes of the meeting was the signing of the Joint Plan of Action on mutual recognition of AEO Customs programmes. https://customs.gov.ru/news/2024/09/03`,
  ),

  // S14 CIS summit in Moscow, 8 October.
  p(
    'S14',
    'mfa_russia',
    1014,
    '2024-10-08T11:00:00Z',
    'en',
    `🎙 Remarks by President Vladimir Putin at the CIS Heads of State Council meeting (October 8, 2024)

In the first half of the year, the aggregate GDP of the Commonwealth grew by 4.7%, investment in fixed assets rose by 11.2%, and retail trade climbed by 8.6%. The share of national currencies in commercial transactions within the CIS has exceeded 85%.`,
  ),
  p(
    'S14',
    'kremlin_ru',
    7014,
    '2024-10-08T10:30:00Z',
    'ru',
    `🎙 Выступление Владимира Путина на заседании Совета глав государств СНГ (8 октября 2024 года)

В первом полугодии совокупный ВВП Содружества вырос на 4,7%, инвестиции в основной капитал – на 11,2%, розничная торговля – на 8,6%. Доля национальных валют в коммерческих операциях внутри СНГ превысила 85%.`,
  ),

  // S15 Lavrov at the G20 ministers' meeting, New York, 25 September (same day, place and man as S05).
  p(
    'S15',
    'mfa_russia',
    1015,
    '2024-09-25T23:00:00Z',
    'en',
    `📺 Sergey Lavrov's remarks at the G20 foreign ministers' meeting on the sidelines of the 79th Session.

📍 New York, September 25, 2024

Two years ago, BRICS member countries surpassed the G7 in terms of real GDP. The ten BRICS members will produce about 37% of the world's output, while the G7 will fall to 27%. #G20`,
  ),
  p(
    'S15',
    'ambrus_france',
    3015,
    '2024-09-26T10:00:00Z',
    'fr',
    `📺 Intervention de Sergueï Lavrov lors de la réunion des ministres des Affaires étrangères du G20 en marge de la 79e session.

📍 New York, le 25 septembre 2024

Il y a deux ans, les pays membres des BRICS ont dépassé le G7 en termes de PIB réel. Les dix membres des BRICS produiront environ 37 % de la production mondiale, tandis que le G7 tombera à 27 %. #G20`,
  ),

  // S16 Ambassador's interview in Mauritius: an undated text dump (positions 11-12).
  p(
    'S16',
    'dump_mu',
    11,
    null,
    'fr',
    `L’entretien de l’Ambassadrice de la Russie au Maurice Irada Zeynalova pour L’express:

Q: Le prochain sommet des BRICS 2024, à Kazan, devra confirmer le droit des membres de la coalition à dédollariser les échanges. C’est un sommet très important alors ?

R: Oui, très important. Les pays BRICS représentent plus d’un tiers du PIB mondial en parité de pouvoir d’achat.`,
  ),
  p(
    'S16',
    'dump_mu',
    12,
    null,
    'ru',
    `Интервью Посла России на Маврикии Ирады Зейналовой изданию L’express:

В: Следующий саммит БРИКС 2024 в Казани должен подтвердить право членов коалиции на дедолларизацию торговли. Это очень важный саммит?

О: Да, очень важный. На страны БРИКС приходится более трети мирового ВВП по паритету покупательной способности.`,
  ),

  // S17 Embassy reception in Port Louis, same dump (positions 13-14).
  p(
    'S17',
    'dump_mu',
    13,
    null,
    'en',
    `The Embassy of Russia in Port Louis hosted a reception on the occasion of Diplomat's Day. Ambassador Irada Zeynalova thanked the Ministry of Foreign Affairs of Mauritius for 56 years of friendly cooperation.`,
  ),
  p(
    'S17',
    'dump_mu',
    14,
    null,
    'fr',
    `L’Ambassade de Russie à Port-Louis a organisé une réception à l'occasion de la Journée du diplomate. L’Ambassadrice Irada Zeynalova a remercié le ministère des Affaires étrangères de Maurice pour 56 ans de coopération amicale.`,
  ),

  // S18 Lavrov meets the DPRK Foreign Minister, 17 September.
  p(
    'S18',
    'mfa_russia',
    1018,
    '2024-09-17T12:00:00Z',
    'en',
    `🇷🇺🇰🇵 On September 17, Foreign Minister Sergey Lavrov met with Foreign Minister of the DPRK Choe Son-hui, who stopped over in Moscow on her way to St Petersburg to participate in the first BRICS Women's Forum.`,
  ),
  p(
    'S18',
    'mid_rf',
    2018,
    '2024-09-17T12:30:00Z',
    'ru',
    `🇷🇺🇰🇵 17 сентября Министр иностранных дел Сергей Лавров встретился с Министром иностранных дел КНДР Цой Сон Хи, которая остановилась в Москве по пути в Санкт-Петербург для участия в первом Женском форуме БРИКС.`,
  ),

  // S19 Lavrov at MGIMO, 2 September; a French translation and a cut copy.
  p(
    'S19',
    'mfa_russia',
    1019,
    '2024-09-02T10:00:00Z',
    'en',
    `🎙 Sergey Lavrov's remarks at a meeting with students and faculty of MGIMO University (Moscow, September 2, 2024)

💬 I would like to congratulate all of you on Knowledge Day. MGIMO supplies the Foreign Ministry with most of its staff: two-thirds of graduates join the Ministry every year. Regional associations, such as the SCO, the EAEU, ASEAN and CELAC, play a significant role in the multipolar world order, and BRICS increasingly acts as a coordinator for these processes. Today, these 50 countries have again been rallied against Russia.`,
  ),
  p(
    'S19',
    'ambrus_france',
    3019,
    '2024-09-02T15:00:00Z',
    'fr',
    `🎙 Intervention de Sergueï Lavrov lors d'une rencontre avec les étudiants et les enseignants du MGIMO (Moscou, 2 septembre 2024)

💬 Je voudrais vous féliciter tous à l'occasion de la Journée du savoir. Le MGIMO fournit au ministère l'essentiel de son personnel. Les associations régionales comme l'OCS, l'UEEA, l'ASEAN et la CELAC jouent un rôle important dans l'ordre mondial multipolaire, et les BRICS coordonnent de plus en plus ces processus. Aujourd'hui, ces 50 pays se sont de nouveau ralliés contre la Russie.`,
  ),
  p(
    'S19',
    'lavrov_quotes',
    12019,
    '2024-09-02T11:00:00Z',
    'en',
    `💬 Regional associations, such as the SCO, the EAEU, ASEAN and CELAC, play a significant role in the multipolar world order, and BRICS increasingly acts as a coordinator for these processes. Today, these 50 countries have again been rallied against Russia.`,
  ),

  // S20 Lavrov after the East Asia Summit, Vientiane, 11 October.
  p(
    'S20',
    'mfa_russia',
    1020,
    '2024-10-11T09:00:00Z',
    'en',
    `🎙 Sergey Lavrov's remarks following the 19th East Asia Summit

📍 Vientiane, October 11, 2024

The final declaration has not been adopted because of the attempts by the United States, Japan, South Korea, Australia and New Zealand to turn it into a political statement. Several ASEAN countries want closer ties with BRICS.`,
  ),
  p(
    'S20',
    'mid_rf',
    2020,
    '2024-10-11T09:30:00Z',
    'ru',
    `🎙 Выступление С.В.Лаврова по итогам 19-го Восточноазиатского саммита

📍 Вьентьян, 11 октября 2024 года

Итоговая декларация не принята из-за попыток США, Японии, Южной Кореи, Австралии и Новой Зеландии превратить её в политическое заявление. Ряд стран АСЕАН хотят сблизиться с БРИКС.`,
  ),

  // S21 Putin meets Berdimuhamedov, 11 October (same day as S11 and S20).
  p(
    'S21',
    'kremlin_ru',
    7021,
    '2024-10-11T15:00:00Z',
    'ru',
    `11 октября Владимир Путин встретился с Национальным лидером туркменского народа Гурбангулы Бердымухамедовым. 60 российских регионов сотрудничают с партнёрами в Туркменистане.`,
  ),
  p(
    'S21',
    'ambrus_france',
    3021,
    '2024-10-11T19:00:00Z',
    'fr',
    `Le 11 octobre, Vladimir Poutine a rencontré le leader national du peuple turkmène Gurbanguly Berdimuhamedov. 60 régions russes coopèrent avec des partenaires au Turkménistan.`,
  ),

  // S22 BRICS Legal Forum, 19 September.
  p(
    'S22',
    'mfa_russia',
    1022,
    '2024-09-19T08:00:00Z',
    'en',
    `🎙 Sergey Lavrov's video address to participants in the 9th BRICS Legal Forum (Moscow, September 19, 2024)

The Forum's central theme, Law: Safeguarding a Fair World, meets the current agenda. Russia is firmly committed to the principles of the UN Charter.`,
  ),
  p(
    'S22',
    'mid_rf',
    2022,
    '2024-09-19T08:10:00Z',
    'ru',
    `🎙 Видеообращение С.В.Лаврова к участникам IX Юридического форума БРИКС (Москва, 19 сентября 2024 года)

Центральная тема Форума «Право: обеспечение справедливого мира» отвечает актуальной повестке. Россия твёрдо привержена принципам Устава ООН.`,
  ),

  // S23 Russia-GCC ministerial in Riyadh, 9 September.
  p(
    'S23',
    'ambrus_france',
    3023,
    '2024-09-09T18:00:00Z',
    'fr',
    `🇷🇺💬 Déclarations de Sergueï Lavrov à l’issue de la septième réunion ministérielle du dialogue stratégique Russie-Conseil de coopération du Golfe (Riyad, le 9 septembre 2024):

🔹Washington veut maintenir son monopole sur tous les processus au Proche-Orient.
🔹Les BRICS ont doublé le nombre de leurs membres. Cette organisation a déjà reçu plus de 30 demandes d'adhésion.`,
  ),
  p(
    'S23',
    'mfa_russia',
    1023,
    '2024-09-09T16:00:00Z',
    'en',
    `🎙 Sergey Lavrov's answers to media questions following the 7th Russia-GCC Ministerial Meeting for Strategic Dialogue (Riyadh, September 9, 2024)

• Washington wants to preserve its monopoly over any processes in the Middle East.
• BRICS has doubled its membership. It has already received more than 30 applications.`,
  ),

  // S24 Lavrov - Jaishankar in Moscow, 8 July (same people as S05, much earlier: outside any window).
  p(
    'S24',
    'mid_rf',
    2024,
    '2024-07-08T10:00:00Z',
    'ru',
    `8 июля Сергей Лавров провёл в Москве переговоры с Министром иностранных дел Индии Субраманьямом Джайшанкаром. Обсуждались подготовка визита Нарендры Моди и саммит БРИКС в Казани.`,
  ),
  p(
    'S24',
    'ambrus_france',
    3024,
    '2024-07-08T15:00:00Z',
    'fr',
    `Le 8 juillet, Sergueï Lavrov a eu des entretiens à Moscou avec le ministre indien des Affaires étrangères Subrahmanyam Jaishankar. La visite de Narendra Modi et le sommet des BRICS à Kazan ont été abordés.`,
  ),

  // S25 SCO heads of government in Islamabad, 16 October: en, ru, fr and a forward without a link.
  p(
    'S25',
    'mfa_russia',
    1025,
    '2024-10-16T08:00:00Z',
    'en',
    `🇷🇺🇵🇰 On October 16, Prime Minister Mikhail Mishustin took part in the meeting of the SCO Council of Heads of Government in Islamabad. He proposed to increase the share of national currencies in mutual settlements, which already exceeds 92% in trade between Russia and China.

#SCO`,
  ),
  p(
    'S25',
    'mid_rf',
    2025,
    '2024-10-16T08:30:00Z',
    'ru',
    `🇷🇺🇵🇰 16 октября Председатель Правительства Михаил Мишустин принял участие в заседании Совета глав правительств государств – членов ШОС в Исламабаде. Он предложил увеличить долю национальных валют во взаиморасчётах, которая в торговле России и Китая уже превышает 92%.

#ШОС`,
  ),
  p(
    'S25',
    'ambrus_france',
    3025,
    '2024-10-16T12:00:00Z',
    'fr',
    `🇷🇺🇵🇰 Le 16 octobre, le Premier ministre Mikhaïl Michoustine a participé à la réunion du Conseil des chefs de gouvernement de l'OCS à Islamabad. Il a proposé d'augmenter la part des monnaies nationales dans les règlements mutuels, qui dépasse déjà 92 % dans le commerce entre la Russie et la Chine.`,
  ),
  p(
    'S25',
    'sco_digest',
    13025,
    '2024-10-16T09:00:00Z',
    'en',
    `🇷🇺🇵🇰 On October 16, Prime Minister Mikhail Mishustin took part in the meeting of the SCO Council of Heads of Government in Islamabad. He proposed to increase the share of national currencies in mutual settlements, which already exceeds 92% in trade between Russia and China.

#SCO`,
    { name: 'Russian MFA 🇷🇺' },
  ),

  // S26 Mishustin in Tehran, 30 September (same man, another trip): en + ru.
  p(
    'S26',
    'mfa_russia',
    1026,
    '2024-09-30T10:00:00Z',
    'en',
    `On September 30, Prime Minister Mikhail Mishustin met First Vice President of Iran Mohammad Reza Aref in Tehran. The sides noted that bilateral trade grew by 16.2% over seven months and discussed the North-South International Transport Corridor.`,
  ),
  p(
    'S26',
    'mid_rf',
    2026,
    '2024-09-30T10:30:00Z',
    'ru',
    `30 сентября Председатель Правительства Михаил Мишустин встретился в Тегеране с первым вице-президентом Ирана Мохаммадом Резой Арефом. Стороны отметили рост товарооборота на 16,2% за семь месяцев и обсудили международный транспортный коридор «Север – Юг».`,
  ),

  // S27 Zakharova on the Kursk Region, 3 October: ru original, en translation, a cut copy of the Russian.
  p(
    'S27',
    'mid_rf',
    2027,
    '2024-10-03T13:00:00Z',
    'ru',
    `Мария Захарова: с 6 августа в Курской области пострадали более 600 мирных жителей, из них 31 ребёнок. Киевский режим использует западное оружие против гражданской инфраструктуры Суджи и Рыльска. Мы направили соответствующие материалы в ООН и ОБСЕ.`,
  ),
  p(
    'S27',
    'mfa_russia',
    1027,
    '2024-10-03T15:00:00Z',
    'en',
    `Maria Zakharova: Since August 6, more than 600 civilians have been injured in the Kursk Region, including 31 children. The Kiev regime uses Western weapons against civilian infrastructure in Sudzha and Rylsk. We have sent the relevant materials to the UN and the OSCE.`,
  ),
  p(
    'S27',
    'zakharova_quotes',
    14027,
    '2024-10-03T14:00:00Z',
    'ru',
    `‼️ Киевский режим использует западное оружие против гражданской инфраструктуры Суджи и Рыльска. Мы направили соответствующие материалы в ООН и ОБСЕ.`,
  ),

  // S28 Zakharova on the Kursk Region, 10 October (same woman, same region, new figures): en + fr.
  p(
    'S28',
    'mfa_russia',
    1028,
    '2024-10-10T12:00:00Z',
    'en',
    `Maria Zakharova: Over the past week, Ukrainian drones attacked Kursk Region settlements 147 times. A humanitarian convoy of 48 trucks reached Lgov on October 9.`,
  ),
  p(
    'S28',
    'ambrus_france',
    3028,
    '2024-10-10T16:00:00Z',
    'fr',
    `Maria Zakharova : au cours de la semaine écoulée, des drones ukrainiens ont attaqué 147 fois des localités de la région de Koursk. Un convoi humanitaire de 48 camions est arrivé à Lgov le 9 octobre.`,
  ),

  // S29 Russia-Africa conference dates announced, undated dump of an embassy (positions 40-42).
  p(
    'S29',
    'dump_za',
    40,
    null,
    'en',
    `The first ministerial conference of the Russia-Africa Partnership Forum will be held in Sochi on November 9-10. Sergey Lavrov will co-chair the plenary session with Moussa Faki Mahamat, Chairperson of the African Union Commission.`,
  ),
  p(
    'S29',
    'dump_za',
    41,
    null,
    'fr',
    `La première conférence ministérielle du Forum de partenariat Russie-Afrique se tiendra à Sotchi les 9 et 10 novembre. Sergueï Lavrov coprésidera la séance plénière avec Moussa Faki Mahamat, président de la Commission de l'Union africaine.`,
  ),
  p(
    'S29',
    'dump_za',
    42,
    null,
    'ru',
    `Первая министерская конференция Форума партнёрства Россия – Африка пройдёт в Сочи 9-10 ноября. Сергей Лавров будет сопредседательствовать на пленарном заседании вместе с председателем Комиссии Африканского союза Мусой Факи Махаматом.`,
  ),

  // S30 Embassy on grain supplies, same dump a few positions later (positions 44-45).
  p(
    'S30',
    'dump_za',
    44,
    null,
    'en',
    `Russia has shipped 200,000 tonnes of free grain to six African countries. The last vessel arrived in Mogadishu with 25,000 tonnes of wheat for Somalia.`,
  ),
  p(
    'S30',
    'dump_za',
    45,
    null,
    'ru',
    `Россия поставила 200 000 тонн бесплатного зерна в шесть африканских стран. Последнее судно доставило в Могадишо 25 000 тонн пшеницы для Сомали.`,
  ),

  // S31 Putin - Pezeshkian in Ashgabat, 11 October (same day as S11, S20, S21): ru + en + forward with link.
  p(
    'S31',
    'kremlin_ru',
    7031,
    '2024-10-11T14:00:00Z',
    'ru',
    `11 октября в Ашхабаде Владимир Путин провёл переговоры с Президентом Ирана Масудом Пезешкианом. Путин пригласил иранского коллегу на саммит БРИКС в Казань 22–24 октября.`,
  ),
  p(
    'S31',
    'mfa_russia',
    1031,
    '2024-10-11T14:30:00Z',
    'en',
    `On October 11, Vladimir Putin held talks in Ashgabat with President of Iran Masoud Pezeshkian. Putin invited his Iranian counterpart to the BRICS summit in Kazan on October 22-24.`,
  ),
  p(
    'S31',
    'rusembiran',
    15031,
    '2024-10-11T15:00:00Z',
    'en',
    `On October 11, Vladimir Putin held talks in Ashgabat with President of Iran Masoud Pezeshkian. Putin invited his Iranian counterpart to the BRICS summit in Kazan on October 22-24.`,
    { ...MFA, postId: 1031 },
  ),

  // S32 A repost of S04 two weeks later with a comment (outside the window: only its link can join it).
  p(
    'S32',
    'brics_watch',
    5032,
    '2024-10-12T07:00:00Z',
    'en',
    `📌 Reminder: a month before the Kazan summit, the BRICS ministers met in New York to prepare the declaration. Full text: https://mid.ru/en/foreign_policy/news/1971234/`,
  ),

  // Singles: same topics, nothing to pair with.
  p(
    'N01',
    'mfa_russia',
    1101,
    '2024-09-10T18:00:00Z',
    'en',
    `🌍 The Russian Foreign Ministry will host the first ministerial conference of the Russia-Africa Partnership Forum in Sochi on November 9-10.`,
  ),
  p(
    'N02',
    'mid_rf',
    2102,
    '2024-09-11T08:00:00Z',
    'ru',
    `Сергей Лавров примет участие в конференции по евразийской безопасности в Минске 31 октября.`,
  ),
  p(
    'N03',
    'ambrus_france',
    3103,
    '2024-09-26T12:00:00Z',
    'fr',
    `L'Ambassade organise une exposition consacrée à Youri Gagarine à Paris du 1er au 15 octobre.`,
  ),
  p(
    'N04',
    'brics_watch',
    5104,
    '2024-10-11T20:00:00Z',
    'en',
    `Opinion: why the BRICS summit in Kazan matters for the Global South, and what Vladimir Putin expects from it.`,
  ),
  p(
    'N05',
    'dump_mu',
    15,
    null,
    'ru',
    `Посольство России поздравляет маврикийских друзей с Днём независимости и желает им мира и процветания.`,
  ),
];

/** Pairs that look alike on purpose (same people, place or day) but are different stories. */
export const HARD_NEGATIVES: HardNegative[] = [
  { a: 'S01', b: 'S02', why: 'Lavrov and Wang Yi, two days apart' },
  { a: 'S05', b: 'S15', why: 'Lavrov in New York on the same day, two events' },
  { a: 'S05', b: 'S04', why: 'New York, BRICS, consecutive days' },
  { a: 'S08', b: 'S09', why: 'Lavrov and Abdelatty, talks vs call' },
  { a: 'S11', b: 'S12', why: 'Kazan summit attendance, two counts a week apart' },
  { a: 'S11', b: 'S21', why: 'Putin and Turkmenistan on the same day' },
  { a: 'S20', b: 'S21', why: 'the same day, different meetings' },
  { a: 'S16', b: 'S17', why: 'the same ambassador in neighbouring dump positions' },
  { a: 'S05', b: 'S24', why: 'Lavrov and Jaishankar, July vs September' },
  { a: 'S03', b: 'S01', why: 'Lavrov and the Kazan summit a day apart' },
  { a: 'S06', b: 'S02', why: 'the same day, BRICS vs China' },
  { a: 'N04', b: 'S11', why: 'Putin, BRICS, Kazan on the same day' },
  { a: 'S25', b: 'S26', why: 'Mishustin, trade shares, two trips' },
  { a: 'S27', b: 'S28', why: 'Zakharova on the Kursk Region a week apart' },
  { a: 'S29', b: 'S30', why: 'Africa, the same embassy dump, neighbouring positions' },
  { a: 'S31', b: 'S21', why: 'Putin in Ashgabat on the same day, two meetings' },
  { a: 'S31', b: 'S11', why: 'Putin, Kazan summit, the same day' },
  { a: 'S32', b: 'S04', why: 'a later comment on the same meeting, not the statement' },
];
