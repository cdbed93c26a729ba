// The bodies and countries statements name most whose names share no letters across languages: the United Nations
// (ООН, الأمم المتحدة, 联合国, Birleşmiş Milletler), the European Union (ЕС, Евросоюз, 欧盟, Avrupa Birliği), the
// regional bodies (the OIC, the Arab League, the African Union, ECOWAS = CEDEAO, the GCC), the IMF, the World Bank,
// the ICC, the relief and press-freedom bodies (Médecins sans frontières = أطباء بلا حدود, Reporters sans frontières,
// Transparency International), the WHO (ВОЗ, OMS), the OSCE (ОБСЕ), the SCO (ШОС), the CSTO, the CIS, the EAEU, the
// IAEA (МАГАТЭ), the ICRC, the United States (Estados Unidos, Соединённые Штаты), the United Kingdom (Reino Unido,
// Великобритания). Name keys (translit.ts) meet a name spelled in other letters; these are translated, word for word
// or into an acronym of other letters, so each is one key (`=un`, `=usa`), like the gazetteer's ONU, ООН and США.
// Not the WTO: on the development splits its key merged only the appointment of its head with a tribute the same day.

/**
 * Each body's names, lower case: words of a phrase are stems (a word that begins with one matches: наций, Націями,
 * milletler'in); a phrase of one word in a script written without spaces is found inside a run of text.
 */
