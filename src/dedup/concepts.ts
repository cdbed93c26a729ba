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
    'mosque mezquita moschea moschee meczet мечет τζαμ مسجد cami= camii= masjid 清真寺 モスク 모스크 मस्जिद มัสยิด church= churches= église iglesia chiesa igreja kirche kościół церк церкв εκκλησ كنيسة کلیسا kilise gereja 教堂 教会 교회 गिरजाघर โบสถ์',
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
  cooperation:
    'cooperat cooperaci cooperaç cooperaz cooperar zusammenarbeit kooperat współprac сотруднич співпрац співробітництв συνεργασ συνεργαζ تعاون يتعاون همکاری שיתוף_פעולה işbirliğ iş_birliğ kerja_sama kerjasama hop_tac 合作 協力 협력 सहयोग সহযোগিতা ความร่วมมือ',
  bilateral:
    'bilateral dwustronn двусторон двосторон διμερ ثنائي دوجانبه دو_جانبه دوطرفہ دو_طرفہ בילטרלי ikili= song_phuong 双边 雙邊 二国間 양자_간 양자회담 쌍무 द्विपक्षीय দ্বিপাক্ষিক ทวิภาคี',
  relations:
    'relations= ties= liens= relaciones= lazos= relazioni= legami= relações= laços= beziehungen= stosunki= stosunków= stosunkach= stosunkami= отношения= отношений= отношениях= отношениям= отношениями= відносин стосунк σχέσεις= σχέσεων= علاقات روابط تعلقات יחסים ilişki hubungan quan_he 两国关系 兩國關係 外交关系 外交關係 双边关系 雙邊關係 両国関係 外交関係 二国間関係 양국_관계 양국관계 외교관계 외교_관계 संबंधों रिश्ते रिश्तों সম্পর্কের ความสัมพันธ์',
  meeting:
    'meeting= meetings= met_with meets_with rencontr réunion reunió= reunião reuniu= encuentro= encontro= incontro= incontri= incontrat riunion treffen= traf= trafen= zusammentreffen spotka spotyk встреч встрет зустріч зустрів зустріл συναντη لقاء اجتماع= اجتماعات= التقى يلتقي دیدار ملاقات اجلاس פגישה פגישת נפגש görüşme görüşt bir_araya_geld pertemuan bertemu berjumpa gap_go cuoc_gap hoi_kien tiep_kien 会见 會見 会晤 會晤 面会 会合 만남 만났 회동 면담 मुलाकात मुलाक़ात बैठक বৈঠক সৌজন্য_সাক্ষাৎ พบปะ ประชุม',
  talks_discussed:
    'discuss discut held_talks exchanged_views entretenu intercambiaron_opiniones colloquio= colloqui= gespräch besprach besprochen erörter rozmow rozmawia omówi dyskut dyskus обсуд обсужд обменялись_мнениями обговор обмінялися_думками розмов συζητ ناقش يناقش مناقشة تباحث يتباحث وجهات_نظر رایزنی تبادل_نظر تبادلہ_خیال بات_چیت שוחח ele_aldı görüş_alışverişi istişare membahas dibahas pembahasan berbincang perbincangan thao_luan hoi_dam trao_doi_y_kien 讨论 討論 交换意见 交換意見 探讨 探討 意見交換 議論 話し合 논의 의견_교환 의견을_교환 चर्चा बातचीत আলোচনা หารือ แลกเปลี่ยนความคิดเห็น',
  support:
    'support soutien souten appui appuy apoy respald sostegn sostenere sostenut appoggi apoio apoia unterstütz wsparci wspier poparci popier поддерж підтрим υποστηρ στηριξ στηριζ دعم يدعم تدعم ندعم تأييد حمایت پشتیبانی תמיכה תומך תומכ destek dukungan mendukung didukung sokongan menyokong ung_ho ho_tro 支持 지지 समर्थन সমর্থন สนับสนุน',
  strengthen:
    'strengthen reinforc enhanc bolster renforc fortalec reforz refuerz rafforz reforç stärkung stärken= gestärkt wzmocn wzmacnia укреп зміцн ενισχ تعزيز يعزز تعزز نعزز توطيد تقویت تحکیم مضبوط חיזוק לחזק güçlendir memperkuat penguatan mempererat mengukuhkan memperkukuh tang_cuong 加强 加強 增强 增強 巩固 鞏固 强化 強化 강화 मजबूत मज़बूत सुदृढ़ জোরদার เสริมสร้าง กระชับ',
  development:
    'development développement desarroll svilupp desenvolv entwicklung rozwój rozwij развити развива розвит розвива αναπτυξ αναπτυσσ تنمية تنموي تطوير توسعه ترقی פיתוח kalkınma pembangunan phat_trien 发展 發展 発展 開発 개발 विकास উন্নয়ন พัฒนา',
  economy:
    'econom wirtschaft ökonom gospodark gospodarcz эконом економ οικονομ اقتصاد معیشت כלכל ekonomi kinh_te 经济 經濟 経済 경제 अर्थव्यवस्था आर्थिक অর্থনীতি অর্থনৈতিক เศรษฐกิจ',
  trade:
    'trade= trade_turnover commerc comerci handels handel= handlu= handlow торгов товарооборот торгів товарообіг εμπορ تجارة تجاري تجارت بازرگانی סחר ticaret ticari perdagangan thuong_mai 贸易 貿易 通商 무역 교역 व्यापार বাণিজ্য การค้า',
  investment:
    'investment investor invested= investing= invests= investiss inversion inversor investiment investidor investition investier inwestyc inwestor инвест інвест επενδυ استثمار مستثمر سرمایه_گذار سرمایہ_کاری השקע משקיע yatırım investasi pelabur dau_tu 投资 投資 투자 निवेश বিনিয়োগ ลงทุน',
  energy:
    'energy energi energetyc electricit electricid elettricit eletricid elektrizit энерг электроснабж енерг електроенерг ενεργεια ενεργειακ كهرب انرژی توانائی بجلی אנרגיה חשמל enerji listrik nang_luong dien_luc 能源 电力 電力 エネルギー 에너지 ऊर्जा बिजली জ্বালানি বিদ্যুৎ พลังงาน ไฟฟ้า',
  security:
    'security sécurit segurid sicurezz seguranç sicherheit bezpieczeństw безопасност безпек ασφαλει امني= امنية= امنیت سیکیورٹی ביטחון בטחון güvenlik keamanan keselamatan an_ninh 安全 安保 안보 안전보장 सुरक्षा নিরাপত্তা ความมั่นคง',
  partnership:
    'partner partena asociación_estratégica parceri parceiro партнер εταιρικ_σχεσ εταιροι= εταιρων= شراكة شريك شركاء شراکت שותפות שותפים ortakl kemitraan mitra rakan_kongsi doi_tac 伙伴 夥伴 パートナー 동반자 파트너 साझेदारी অংশীদার หุ้นส่วน',
  dialogue:
    'dialog диалог діалог διαλογ حوار گفتگو گفت_وگو مکالمہ דיאלוג diyalog doi_thoai 对话 對話 対話 대화 संवाद সংলাপ เสวนา',
  friendship:
    'friendship friendly amitié amical amistad amistos amiciz amichevol amizad freundschaft przyjaźń przyjaciel дружб дружеств дружеск φιλια= φιλιας= φιλικ صداقة صديق ودية دوست ידידות dostluk dostane= persahabatan bersahabat sahabat huu_nghi than_thien 友好 友谊 友誼 우호 우정 मित्रता दोस्ती मैत्री বন্ধুত্ব มิตรภาพ',
  invitation:
    'invit convit convid einlad eingeladen zaprosz zaprosi приглаш пригласи запрошення запросив προσκλησ προσκαλ προσκληθ تلبية_دعوة دعوة_رسمية به_دعوت دعوت_پر בהזמנת davet undangan mengundang diundang jemputan theo_loi_moi 邀请 邀請 招待 招請 초청 निमंत्रण आमंत्र আমন্ত্রণ คำเชิญ',
  message_letter:
    'message letter= letters= lettre mensaje messagg lettera= mensag posłani orędzi послани письмо= письма= письмом= посланн μηνυμα επιστολ رسالة رسائل برقية پیام= پیغام מכתב איגרת mesaj mektup pesan= perutusan warkah mesej thong_diep buc_thu 致信 致函 信函 贺信 賀信 書簡 親書 メッセージ 서한 친서 메시지 संदेश चिट्ठी শুভেচ্ছা_বার্তা চিঠি বাণী จดหมาย สาส์น',
  wishes:
    'wished= wishes= wishing= best_wishes souhait vœux deseó= deseos= augur desej wünsch życz пожела побажа бажаю ευχες= ευχων= ευχηθ ευχομαι تمنى يتمنى متمنيا آرزو نیک_خواہش איחל איחול מאחל diledi diliyor dilekler loi_chuc 祝愿 祝願 祝福 祈念 お祈り 기원했 기원한다 कामना কামনা อวยพร',
  recovery:
    'speedy_recovery quick_recovery swift_recovery prompt_rétablissement guérison pronta_recupera pronto_restab guarigion genesung wyzdrowieni powrotu_do_zdrowia выздоровлен одужанн αναρρωσ شفاء بهبودی صحتیابی صحت_یابی החלמה להחלים acil_şifa kesembuhan lekas_sembuh cepat_sembuh binh_phuc 早日康复 早日康復 康复 康復 早い回復 쾌유 जल्द_स्वस्थ शीघ्र_स्वस्थ स्वास्थ्य_लाभ আরোগ্য หายวันหายคืน',
  mourning:
    'mourn funeral deuil funérailles obsèques luto= exequias lutto esequie velório trauer staatstrauer beerdigung beisetzung begräbnis żałob pogrzeb траур похорон πενθ κηδει حداد= جنازة تشييع سوگ= سوگواری عزای_عمومی جنازہ جنازے הלוויה הלוויית יום_אבל אבל_לאומי yas= cenaze berkabung pemakaman pengebumian quoc_tang 悼念 默哀 葬礼 葬禮 国葬 服喪 葬儀 追悼 장례 추모 शोक अंतिम_संस्कार শোক_দিবস জানাজা শেষকৃত্য ไว้ทุกข์ พิธีศพ',
  tragedy:
    'tragedy tragedi tragic tragiq tragisch tragiczn tragödi трагеди траги трагеді трагічн τραγωδ τραγικ مأساة مأساوي فاجعه تراژدی المیہ טרגדיה טרגי trajedi trajik bi_kich tham_kich 悲剧 悲劇 惨剧 慘劇 惨事 비극 참사 त्रासदी ট্র্যাজেডি মর্মান্তিক โศกนาฏกรรม',
  disaster:
    'disaster disastr desastr catastroph catastrof katastroph klęsk_żywioł бедстви стихійн_лих καταστροφ كارثة كوارث بلای_طبیعی آفات= آفت= אסון אסונות felaket afet= afetin= afette= afetzede bencana tham_hoa 灾难 災難 灾害 災害 재난 재해 आपदा দুর্যোগ ภัยพิบัติ',
  emergency:
    'emergenc urgence emergenci emergenz notstand notfall ausnahmezustand stan_wyjątkow чрезвычайн_положени чрезвычайн_ситуац мчс= надзвичайн_стан надзвичайн_ситуац дснс= εκτακτ_αναγκ طوارئ اضطراری ایمرجنسی חירום olağanüstü_hal acil_durum darurat khan_cap 紧急 緊急 应急 應急 非常事態 비상사태 긴급 आपात জরুরি জরুরী ฉุกเฉิน',
  rescue:
    'rescu secour sauvet rescat socorr soccor salvatagg resgat rettung retter gerettet ratown ratunk спасат рятува διασωσ διασωστ انقاذ نجات امدادگر ریسکیو חילוץ מחלצים כוחות_הצלה kurtar penyelamat cuu_ho cuu_nan giai_cuu 救援 搜救 营救 營救 救助 捜索 구조대 구조작업 수색 बचाव উদ্ধার กู้ภัย',
  missing:
    'missing= disparu desaparecid dispersi= disperso= vermisst zaginion пропавш без_вести зникл αγνοουμεν αγνοειται مفقود ناپدید لاپتہ נעדר hilang mat_tich 失踪 失蹤 行方不明 실종 लापता নিখোঁজ สูญหาย',
  fire: 'wildfire blaze firefighter incendi waldbrand feuerwehr großbrand pożar пожар пожеж πυρκαγι φωτια حريق حرائق آتش_سوزی آگ= آتشزدگی שריפה שריפות שרפה yangın kebakaran hoa_hoan chay_rung vu_chay 火灾 火災 山火 火事 화재 산불 आगजनी आग_लग আগুন অগ্নিকাণ্ড ไฟไหม้ ไฟป่า เพลิงไหม้',
  storm:
    'storm= storms= hurricane typhoon cyclone tornado tempête ouragan typhon tormenta huracán tifón ciclón tempest uragan furacão tufão unwetter orkan wirbelsturm taifun hurrikan huragan tajfun nawałnic шторм ураган тайфун циклон буревій καταιγιδ κακοκαιρι τυφων عاصفة عواصف إعصار طوفان گردباد סערה הוריקן טייפון fırtına kasırga badai topan siklon taufan sieu_bao ap_thap_nhiet_doi 台风 颱風 飓风 颶風 风暴 風暴 台風 暴風 ハリケーン 태풍 허리케인 폭풍 तूफान तूफ़ान चक्रवात ঘূর্ণিঝড় พายุ',
  sanctions:
    'sanction sancion sanzion sanção sanções sanktion sankcj санкци санкці κυρωσεις= κυρωσεων= عقوبات تحریم پابندیاں پابندیوں סנקציות yaptırım sanksi sekatan trung_phat cam_van 制裁 제재 प्रतिबंध নিষেধাজ্ঞা คว่ำบาตร',
  crisis:
    'crisis crise crisi krise kryzys кризис криз κριση ازمة ازمات بحران משבר kriz krisis khung_hoang 危机 危機 위기 संकट সংকট সঙ্কট วิกฤต',
  conflict:
    'conflict conflit conflicto conflitt conflito konflikt конфликт конфлікт συρραξ συγκρουση= συγκρουσης= نزاع صراع تنازع סכסוך çatışma konflik xung_dot 冲突 衝突 紛争 분쟁 갈등 संघर्ष टकराव সংঘাত ความขัดแย้ง',
  escalation:
    'escalation escalate escalating= escalade escalada eskalation eskalier deeskalation desescalade desescalada eskalacj deeskalacj эскалац деэскалац ескалац деескалац κλιμακωσ αποκλιμακωσ تصعيد تشدید הסלמה tırmanma eskalasi leo_thang 局势升级 局勢升級 冲突升级 衝突升級 事态升级 事態升級 エスカレート エスカレーション 緊張緩和 확전 긴장_고조 긴장고조 긴장_완화 격화 บานปลาย ลดความตึงเครียด',
  restraint:
    'restraint preuve_de_retenue retenue_maximale contención moderazion contenção zurückhaltung powściągliwoś сдержанност стриманість стриманост αυτοσυγκρατησ ضبط_نفس خویشتن_داری خویشتنداری איפוק itidal menahan_diri kiem_che 克制 자제 संयम সংযম อดกลั้น',
  violence:
    'violen gewalt= gewaltt gewaltsam przemoc= przemocy= przemocą= насили насильств насилл βια= βιας= βιαι عنف عنيف خشونت تشدد אלימות şiddet= şiddete= şiddetin= kekerasan bao_luc 暴力 폭력 हिंसा সহিংস ความรุนแรง',
  clashes:
    'clash heavy_fighting fierce_fighting affrontement combats= enfrentamiento combates= scontri= scontro= combattiment confronto gefecht kämpfe= zusammenstoß starci столкновени бои= боях= боев= зіткнен бої= боїв= συγκρουσεις= συγκρουσεων= μαχες= μαχων= οδομαχ اشتباك معارك درگیری زد_و_خورد جھڑپ עימותים bentrokan pertempuran pertembungan giao_tranh dung_do 交火 激战 激戰 交战 交戰 交戦 戦闘 충돌 교전 झड़प সংঘর্ষ ปะทะ สู้รบ',
  troops:
    'troops= troop= soldier servicemen= servicemembers= service_members troupes= tropas= truppe= truppen= soldat soldado= soldados= żołnierz войска= войск= войскам= войсками= войсках= солдат военнослужащ війська= військ= військам= військами= військах= військовослужбовц στρατευματ στρατιωτες= στρατιωτων= στρατιωτη= στρατιωτης= قوات جنود جندي سرباز فوجیوں سپاہی חייל asker= askerler pasukan prajurit askar= binh_si binh_linh quan_linh 士兵 部队 部隊 军人 軍人 兵士 병력 군인 장병 सैनिक সৈন্য সেনাসদস্য ทหาร',
  military:
    'militar militaire armed_forces army= armies= armee ejército esercito exército fuerzas_armadas forze_armate forças_armadas forces_armées streitkräfte wojsk armia= armii= sił_zbrojn военн арми вооруженн_сил військов армі збройн_сил στρατιωτικ στρατος= στρατου= στρατο= ενοπλ_δυναμ عسكر جيش ارتش نظامی فوج= فوجی= افواج צבא askeri= ordusu= silahlı_kuvvet militer= tentara= angkatan_tentera angkatan_bersenjata quan_doi quan_su 军事 軍事 军队 軍隊 军方 軍方 군사 군대 국군 सेना सैन्य সেনাবাহিনী সামরিক กองทัพ',
  weapons:
    'weapon arms= ammunition armament armement munition armes= arma= armas= armi= municion munizion municao municoes waffe= waffen= waffenlieferung rüstung broń= uzbrojeni amunicj оружи вооружени боеприпас зброя= зброї= зброю= зброєю= озброєнн боєприпас οπλα= οπλων= οπλισμ πυρομαχικ اسلحة سلاح ذخيرة ذخائر تسلیحات جنگ_افزار ہتھیار اسلحہ כלי_נשק תחמושת silah= silahlar silahı= mühimmat senjata persenjataan amunisi vu_khi dan_duoc 武器 弹药 彈藥 军火 軍火 弾薬 무기를 무기가 무기의 무기와 무기_지원 탄약 हथियार অস্ত্র อาวุธ',
  shelling:
    'shelling= shelled= bombard βομβαρδ airstrike air_strike air_raid pilonnage frappe_aérienne ataque_aéreo raid_aere attacc_aere beschuss luftangriff luftschlag ostrzał nalot обстрел авиаудар бомбардир обстріл авіаудар бомбардуван αεροπορικ_επιδρομ قصف غارة غارات بمباران گلوله_باران بمباری گولہ_باری הפגז הפצצ hava_saldırı serangan_udara gempur bedilan phao_kich khong_kich oanh_tac 炮击 炮擊 轰炸 轟炸 空袭 空襲 砲撃 空爆 포격 공습 폭격 गोलाबारी बमबारी हवाई_हमल গোলাবর্ষণ বিমান_হামলা โจมตีทางอากาศ ยิงถล่ม ทิ้งระเบิด',
  shooting:
    'shooting gunman= gunmen= shot_dead gunfire fusillade tireur tiroteo pistolero balacera tiroteio atirador baleado sparatori uomo_armato schießerei erschossen schüsse= strzelanin zastrzel стрельб застрел стрілянин πυροβολισμ πυροβοληθηκ اطلاق_رصاص رميا_رصاص تیراندازی فائرنگ פיגוע_ירי אירוע_ירי נורה_למוות silahlı_saldır vurularak ateş_açtı penembak ditembak tembakan xa_sung tay_sung ban_chet 枪击 槍擊 枪手 槍手 开枪 開槍 枪杀 槍殺 銃撃 発砲 射殺 銃乱射 총격 총기_난사 총기난사 사살 गोलीबारी गोली_मार গুলিবর্ষণ বন্দুকধারী มือปืน กราดยิง เหตุยิง ถูกยิง',
  bomb: 'bomb= bombs= bombing bomber= bombers= bombe= bombes= engin_explosif bomba= bombas= coche_bomba ordign bomben= bombenanschlag sprengsatz bomby= ładunek_wybuchow бомба= бомбы= бомбу= бомб= бомбой= бомби= бомбою= смертник βομβα= βομβες= βομβας= βομβων= εκρηκτικ_μηχανισμ قنبلة قنابل عبوة_ناسفة تفجير انتحاري بمب= بمبگذاری بم_دھماک פצצה פצצות מטען_נפץ bombalı pengebom bom_bunuh_diri ledakan_bom letupan_bom danh_bom qua_bom 炸弹 炸彈 爆弾 폭탄 बम_धमाक बम_विस्फोट बम_हमल বোমা วางระเบิด คาร์บอมบ์',
  occupation:
    'occupation= occupied_territor occupying_forces occupying_power territoires_occupés territorios_ocupados fuerzas_de_ocupacion territori_occupati besatzungsmacht besatzungstrupp besatzungsarmee besetzte_gebiet okupac okupowan okupant оккупац оккупир оккупант окупац окупован окупант κατοχη= κατοχης= κατεχομεν احتلال محتل اشغال مقبوضہ قابض כיבוש הכבושים işgal pendudukan chiem_dong 占领 佔領 占領 점령 कब्जा कब्ज़ा कब्जे कब्ज़े দখল ยึดครอง',
  territorial_integrity:
    'territorial_integrity intégrité_territoriale integridad_territorial integrità_territoriale integridade_territorial territoriale_integrität integralnoś_terytorialn территориальн_целостност територіальн_цілісн εδαφικ_ακεραιοτητ سلامة_اراضي وحدة_اراضي سلامة_اقليمية تمامیت_ارضی علاقائی_سالمیت שלמות_טריטוריאלית השלמות_הטריטוריאלית שלמותה_הטריטוריאלית toprak_bütünlüğ integritas_wilayah keutuhan_wilayah integriti_wilayah toan_ven_lanh_tho 领土完整 領土完整 領土の一体性 領土保全 영토_보전 영토보전 영토_완전성 क्षेत्रीय_अखंडता আঞ্চলিক_অখণ্ডতা บูรณภาพแห่งดินแดน',
  international_law:
    'international_law droit_international derecho_internacional diritto_internazionale direito_internacional völkerrecht prawa_międzynarodow prawo_międzynarodow международного_права международное_право международному_праву международным_правом міжнародного_права міжнародне_право міжнародному_праву міжнародним_правом διεθνους_δικαιου διεθνες_δικαιο قانون_دولي حقوق_بین_الملل بین_الاقوامی_قانون משפט_בינלאומי משפט_הבינלאומי uluslararası_hukuk hukum_internasional undang_undang_antarabangsa hukum_antarabangsa luat_phap_quoc_te luat_quoc_te 国际法 國際法 国際法 국제법 अंतरराष्ट्रीय_कानून अंतर्राष्ट्रीय_कानून अंतरराष्ट्रीय_क़ानून আন্তর্জাতিক_আইন กฎหมายระหว่างประเทศ',
  investigation:
    'investiga inquiry= inquiries= enquête indagin inchiest inquérito ermittlung untersuchung śledztw dochodzeni расследова следственн розслідуван слідч ανακρισ ανακριτ διερευν تحقيقات لجنة_تحقيق تحقيق_مستقل חקיר soruşturma penyelidikan investigasi siasatan penyiasatan dieu_tra 调查 調查 調査 捜査 수사 진상조사 जांच जाँच তদন্ত สอบสวน',
  arrest:
    'arrest detain garde_à_vue detenid detenc detid festgenommen festnahme verhaft areszt арест задержан задержал арешт затриман затримал συλληψ συνεληφθ συλληφθ اعتقال اعتقل معتقل احتجاز بازداشت دستگیر گرفتار מעצר נעצר gözaltı tutukl ditangkap penangkapan ditahan penahanan bat_giu tam_giu 逮捕 拘留 被捕 拘押 체포 구금 गिरफ्तार गिरफ़्तार हिरासत গ্রেপ্তার গ্রেফতার আটক จับกุม ควบคุมตัว',
  court_trial:
    'trial= sentenced verdict convicted jugement sentenci veredicto sentenza verdetto julgamento sentença urteil gerichtsverfahren wyrok skazan приговор вердикт судебн_процесс вирок судов_процес ποινη= ποινης= ετυμηγορ δικαστηρι محاكم دادگاه سزا_سنا גזר_דין הכרעת_דין בית_המשפט yargılan mahkum mahkeme persidangan vonis divonis perbicaraan dijatuhi_hukuman xet_xu tuyen_an phan_quyet 审判 審判 判决 判決 判处 判處 庭审 庭審 裁判 公判 재판 판결 선고 मुकदमा मुक़दमा सज़ा सजा_सुना বিচারকাজ দণ্ডিত พิพากษา พิจารณาคดี',
  protest:
    'protest demonstrator rally= rallies= manifestation manifestaci manifestazion manifestação manifestant demonstrant kundgebung demonstracj manifestacj протест митинг мітинг демонстрант διαδηλωσ διαδηλωτ διαμαρτυρ احتجاج مظاهرة مظاهرات متظاهر تظاهرات تظاهرة معترض مظاہرین מחאה מחאת הפגנ מפגינ gösterici protes= demonstrasi unjuk_rasa pengunjuk_rasa tunjuk_perasaan penunjuk_perasaan bieu_tinh 抗议 抗議 示威 集会 集會 デモ隊 시위대 시위를 시위가 시위에 항의 집회 विरोध_प्रदर्शन प्रदर्शनकारी বিক্ষোভ প্রতিবাদ ประท้วง ผู้ชุมนุม',
  decision:
    'decision decid decisão entscheid entschied beschluss beschloss decyzj postanowi решени решил рішенн вирішил ухвал αποφασ قرارات= اتخذ_قرار اتخاذ_قرار قرر تصمیم فیصلہ فیصلے החלטה החלטת החליט karar= kararı kararla kararname keputusan memutuskan diputuskan quyet_dinh 决定 決定 결정 निर्णय फैसला फ़ैसला সিদ্ধান্ত ตัดสินใจ',
  resolution:
    'resolution resolucion risoluzion resolucao entschließung rezolucj резолюц ψηφισμα مشروع_قرار قطعنامه הצעת_החלטה karar_tasarı resolusi nghi_quyet 决议 決議 결의안 ข้อมติ',
  vote: 'vote vota voto= votos= voti= scrutin= abstimm głosowa голосова проголосова голосува проголосува ψηφο ψηφισε ψηφισαν تصويت صوتت رای_گیری ووٹ הצבעה הצבעת הצביעו oyla oy_kullan pemungutan_suara mengundi pengundi bo_phieu 投票 表决 表決 採決 표결 투표 मतदान वोट ভোট ลงคะแนน ลงมติ',
  constitution:
    'constitution constitucion constituicao costituzion verfassung konstytucj конституц συνταγμα= συνταγματος= συνταγματικ دستورية دستوري= قانون_اساسی החוקה חוקתי anayasa konstitusi undang_undang_dasar perlembagaan hien_phap 宪法 憲法 헌법 संविधान সংবিধান รัฐธรรมนูญ',
  referendum:
    'referendum volksabstimmung референдум δημοψηφισμ استفتاء همه_پرسی ریفرنڈم משאל_עם referandum trung_cau_dan_y 公投 公民投票 全民公决 全民公決 国民投票 住民投票 국민투표 주민투표 जनमत_संग्रह जनमतसंग्रह গণভোট ประชามติ',
  inauguration:
    'inauguration sworn_in took_office oath_of_office investiture prête_serment entrée_en_fonction investidura toma_de_posesion giurament tomada_de_posse tomou_posse empossad amtseinführung vereidig amtsantritt amtseid zaprzysięż inauguracj инаугурац вступ_в_должност присяг інавгурац вступ_на_посад ορκωμοσι ορκιστηκ ανελαβε_καθηκοντα تنصيب اداء_يمين تحلیف حلف_اٹھا הושבע טקס_ההשבעה נכנס_לתפקיד yemin_etti yemin_tören göreve_başla pelantikan dilantik angkat_sumpah mengangkat_sumpah nham_chuc tuyen_the 就职 就職 就任 취임 शपथ শপথ สาบานตน เข้ารับตำแหน่ง',
  victory_win:
    'victory victories won= winner victoire remport victoria= triunf ganó= ganador vittoria vittorie= vinto= vincitor vitória= vitórias= venceu= vencedor sieg= siegt wahlsieg zwycięstw zwycięży wygrał побед перемог перемож переміг νικη= νικης= νικησε νικητ فوز= انتصار پیروز جیت ניצח zafer kazandı= kazanan kemenangan menang= memenangkan chien_thang thang_cu 胜利 勝利 获胜 獲勝 胜选 勝選 当選 승리 당선 जीत জয়লাভ বিজয়ী ชัยชนะ ชนะการเลือกตั้ง',
  exchange:
    'exchange échange intercambi canje scambi troca austausch gefangenenaustausch meinungsaustausch wymian обмен обмін ανταλλαγ تبادل مبادله חילופי_שבויים חילופי_אסירים חילופי_דעות עסקת_חילופין takas görüş_alışveriş pertukaran bertukar trao_doi 交换 交換 互换 互換 교환 आदान বিনিময় แลกเปลี่ยน',
  health:
    'health santé sanitari sanità= salud= saúde gesundheit zdrowi здоровь здравоохранен здоровя υγει صحة= صحية= صحي= بهداشت سلامت= صحت בריאות sağlık sağlığ kesehatan kesihatan y_te suc_khoe 健康 医疗 醫療 卫生 衛生 医療 保健 보건 건강 의료 स्वास्थ्य স্বাস্থ্য สุขภาพ สาธารณสุข',
  pandemic:
    'pandemi epidemi outbreak brote= brotes= seuche пандеми пандемі эпидеми епідемі πανδημι επιδημι جائحة وباء تفشي همه_گیری اپیدمی پاندمی وبا= وبائی מגפה salgın wabah wabak dai_dich dich_benh 疫情 大流行 流行病 疫病 パンデミック 感染拡大 팬데믹 전염병 감염병 महामारी মহামার ระบาด',
  vaccine:
    'vaccin vacun vacina vakzin impf szczepi вакцин прививк щеплен εμβολι لقاح تطعيم واکسن ویکسین חיסון aşılama aşısı= aşıları= aşıların= vaksin vac_xin tiem_chung tiem_phong 疫苗 接种 接種 ワクチン 백신 접종 वैक्सीन टीकाकरण টিকাদান ভ্যাকসিন วัคซีน',
  food: 'food hunger famine starv aliment nourriture faim= hambre hambrun cibo= carestia fome= lebensmittel nahrung ernährung żywnoś głod продовольств продовольч голод τροφιμ επισιτιστ πεινα طعام غذاء غذائي جوع مجاعة غذا= گرسنگی قحط خوراک بھوک מזון רעב gıda açlık açlığ pangan kelaparan makanan kebuluran luong_thuc thuc_pham nan_doi 粮食 糧食 食品 食物 饥饿 飢餓 饥荒 饑荒 食料 食糧 飢饉 식량 식품 굶주림 기근 खाद्य भोजन भूखे भुखमरी খাদ্য ক্ষুধা দুর্ভিক্ষ อาหาร หิวโหย',
  water:
    'water= potable potabil potável eau= agua= acqua= wasser= trinkwasser wasserversorgung woda= wody= wodę= wodociąg вода= воды= воду= водой= водоснабжен питьев води= водою= водопостачан питн νερο υδρευσ مياه ماء= آشامیدنی آبرسانی پانی מי_שתייה içme_su suyu= air_bersih air_minum nuoc_sach nuoc_uong 饮用水 飲用水 供水 飲料水 飲み水 給水 상수도 식수난 먹는_물 पेयजल पीने_का_पानी पीने_के_पानी খাবার_পানি পানীয়_জল বিশুদ্ধ_পানি น้ำดื่ม น้ำสะอาด น้ำประปา',
  climate:
    'climat clima= klima климат клімат κλιματ κλιμα= مناخ آب_و_هوا موسمیات אקלים iklim khi_hau 气候 氣候 気候 기후 जलवायु জলবায়ু ภูมิอากาศ',
  environment:
    'environment environnement medio_ambient meio_ambient ambiente= ambiental umwelt środowisk окружающ_сред экологи довкілл екологі περιβαλλ بيئة بيئي محیط_زیست زیست_محیطی ماحولیات איכות_הסביבה הגנת_הסביבה çevre= çevresel lingkungan_hidup alam_sekitar moi_truong 环境 環境 生态 生態 환경 पर्यावरण পরিবেশগত পরিবেশের สิ่งแวดล้อม',
  oil_gas:
    'oil= petrol natural_gas pipeline gaz_naturel gazoduc gasod gasdott oleod gas_natural erdgas erdöl naftow gazociąg ropociąg gaz_ziemn нефт нафт газопров природн_газ πετρελαι φυσικ_αερι نفط بترول غاز= خط_انابيب نفت گاز خط_لوله تیل= گیس= גז_טבעי doğalgaz doğal_gaz boru_hatt minyak gas_alam gas_asli dau_tho khi_dot 石油 天然气 天然氣 油气 油氣 输油管 輸油管 输气管 輸氣管 天然ガス パイプライン 原油 석유 원유 천연가스 가스관 송유관 कच्चे_तेल कच्चा_तेल प्राकृतिक_गैस पाइपलाइन पेट्रोलियम প্রাকৃতিক_গ্যাস পাইপলাইন অপরিশোধিত_তেল น้ำมัน ก๊าซธรรมชาติ ท่อส่งก๊าซ',
  human_rights:
    'human_rights droits_humains derechos_human diritti_uman direitos_human menschenrecht praw_człowiek прав_человек прав_людин ανθρωπιν_δικαιωματ حقوق_انسان حقوق_بشر انسانی_حقوق זכויות_האדם זכויות_אדם insan_hak hak_asasi nhan_quyen 人权 人權 人権 인권 मानवाधिकार मानव_अधिकार মানবাধিকার สิทธิมนุษยชน',
  freedom:
    'freedom libert liberdade freiheit wolnoś свобод ελευθερι حرية حريات حریت חופש_הביטוי חופש_העיתונות özgürlük özgürlüğ kebebasan 自由 자유 आज़ादी आजादी เสรีภาพ',
  women:
    'women woman girls= girl femme filles= fille= mujer donna= ragazze= mulher meninas= frauen mädchen kobiet dziewcz женщин девочк девушк жінк жінок дівчат дівчин γυναικ κοριτσ نساء نسائي امراة مراة فتيات زنان زن= دختران خواتین لڑکی הנשים לנשים kadın kız_çocuk perempuan wanita phu_nu be_gai 妇女 婦女 女性 女童 女孩 女の子 여성 소녀 महिला औरत लड़की लड़कियों নারী মহিলা ผู้หญิง สตรี เด็กหญิง',
  education:
    'educa school école escuela escola scuol schule bildung student étudiant estudiant estudant alumno alumna edukac szkoł studenc uczni образовани школ студент освіта= освіти= освіту= освітн εκπαιδευ σχολει μαθητ φοιτητ تعليم= تعليمي مدارس مدرسة طلاب طلبة آموزش مدرسه دانشجو دانش_آموز اسکول طلبہ طالب_علم חינוך בית_ספר בתי_ספר בית_הספר בתי_הספר תלמידי סטודנט eğitim okul öğrenci pendidikan sekolah siswa mahasiswa pelajar giao_duc truong_hoc hoc_sinh sinh_vien 教育 学校 學校 学生 學生 교육 학교 학생 शिक्षा स्कूल छात्र विद्यालय শিক্ষা স্কুল বিদ্যালয় ছাত্র การศึกษา โรงเรียน นักเรียน นักศึกษา',
  parliament:
    'parliament parlament parlemen lawmaker diputad legislador deputati= deputato= deputad bundestag abgeordnet sejm posłow парламент депутат госдум верховн_рад κοινοβουλ βουλευτ βουλη= βουλησ= برلمان مجلس_نواب مشرع پارلمان نمایندگان_مجلس پارلیمنٹ قومی_اسمبلی פרלמנט חברי_הכנסת חבר_הכנסת חברת_הכנסת meclis milletvekil dewan_perwakilan parlimen dewan_rakyat quoc_hoi nghi_vien nghi_si 议会 議會 国会 國會 议员 議員 議会 국회 संसद सांसद সংসদ รัฐสภา สภาผู้แทน',
  citizens:
    'citizen nationals= citoyen ressortissant ciudadan connacional cittadin connazional cidadã bürger= staatsangehörig staatsbürger obywatel гражданин граждане= граждан= гражданам= гражданами= громадяни= громадян= громадянам= громадянами= громадянин πολιτεσ= πολιτων= υπηκο مواطن رعايا شهروند vatandaş warga_negara warganegara cong_dan 公民 侨民 僑民 邦人 市民 시민 교민 নাগরিক พลเมือง',
  evacuation:
    'evacu evaku ewaku эваку евак εκκενω اجلاء اخلاء تخلیه انخلا פינוי מפונים so_tan 撤离 撤離 疏散 撤侨 撤僑 避難 退避 대피 피난 อพยพ',
  airport_flight:
    'airport flight aircraft plane= planes= airplane airliner aéroport aeropuert avion vuelo aeronave volo= voli= voo= voos= avião aviões flughafen flug= flüge= flugzeug lotnisk samolot аэропорт самолет рейс аеропорт літак αεροδρομ αεροσκαφ αεροπλαν πτησ مطار= مطارات طائرة طائرات رحلات_جوية رحلة_جوية فرودگاه هواپیما پرواز ہوائی_اڈ ہوائی_جہاز طیار נמל_התעופה שדה_התעופה טיסה טיסות מטוס havaalan havaliman uçak uçağ uçuş bandara pesawat penerbangan lapangan_terbang kapal_terbang san_bay may_bay chuyen_bay 机场 機場 航班 飞机 飛機 客机 客機 空港 航空機 旅客機 飛行機 공항 항공기 여객기 비행기 항공편 हवाई_अड्ड विमान उड़ान বিমানবন্দর বিমান ফ্লাইট สนามบิน เครื่องบิน เที่ยวบิน ท่าอากาศยาน',
  ship: 'ship vessel boat navire bateau embarcation embarcac buque barco nave= navi= imbarcazion navio schiff frachter statek statk okręt судно корабл корабел лодк теплоход човн човен πλοι σκαφ βαρκ سفينة سفن= قوارب زورق زوارق قایق نفتکش بحری_جہاز ספינה ספינות אונייה gemi tekne kapal perahu thuyen tau_chien tau_bien 船只 船隻 船舶 货船 貨船 渔船 漁船 貨物船 선박 어선 보트 नौका जलपोत युद्धपोत জাহাজ নৌকা เรือประมง เรือสินค้า เรือรบ',
  railway:
    'railway railroad rail= ferrovi chemin_de_fer ferrocarril trenes= treno= treni= trem= trens= eisenbahn bahnhof bahnstrecke kolejow pociąg= pociągu= pociągi= pociągów= железн_дорог железнодорож поезд= поезда= поездов= поезде= залізниц залізнич потяг= потягу= потяги= поїзд σιδηροδρομ τρενο τρενα= سكة_حديد سكك_حديد قطار راه_آهن ریلوے ٹرین= רכבת demiryol kereta_api duong_sat tau_hoa xe_lua 铁路 鐵路 列车 列車 火车 火車 高铁 高鐵 鉄道 철도 열차 기차 रेलवे रेलगाड़ी রেলওয়ে রেলপথ รถไฟ',
  bridge:
    'bridge pont= ponts= puente ponte= ponti= brücke mostu= mosty= мост міст= γεφυρ جسر پل= הגשר köprü jembatan jambatan cay_cau 大桥 大橋 桥梁 橋梁 교량 대교 সেতু สะพาน',
  dam: 'dams= embalse barragem staudamm talsperre damm= zapora= zapory= zaporze= дамб плотин гребл φραγμα سد= سدود ڈیم bendungan empangan dap_thuy 大坝 大壩 水坝 水壩 水库 水庫 댐 เขื่อน',
  power_plant:
    'power_plant power_station nuclear_plant central_nucl central_électri central_elétric central_elettric central_térmic central_thermi kraftwerk atomkraftwerk kernkraftwerk akw= elektrown электростанц аэс= тэц= гэс= електростанц аес= тес= гес= ηλεκτροπαραγωγ πυρηνικ_σταθμ محطة_نووية محطة_كهرباء محطة_طاقة محطة_توليد محطات_توليد نیروگاه بجلی_گھر پاور_پلانٹ תחנת_כוח תחנות_כוח כור_גרעיני santral pembangkit_listrik pltn= pltu= loji_jana stesen_jana nha_may_dien thuy_dien 核电站 核電站 核电厂 核電廠 发电站 發電站 电厂 電廠 水电站 水電站 発電所 原発 발전소 원전 बिजलीघर बिजली_संयंत्र परमाणु_संयंत्र पावर_प्लांट বিদ্যুৎকেন্দ্র বিদ্যুৎ_কেন্দ্র โรงไฟฟ้า',
  grain:
    'grain wheat cereal cereais blé= trigo= grano= granos= frumento grãos= getreide weizen zboż pszenic зерн пшениц σιτηρ σιταρι حبوب قمح غلات گندم اناج חיטים תבואה דגנים tahıl buğday gandum biji_bijian bijirin ngu_coc lua_mi 谷物 穀物 小麦 小麥 곡물 곡식 अनाज गेहूं गेहूँ শস্য ธัญพืช ข้าวสาลี',
  port_harbour:
    'harbour harbor seaport port= ports= portuai portuari portual puerto= puertos= hafen portu= порт= порта= порту= портов= порты= портах= портів= λιμαν λιμεν ميناء موانئ مرفا بندر بندرگاہ liman pelabuhan cang_bien ben_cang 港口 码头 碼頭 港湾 항구 항만 बंदरगाह बन्दरगाह সমুদ্রবন্দর নৌবন্দর ท่าเรือ',
  responsibility:
    'responsib accountab responsab responsáv verantwort odpowiedzialn ответственн відповідальн ευθυν مسؤولية مسئولية مسؤوليات محاسبة مسئولیت مسؤولیت پاسخگو ذمہ_دار ذمے_دار אחריות sorumlu hesap_ver tanggung_jawab bertanggung_jawab tanggungjawab trach_nhiem 责任 責任 问责 問責 책임 जिम्मेदार ज़िम्मेदार उत्तरदायी দায়িত্ব দায়ী รับผิดชอบ',
  regret:
    'regret sorrow saddened= sadness tristesse attrist lament tristeza rammaric tristezz bedauer trauer betrübt ubolew smutek= smutkiem сожале скорб печал шкодує жаль= λυπη λυπουμ θλιψ اسف= ياسف تاسف حزن متاسف اندوه افسوس دکھ= צער מצטער üzüntü üzgün esef menyesal penyesalan sedih kesedihan lam_tiec dang_tiec dau_buon 遗憾 遺憾 悲痛 痛心 残念 悲しみ 유감 슬픔 खेद दुख अफसोस अफ़सोस দুঃখ เศร้า น่าเสียดาย',
  shock:
    'shock horrif appall horror horreur consterna stupeur conmocion sconvolt orrore costernaz chocad schockiert entsetz erschütter wstrząs przeraż шокир потрясен ужас шоков нажахан σοκ= σοκαρ φρικ αποτροπιασμ صدم ذهول شوکه وحشت בהלם זעזוע מזועזע dehşet şoke terkejut terkedu bang_hoang soc= kinh_hoang 震惊 震驚 衝撃 ショック 충격 경악 स्तब्ध सदमा सदमे হতবাক স্তম্ভিত ตกใจ ช็อก',
  thanks:
    'thank gratitud gratidã grateful remerci agradec ringrazi grazie= dank bedank dziękuj podziękow wdzięczn благодарн благодарит благодарил поблагодар дяку подяк вдячн ευχαριστ شكر يشكر امتنان تشکر سپاس قدردانی مشکور תודה teşekkür minnet terima_kasih berterima_kasih cam_on biet_on 感谢 感謝 谢意 謝意 感激 감사드 감사의_뜻 धन्यवाद आभार ধন্যবাদ কৃতজ্ঞ ขอบคุณ',
  tribute:
    'tribute commemor honour_the_memory honor_the_memory memorial hommage homenaje conmemor omaggi homenage comemor gedenk andenken upamiętni uczczen odda_hołd почти_памят дань_памят дань_уважен вшану данину_памят φορο_τιμησ μνημοσυν تكريم احياء_ذكرى تخليد بزرگداشت گرامیداشت گرامی_داشت ادای_احترام خراج_عقیدت خراج_تحسین הנצחה להנציח לזכר טקס_זיכרון טקס_הזיכרון anma anısına saygı_duruş penghormatan mengenang memperingati tuong_niem tuong_nho 纪念 紀念 缅怀 緬懷 悼念 追悼 記念 慰霊 추모 기념 श्रद्धांजलि श्रद्धांजली শ্রদ্ধা ไว้อาลัย รำลึก',
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

// A phrase's stem of one to three letters is a whole word: "le" of cessez le feu, the syllables of Vietnamese y tế
// and tấn công. As stems they would begin any word (y_te would find "Yunanistan terörü").
const PHRASE_WORD = 3;
const phraseStemMatches = (forms: readonly string[], stem: string): boolean =>
  stemMatches(forms, stem, stem.length <= PHRASE_WORD);

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
    for (const p of lexicon.phrases.get(f[0]!) ?? []) if (phraseStemMatches([f], p.stems[0]!)) starts.push(p);
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
      if (p.stems.every((s, k) => k === 0 || phraseStemMatches(formsOf(words[i + k]!), s)))
        out.set(p.concept, words.slice(i, i + p.stems.length).join(' '));
    }
  }
  if (UNSPACED.test(folded))
    for (let i = 0; i < folded.length; i++)
      for (const a of lexicon.anywhere.get(folded[i]!) ?? [])
        if (!out.has(a.concept) && folded.startsWith(a.text, i)) out.set(a.concept, a.text);
  return out;
}