const NAMES: Readonly<Record<string, string>> = {
  un:
    'united nations|nations unies|naciones unidas|nazioni unite|nações unidas|nacoes unidas|vereinte nationen|' +
    'vereinten nationen|verenigde naties|narodów zjednoczonych|narodow zjednoczonych|объединённых наци|' +
    "объединенных наци|объединённые наци|объединенные наци|об’єднаних наці|об'єднаних наці|обєднаних наці|" +
    "аб’яднаных нацы|аб'яднаных нацы|ηνωμένα έθνη|ηνωμενα εθνη|ηνωμένων εθνών|ηνωμενων εθνων|birleşmiş milletler|" +
    'birlesmis milletler|perserikatan bangsa|bangsa-bangsa bersatu|liên hợp quốc|lien hop quoc|الأمم المتحدة|' +
    'الامم المتحدة|سازمان ملل|اقوام متحدہ|האומות המאוחדות|संयुक्त राष्ट्र|জাতিসংঘ|联合国|聯合國|国連|유엔|สหประชาชาติ',
  eu:
    'european union|union européenne|union europeenne|unión europea|union europea|unione europea|união europeia|' +
    'uniao europeia|europäische union|europäischen union|europaische union|europaischen union|europese unie|' +
    'unia europejsk|unii europejskiej|unię europejską|европейский союз|европейского союз|европейском союз|' +
    'европейскому союз|европейским союз|евросоюз|європейський союз|європейського союз|європейському союз|' +
    'європейським союз|євросоюз|еўрапейскі саюз|еўрапейскага саюз|еўрасаюз|ευρωπαϊκή ένωση|ευρωπαϊκής ένωσης|' +
    'ευρωπαικη ενωση|ευρωπαικης ενωσης|avrupa birliği|avrupa birligi|uni eropa|kesatuan eropah|' +
    'liên minh châu âu|lien minh chau au|الاتحاد الأوروبي|الاتحاد الاوروبي|' +
    'اتحادیه اروپا|یورپی یونین|האיחוד האירופי|यूरोपीय संघ|欧盟|歐盟|欧州連合|유럽연합|สหภาพยุโรป',
  oic:
    'organisation of islamic cooperation|organization of islamic cooperation|' +
    'organisation of the islamic conference|organization of the islamic conference|' +
    'organisation de la coopération islamique|organisation de la cooperation islamique|' +
    'organización de cooperación islámica|organización para la cooperación islámica|' +
    'organizzazione della cooperazione islamica|organização de cooperação islâmica|' +
    'organização para a cooperação islâmica|organisation für islamische zusammenarbeit|' +
    'организаци исламского сотрудничеств|організаці ісламського співробітництв|islam işbirliği teşkilat|' +
    'islam isbirligi teskilat|organisasi kerja sama islam|organisasi kerjasama islam|منظمة التعاون الإسلامي|' +
    'منظمة التعاون الاسلامي|سازمان همکاری اسلامی|伊斯兰合作组织|伊斯蘭合作組織|イスラム協力機構|이슬람협력기구',
  arab_league:
    'arab league|league of arab states|ligue arabe|ligue des états arabes|ligue des etats arabes|liga árabe|' +
    'liga arabe|liga de los estados árabes|liga dos estados árabes|lega araba|arabische liga|arabischen liga|' +
    'лиг арабск государств|ліг арабськ держав|arap birliği|arap birligi|liga arab|جامعة الدول العربية|' +
    'الجامعة العربية|' +
    'اتحادیه عرب|阿拉伯国家联盟|阿拉伯國家聯盟|アラブ連盟|아랍연맹',
  au:
    'african union|union africaine|unión africana|union africana|unione africana|união africana|uniao africana|' +
    'afrikanische union|afrikanischen union|африканск союз|африканськ союз|afrika birliği|afrika birligi|' +
    'uni afrika|الاتحاد الأفريقي|الاتحاد الافريقي|اتحادیه آفریقا|非洲联盟|非洲聯盟|アフリカ連合|아프리카연합',
  ecowas:
    'economic community of west african states|communauté économique des états de l’afrique de l’ouest|' +
    "communauté économique des états de l'afrique de l'ouest|communaute economique des etats de l'afrique de l'ouest|" +
    'comunidade económica dos estados da áfrica ocidental|comunidade econômica dos estados da áfrica ocidental|' +
    'comunidade económica de estados da áfrica ocidental|comunidade econômica de estados da áfrica ocidental|' +
    'comunidad económica de los estados de áfrica occidental|comunità economica degli stati dell’africa occidentale|' +
    'wirtschaftsgemeinschaft westafrikanischer staaten|экономическ сообществ стран западной африк|' +
    'економічн співтовариств країн західної африк|المجموعة الاقتصادية لدول غرب أفريقيا|' +
    'المجموعة الاقتصادية لدول غرب افريقيا|إيكواس|ايكواس|الإيكواس|الايكواس|西非国家经济共同体|西非經濟共同體',
  gcc:
    'gulf cooperation council|cooperation council for the arab states of the gulf|conseil de coopération du golfe|' +
    'conseil de cooperation du golfe|consejo de cooperación del golfo|consiglio di cooperazione del golfo|' +
    'golf-kooperationsrat|совет сотрудничества арабск государств|рада співробітництва арабськ|' +
    'körfez işbirliği konseyi|مجلس التعاون الخليجي|' +
    'مجلس التعاون لدول الخليج|شورای همکاری خلیج|海湾合作委员会|海合会|湾岸協力会議',
  imf:
    'international monetary fund|fonds monétaire international|fonds monetaire international|' +
    'fondo monetario internacional|fondo monetario internazionale|fundo monetário internacional|' +
    'fundo monetario internacional|internationaler währungsfonds|internationale währungsfonds|' +
    'internationalen währungsfonds|międzynarodow fundusz walutow|международн валютн фонд|міжнародн валютн фонд|' +
    'uluslararası para fonu|dana moneter internasional|صندوق النقد الدولي|صندوق بین‌المللی پول|' +
    'صندوق بین المللی پول|国际货币基金组织|國際貨幣基金組織|国際通貨基金|국제통화기금',
  world_bank:
    'world bank|banque mondiale|banco mundial|banca mondiale|weltbank|bank światow|bank dunia|всемирн банк|світов банк|' +
    'dünya bankası|dunya bankasi|البنك الدولي|بانک جهانی|世界银行|世界銀行|세계은행',
  icc:
    'international criminal court|cour pénale internationale|cour penale internationale|' +
    'corte penal internacional|corte penale internazionale|internationale strafgerichtshof|' +
    'internationalen strafgerichtshof|międzynarodow trybunał karn|международн уголовн суд|' +
    'міжнародн кримінальн суд|uluslararası ceza mahkemesi|mahkamah pidana internasional|المحكمة الجنائية الدولية|' +
    'دیوان کیفری بین‌المللی|国际刑事法院|國際刑事法院|国際刑事裁判所|국제형사재판소',
  msf:
    'doctors without borders|médecins sans frontières|medecins sans frontieres|médicos sin fronteras|' +
    'medicos sin fronteras|medici senza frontiere|médicos sem fronteiras|medicos sem fronteiras|ärzte ohne grenzen|' +
    'aerzte ohne grenzen|artsen zonder grenzen|lekarze bez granic|врачи без границ|лікарі без кордонів|' +
    'sınır tanımayan doktorlar|dokter lintas batas|أطباء بلا حدود|پزشکان بدون مرز|无国界医生|無國界醫生|国境なき医師団|' +
    '국경없는의사회',
  rsf:
    'reporters without borders|reporters sans frontières|reporters sans frontieres|reporteros sin fronteras|' +
    'reporter senza frontiere|repórteres sem fronteiras|reporteres sem fronteiras|reporter ohne grenzen|' +
    'reporterzy bez granic|репортёры без границ|репортеры без границ|репортери без кордонів|' +
    'sınır tanımayan gazeteciler|مراسلون بلا حدود|خبرنگاران بدون مرز|无国界记者|無國界記者|国境なき記者団|국경없는기자회',
  ti:
    'transparency international|transparencia internacional|transparência internacional|' +
    'трансперенси интернешнл|трансперенсі інтернешнл|الشفافية الدولية|منظمة الشفافية|透明国际|透明國際',
  who:
    'world health organization|world health organisation|organisation mondiale de la santé|' +
    'organisation mondiale de la sante|organización mundial de la salud|organizacion mundial de la salud|' +
    'organizzazione mondiale della sanità|organizzazione mondiale della sanita|organização mundial da saúde|' +
    'organizacao mundial da saude|weltgesundheitsorganisation|wereldgezondheidsorganisatie|' +
    'światow organizacj zdrowia|swiatow organizacj zdrowia|всемирн организаци здравоохранени|' +
    'всесвітн організаці охорони здоров|сусветн арганізацы аховы здароўя|dünya sağlık örgüt|dunya saglik orgut|' +
    'organisasi kesehatan dunia|pertubuhan kesihatan sedunia|منظمة الصحة العالمية|سازمان بهداشت جهانی|' +
    'παγκόσμιος οργανισμός υγείας|παγκόσμιου οργανισμού υγείας|世界卫生组织|世界衛生組織|世卫组织|世界保健機関|' +
    '세계보건기구|องค์การอนามัยโลก',
  osce:
    'organization for security and co-operation in europe|organization for security and cooperation in europe|' +
    'organisation for security and co-operation in europe|organisation for security and cooperation in europe|' +
    'organisation pour la sécurité et la coopération en europe|' +
    'organisation pour la securite et la cooperation en europe|' +
    'organización para la seguridad y la cooperación en europa|' +
    'organizzazione per la sicurezza e la cooperazione in europa|' +
    'organisation für sicherheit und zusammenarbeit in europa|organizacj bezpieczeństwa i współpracy w europie|' +
    'организаци по безопасности и сотрудничеству в европе|організаці з безпеки та співробітництва в європі|' +
    'avrupa güvenlik ve işbirliği teşkilat|منظمة الأمن والتعاون في أوروبا|欧洲安全与合作组织|欧安组织|欧州安全保障協力機構',
  sco:
    'shanghai cooperation organisation|shanghai cooperation organization|organisation de coopération de shanghai|' +
    'organisation de cooperation de shanghai|organización de cooperación de shanghái|' +
    'organización de cooperación de shanghai|organizzazione per la cooperazione di shanghai|' +
    'shanghaier organisation für zusammenarbeit|szanghajsk organizacj współpracy|шанхайск организаци сотрудничеств|' +
    'шанхайськ організаці співробітництв|şanghay işbirliği örgüt|منظمة شنغهاي للتعاون|سازمان همکاری شانگهای|' +
    '上海合作组织|上合组织|上海協力機構|상하이협력기구',
  csto:
    'collective security treaty organization|collective security treaty organisation|' +
    'organisation du traité de sécurité collective|organisation du traite de securite collective|' +
    'organización del tratado de seguridad colectiva|организаци договора о коллективной безопасности|' +
    'організаці договору про колективну безпеку|منظمة معاهدة الأمن الجماعي|集体安全条约组织',
  cis:
    'commonwealth of independent states|communauté des états indépendants|communaute des etats independants|' +
    'comunidad de estados independientes|gemeinschaft unabhängiger staaten|wspólnot niepodległych państw|' +
    'содружеств независимых государств|співдружніст незалежних держав|співдружност незалежних держав|' +
    'كومنولث الدول المستقلة|رابطة الدول المستقلة|独立国家联合体|独联体',
  iaea:
    'international atomic energy agency|agence internationale de l’énergie atomique|' +
    "agence internationale de l'énergie atomique|agence internationale de l'energie atomique|" +
    'organismo internacional de energía atómica|organismo internacional de energia atomica|' +
    "organisme internacional d'energia atòmica|organisme internacional d’energia atòmica|" +
    'agenzia internazionale per l’energia atomica|agência internacional de energia atômica|' +
    'internationale atomenergie-organisation|internationalen atomenergie-organisation|' +
    'międzynarodow agencj energii atomowej|международн агентств по атомной энерги|' +
    'міжнародн агентств з атомної енергі|uluslararası atom enerjisi ajans|الوكالة الدولية للطاقة الذرية|' +
    'آژانس بین‌المللی انرژی اتمی|آژانس بین المللی انرژی اتمی|国际原子能机构|國際原子能總署|国際原子力機関|국제원자력기구',
  icrc:
    'international committee of the red cross|comité international de la croix-rouge|' +
    'comite international de la croix-rouge|comité internacional de la cruz roja|comitato internazionale della croce rossa|' +
    'internationale komitee vom roten kreuz|internationalen komitee vom roten kreuz|' +
    'międzynarodow komitet czerwonego krzyża|международн комитет красного креста|міжнародн комітет червоного хреста|' +
    'uluslararası kızılhaç komite|اللجنة الدولية للصليب الأحمر|كميته بين‌المللی صليب سرخ|红十字国际委员会|赤十字国際委員会',
  eaeu:
    'eurasian economic union|union économique eurasiatique|union economique eurasiatique|' +
    'unión económica euroasiática|union economica euroasiatica|eurasische wirtschaftsunion|' +
    'евразийск экономическ союз|євразійськ економічн союз|الاتحاد الاقتصادي الأوراسي|欧亚经济联盟',
};

/**
 * Agencies of the United Nations system and the OECD, known by acronyms of other letters in other languages (FAO =
 * ФАО, UNHCR = УВКБ = ACNUR, OECD = ОЭСР = OCDE). Their names are made of words other languages' names of them spell
 * alike (Organisation for Economic Co-operation = Organisation de coopération): those words keep their keys and the
 * agency's joins them, as a country's does. Read so, they found 4 more true pairs on the development splits and no
 * false one; read as the bodies above, whose words give way to the body's key, they lost true pairs (UNAIDS, one
 * false pair and no true one, is left out).
 */
const AGENCIES: Readonly<Record<string, string>> = {
  fao:
    'food and agriculture organization|food and agriculture organisation|' +
    "organisation des nations unies pour l'alimentation et l'agriculture|" +
    'organisation des nations unies pour l’alimentation et l’agriculture|' +
    'organización de las naciones unidas para la alimentación y la agricultura|' +
    'продовольственн и сельскохозяйственн организаци|продовольч та сільськогосподарськ організаці|' +
    'منظمة الأغذية والزراعة|سازمان خواربار و کشاورزی|联合国粮食及农业组织|联合国粮农组织|国連食糧農業機関',
  wfp:
    'world food programme|world food program|programme alimentaire mondial|programa mundial de alimentos|' +
    'programma alimentare mondiale|welternährungsprogramm|всемирн продовольственн программ|' +
    'всесвітн продовольч програм|برنامج الأغذية العالمي|世界粮食计划署|世界粮食計劃署|国連世界食糧計画',
  ilo:
    'international labour organization|international labour organisation|international labor organization|' +
    'organisation internationale du travail|organización internacional del trabajo|' +
    'organizzazione internazionale del lavoro|internationale arbeitsorganisation|' +
    'международн организаци труда|міжнародн організаці праці|منظمة العمل الدولية|国际劳工组织|国際労働機関',
  iom:
    'international organization for migration|international organisation for migration|' +
    'organisation internationale pour les migrations|organización internacional para las migraciones|' +
    'международн организаци по миграции|міжнародн організаці з міграції|المنظمة الدولية للهجرة|国际移民组织',
  unhcr:
    'un refugee|un refugees|united nations high commissioner for refugees|' +
    'haut-commissariat des nations unies pour les réfugiés|haut commissariat des nations unies pour les réfugiés|' +
    'alto comisionado de las naciones unidas para los refugiados|управлени верховного комиссара оон по делам беженцев|' +
    'агентств оон по делам беженцев|المفوضية السامية للأمم المتحدة لشؤون اللاجئين|联合国难民署',
  opcw:
    'organisation for the prohibition of chemical weapons|organization for the prohibition of chemical weapons|' +
    "organisation pour l'interdiction des armes chimiques|organisation pour l’interdiction des armes chimiques|" +
    'organización para la prohibición de las armas químicas|organisation für das verbot chemischer waffen|' +
    'организаци по запрещению химического оружия|організаці із заборони хімічної зброї|' +
    'منظمة حظر الأسلحة الكيميائية|禁止化学武器组织|化学兵器禁止機関',
  oecd:
    'organisation for economic co-operation and development|organization for economic co-operation and development|' +
    'organisation for economic cooperation and development|organization for economic cooperation and development|' +
    'organisation de coopération et de développement économiques|' +
    'organisation de cooperation et de developpement economiques|' +
    'organización para la cooperación y el desarrollo económicos|' +
    'organisation für wirtschaftliche zusammenarbeit und entwicklung|' +
    'организаци экономического сотрудничества и развития|організаці економічного співробітництва та розвитку|' +
    'منظمة التعاون الاقتصادي والتنمية|经济合作与发展组织|經濟合作暨發展組織|経済協力開発機構',
  icao:
    'international civil aviation organization|international civil aviation organisation|' +
    "organisation de l'aviation civile internationale|organisation de l’aviation civile internationale|" +
    'organización de aviación civil internacional|organizzazione internazionale dell’aviazione civile|' +
    'internationale zivilluftfahrtorganisation|международн организаци гражданской авиации|' +
    'міжнародн організаці цивільної авіації|منظمة الطيران المدني الدولي|国际民用航空组织|国际民航组织|国際民間航空機関',
  itu:
    'international telecommunication union|union internationale des télécommunications|' +
    'union internationale des telecommunications|unión internacional de telecomunicaciones|' +
    'unione internazionale delle telecomunicazioni|internationale fernmeldeunion|международн союз электросвязи|' +
    'міжнародн союз електрозв|الاتحاد الدولي للاتصالات|国际电信联盟|国際電気通信連合',
  upu:
    'universal postal union|union postale universelle|unión postal universal|unione postale universale|' +
    'weltpostverein|всемирн почтов союз|всесвітн поштов союз|الاتحاد البريدي العالمي|万国邮政联盟|万国郵便連合',
};

/** The bodies' name tokens (not the countries'): many statements of one day name them. */
export const BODY_TOKENS: ReadonlySet<string> = new Set(
  [...Object.keys(NAMES), ...Object.keys(AGENCIES)].map((k) => `name:=${k}`),
);

/**
 * Countries named in several words, or by words their other names do not spell, in the same form. Their words are
 * names of their own that other texts may spell alike (Britain = Британії, 英国 read as Britain), so they keep their
 * keys; the country's key joins them.
 */
const COUNTRIES: Readonly<Record<string, string>> = {
  usa:
    'united states|estados unidos|états-unis|etats-unis|stati uniti|vereinigte staaten|vereinigten staaten|' +
    'verenigde staten|stan zjednoczon|statele unite|соединённ штат|соединенн штат|сполучен штат|злучан штат|' +
    'ηνωμένες πολιτείες|ηνωμένων πολιτειών|ηνωμενες πολιτειες|ηνωμενων πολιτειων|amerika birleşik devlet|' +
    'الولايات المتحدة|ایالات متحده|amerika serikat|amerika syarikat|hoa kỳ|美国|美國|米国|미국|สหรัฐ',
  uk:
    'united kingdom|reino unido|royaume-uni|regno unito|vereinigte königreich|vereinigten königreich|' +
    'vereinigtes königreich|verenigd koninkrijk|zjednoczone królestwo|zjednoczonego królestwa|соединённое королевств|' +
    'соединенное королевств|соединённого королевств|соединенного королевств|сполучене королівств|' +
    'сполученого королівств|ηνωμένο βασίλειο|ηνωμένου βασιλείου|birleşik krallık|britain|grande-bretagne|' +
    'gran bretaña|gran bretagna|großbritannien|grossbritannien|wielk brytani|великобритани|' +
    'британи|британі|велик британі|великобритані|المملكة المتحدة|بريطانيا|' +
    'بریتانیا|britania raya|vương quốc anh|英国|英國|イギリス|영국|สหราชอาณาจักร',
  uae:
    'united arab emirates|émirats arabes unis|emirats arabes unis|emiratos árabes unidos|emiratos arabes unidos|' +
    'emirati arabi uniti|vereinigte arabische emirate|vereinigten arabischen emirate|' +
    'verenigde arabische emiraten|zjednoczone emiraty|zjednoczonych emiratów|объединённ арабск эмират|' +
    "объединенн арабск эмират|об’єднан арабськ емірат|об'єднан арабськ емірат|ηνωμένα αραβικά εμιράτα|" +
    'birleşik arap emirlik|الإمارات|الامارات|امارات متحده|uni emirat arab|emiriah arab bersatu|阿联酋|阿聯酋|아랍에미리트',
  saudi:
    'saudi|saoudi|saudit|saudí|saudyjsk|saoedi|саудовск|саудівськ|σαουδ|suudi|السعودي|' +
    'سعودی|arab saudi|沙特|サウジ|사우디',
  za:
    'south africa|afrique du sud|sudáfrica|sudafrica|südafrika|suedafrika|zuid-afrika|áfrica do sul|africa do sul|' +
    'república sul-africana|sud africa|republika południowej afryki|republice południowej afryki|южно-африканск|' +
    'південно-африканськ|νότια αφρική|νότιας αφρικής|güney afrika|جنوب أفريقيا|جنوب افريقيا|آفریقای جنوبی|' +
    'afrika selatan|nam phi|南非|南アフリカ|남아프리카|남아공|แอฟริกาใต้',
};

/** Their acronyms as written, capitals only: "UN" and "EU" are common words in no language in capitals. */
const ACRONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    UN: 'un',
    ONU: 'un',
    ООН: 'un',
    PBB: 'un',
    EU: 'eu',
    UE: 'eu',
    ЕС: 'eu',
    ЄС: 'eu',
    ΕΕ: 'eu',
    OIC: 'oic',
    OCI: 'oic',
    ОИС: 'oic',
    ЛАГ: 'arab_league',
    GCC: 'gcc',
    IMF: 'imf',
    FMI: 'imf',
    МВФ: 'imf',
    MSF: 'msf',
    RSF: 'rsf',
    МУС: 'icc',
    CCG: 'gcc',
    ECOWAS: 'ecowas',
    CEDEAO: 'ecowas',
    ЭКОВАС: 'ecowas',
    ЕКОВАС: 'ecowas',
    // In the gazetteer too (NATO = НАТО = OTAN); here for the elided article of l’OTAN.
    NATO: 'nato',
    OTAN: 'nato',
    НАТО: 'nato',
    USA: 'usa',
    // The short forms official texts use for countries the gazetteer keys as one name (=usa, =uk, =russia, =china,
    // =saudi): the United States and the UK in English, the Russian Federation and China in Russian and Ukrainian.
    US: 'usa',
    EEUU: 'usa',
    EUA: 'usa',
    UK: 'uk',
    РФ: 'russia',
    КНР: 'china',
    PRC: 'china',
    RPC: 'china',
    KSA: 'saudi',
    VAE: 'uae',
    UAE: 'uae',
    EAU: 'uae',
    ОАЭ: 'uae',
    ЮАР: 'za',
    ПАР: 'za',
    // WHO is a word too: beside a word in capitals it is read as shouted (WORDS_TOO).
    WHO: 'who',
    OMS: 'who',
    ВОЗ: 'who',
    ВООЗ: 'who',
    OSCE: 'osce',
    OSZE: 'osce',
    OBWE: 'osce',
    ОБСЕ: 'osce',
    ОБСЄ: 'osce',
    AGİT: 'osce',
    SCO: 'sco',
    OCS: 'sco',
    ШОС: 'sco',
    CSTO: 'csto',
    OTSC: 'csto',
    ОДКБ: 'csto',
    CIS: 'cis',
    CEI: 'cis',
    СНГ: 'cis',
    СНД: 'cis',
    IAEA: 'iaea',
    AIEA: 'iaea',
    OIEA: 'iaea',
    IAEO: 'iaea',
    МАГАТЭ: 'iaea',
    МАГАТЕ: 'iaea',
    ICRC: 'icrc',
    CICR: 'icrc',
    IKRK: 'icrc',
    МККК: 'icrc',
    МКЧХ: 'icrc',
    FAO: 'fao',
    ФАО: 'fao',
    WFP: 'wfp',
    PAM: 'wfp',
    ILO: 'ilo',
    OIT: 'ilo',
    МОТ: 'ilo',
    МОП: 'ilo',
    IOM: 'iom',
    OIM: 'iom',
    МОМ: 'iom',
    UNHCR: 'unhcr',
    HCR: 'unhcr',
    ACNUR: 'unhcr',
    УВКБ: 'unhcr',
    OPCW: 'opcw',
    OIAC: 'opcw',
    ОЗХО: 'opcw',
    ICAO: 'icao',
    OACI: 'icao',
    ИКАО: 'icao',
    ITU: 'itu',
    UIT: 'itu',
    МСЭ: 'itu',
    UPU: 'upu',
    ВПС: 'upu',
    OECD: 'oecd',
    OCDE: 'oecd',
    ОЭСР: 'oecd',
    ОЕСР: 'oecd',
    EAEU: 'eaeu',
    EAWU: 'eaeu',
    ЕАЭС: 'eaeu',
    ЄАЕС: 'eaeu',
  }),
);
// Turkish abbreviates Birleşmiş Milletler and Avrupa Birliği in two letters other languages use otherwise (a Swedish
// company is an AB).
const TURKISH_ACRONYMS: ReadonlyMap<string, string> = new Map([
  ['BM', 'un'],
  ['AB', 'eu'],
  ['ABD', 'usa'],
  ['BAE', 'uae'],
]);

const UNSPACED = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\u0980-\u09FF]+$/u;

interface Phrase {
  key: string;
  stems: string[];
  keep: boolean;
}
const byFirstWord = new Map<string, Phrase[]>();
const inside = new Map<string, string>();
const KEEP_WORDS = new Set([...Object.keys(COUNTRIES), ...Object.keys(AGENCIES)]);
for (const [key, names] of [
  ...Object.entries(NAMES),
  ...Object.entries(COUNTRIES),
  ...Object.entries(AGENCIES),
])
  for (const name of names.split('|')) {
    const stems = name.split(' ');
    const head = stems[0]!.slice(0, 3);
    if (stems.length === 1 && UNSPACED.test(name)) inside.set(name, key);
    else byFirstWord.set(head, [...(byFirstWord.get(head) ?? []), { key, stems, keep: KEEP_WORDS.has(key) }]);
  }

// The names written without spaces by their first character, longest first: most characters of a run begin none,
// and one look-up tells (a regular expression of every name tried each name at every character).
const insideByFirst = new Map<string, string[]>();
for (const name of [...inside.keys()].sort((a, b) => b.length - a.length))
  insideByFirst.set(name[0]!, [...(insideByFirst.get(name[0]!) ?? []), name]);

/** The listed names inside a run written without spaces, left to right, the longest at each place. */
function namesInside(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < run.length; i++) {
    const name = insideByFirst.get(run[i]!)?.find((n) => run.startsWith(n, i));
    if (name !== undefined) {
      out.push(name);
      i += name.length - 1;
    }
  }
  return out;
}

/** One body named in a text: its key, and the words (indices into the text's words) that name it. */
export interface Institution {
  key: string;
  first: number;
  last: number;
  written: string;
  /** Found inside a run of text written without spaces, which may hold other names too. */
  inside: boolean;
  /** The words are names of their own too (a country's): their keys stay. */
  keep: boolean;
}

// The first three letters a body's name can begin with (two for an acronym), in either case, one number each: most
// words are told by them alone, before any string is made.
const code = (a: number, b: number, c: number): number => (a * 0x10000 + b) * 0x10000 + c;
const HEADS = new Set<number>();
const cases = (ch: string | undefined): string[] =>
  ch === undefined ? [''] : [ch.toLowerCase(), ch.toUpperCase()];
for (const head of [...byFirstWord.keys(), ...ACRONYMS.keys(), ...TURKISH_ACRONYMS.keys()])
  for (const a of cases(head[0]))
    for (const b of cases(head[1]))
      for (const c of cases(head[2]))
        HEADS.add(code(a.charCodeAt(0), b.charCodeAt(0), c ? c.charCodeAt(0) : 0));
function mayBegin(w: string, at: number): boolean {
  const a = w.charCodeAt(at);
  const b = w.charCodeAt(at + 1);
  const c = w.charCodeAt(at + 2);
  // An acronym of two letters ends the word, or a Turkish case ending follows it (AB'nin).
  return (
    HEADS.has(code(a, b, c)) || ((Number.isNaN(c) || c === 0x27 || c === 0x2019) && HEADS.has(code(a, b, 0)))
  );
}

/**
 * Where a word begins after an elided article written onto it (l’Afrique, dell’ONU, L’Organisation at a sentence
 * start): 0 when it has none.
 */
function afterArticle(w: string): number {
  const a = w.search(/['’]/);
  return a > 0 && a <= 4 && /^\p{L}\p{Ll}*$/u.test(w.slice(0, a)) ? a + 1 : 0;
}

/** An acronym's key, an elided article written onto it or not (l’UE, d’ONU). */
function acronymOf(w: string, lang: string | null): string | undefined {
  // After an apostrophe, Turkish writes the case ending (AB'nin, BM'de); French and Italian have an article before.
  if (lang === 'tr' || lang === 'az') {
    const a = w.search(/['’]/);
    const turkish = TURKISH_ACRONYMS.get(a > 0 ? w.slice(0, a) : w);
    if (turkish !== undefined) return turkish;
  }
  return ACRONYMS.get(w.slice(afterArticle(w)));
}

/** The longest acronym listed (МАГАТЭ). */
const MAX_ACRONYM = Math.max(...[...ACRONYMS.keys()].map((a) => a.length));

// Acronyms that are words too, in a line set in capitals: French EAU (water), English WHO, Russian МОТ, French PAM,
// Dutch UIT.
const WORDS_TOO: ReadonlySet<string> = new Set(['EAU', 'WHO', 'МОТ', 'PAM', 'UIT']);
const shouted = (w: string | undefined): boolean => w !== undefined && w.length >= 2 && w === w.toUpperCase();

/** The phrase of the list that words[i..] say, the first word read as `first` (lower case), if any. */
function phraseAt(words: readonly string[], i: number, first: string): Phrase | undefined {
  return byFirstWord.get(first.slice(0, 3))?.find((p) => {
    const last = i + p.stems.length - 1;
    return (
      last < words.length &&
      first.startsWith(p.stems[0]!) &&
      p.stems.every((s, k) => k === 0 || words[i + k]!.toLowerCase().startsWith(s))
    );
  });
}

// Arabic writes "and" (و, ف) and the prepositions ب, ل and ك onto the next word, ل with the article as لل:
// والاتحاد, للأمم, بمنظمة, وبريطانيا are the list's الاتحاد, الأمم, منظمة, بريطانيا.
const ARABIC_CONJUNCTION = /^[وف]/u;
const ARABIC_PREPOSITION = /^[بلك]/u;

/** A word's Arabic forms without what is written onto it, most likely first (none for other words). */
function arabicBases(w: string): string[] {
  if (w.length < 4 || !/^[\u0600-\u06FF]/u.test(w)) return [];
  const out: string[] = [];
  const bare = ARABIC_CONJUNCTION.test(w) ? w.slice(1) : null;
  if (bare !== null) out.push(bare);
  for (const x of bare === null ? [w] : [w, bare]) {
    if (x.startsWith('لل')) out.push('ال' + x.slice(2));
    else if (ARABIC_PREPOSITION.test(x)) out.push(x.slice(1));
  }
  return out;
}

/** The bodies a text's words name; `lang`, the text's language, tells how it abbreviates them. */
export function institutionsIn(words: readonly string[], lang: string | null): Institution[] {
  const out: Institution[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const c = w.charCodeAt(0);
    if (c >= 0x980) {
      // The list holds only names of such scripts: any word of them may be searched.
      for (const name of namesInside(w))
        out.push({ key: inside.get(name)!, first: i, last: i, written: name, inside: true, keep: true });
      continue;
    }
    const apostrophe = w.length > 2 && (w.includes('’') || w.includes("'"));
    const from = apostrophe ? afterArticle(w) : 0;
    const may = mayBegin(w, from);
    let at = may ? phraseAt(words, i, w.slice(from).toLowerCase()) : undefined;
    if (at === undefined && c >= 0x600 && c <= 0x6ff)
      for (const base of arabicBases(w)) if ((at = phraseAt(words, i, base)) !== undefined) break;
    if (at !== undefined) {
      const last = i + at.stems.length - 1;
      out.push({
        key: at.key,
        first: i,
        last,
        written: [w.slice(from), ...words.slice(i + 1, last + 1)].join(' '),
        inside: false,
        keep: at.keep,
      });
      i = last;
      continue;
    }
    if (!may) continue;
    if (WORDS_TOO.has(w) && (shouted(words[i - 1]) || shouted(words[i + 1]))) continue;
    const acronym = w.length <= MAX_ACRONYM || apostrophe ? acronymOf(w, lang) : undefined;
    if (acronym !== undefined)
      out.push({ key: acronym, first: i, last: i, written: w, inside: false, keep: true });
  }
  return out;
}
