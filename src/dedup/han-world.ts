// The states of the world, their capitals and larger cities in the news, the international bodies and the foreign
// leaders official channels name, as Chinese writes them (simplified, traditional, and the Taiwan and Hong Kong forms
// where they differ), each line "Latin spelling: forms". han-names.ts reads them beside its own list. Most of these
// are no sound-for-sound spelling (越南 Vietnam, 韩国 Korea, 意大利 Italy, 加拿大 Canada), or use characters that mostly
// write Chinese words (大, 国, 山), so the sound reader (han-sound.ts) cannot give them back.
//
// Left out on purpose: one-character abbreviations that are common words (美 "beautiful" for the USA, 法 "law" for
// France, 日 "day" for Japan, 菲 of 菲利普 Philippe for the Philippines, 乌 of 乌尔苏拉 Ursula for Ukraine), and names
// inside longer names or words they would be read in (马里 Mali in 马里乌波尔 Mariupol and 马里奥 Mario, 海地 Haiti in
// 沿海地区 "coastal areas", 中东 the Middle East in 中东部 "central and eastern").
export const HAN_WORLD = `
Vietnam: 越南
Korea: 韩国 韓國 南韩 南韓 大韩民国 大韓民國 韩 韓
Mongolia: 蒙古国 蒙古國 蒙古
Kazakhstan: 哈萨克斯坦 哈薩克斯坦 哈萨克 哈薩克
Uzbekistan: 乌兹别克斯坦 烏茲別克斯坦 乌兹别克 烏茲別克
Kyrgyzstan: 吉尔吉斯斯坦 吉爾吉斯斯坦 吉尔吉斯 吉爾吉斯
Tajikistan: 塔吉克斯坦 塔吉克
Turkmenistan: 土库曼斯坦 土庫曼斯坦 土库曼 土庫曼
Afghanistan: 阿富汗
Pakistan: 巴基斯坦
Bangladesh: 孟加拉国 孟加拉國 孟加拉
Nepal: 尼泊尔 尼泊爾
Sri Lanka: 斯里兰卡 斯里蘭卡
Maldives: 马尔代夫 馬爾代夫
Myanmar: 缅甸 緬甸
Thailand: 泰国 泰國
Laos: 老挝 老撾 寮國
Cambodia: 柬埔寨
Malaysia: 马来西亚 馬來西亞
Singapore: 新加坡
Brunei: 文莱 汶萊
Timor: 东帝汶 東帝汶
Iraq: 伊拉克
Saudi Arabia: 沙特阿拉伯 沙烏地阿拉伯 沙地阿拉伯
Emirates: 阿联酋 阿聯酋 阿拉伯联合酋长国 阿拉伯聯合酋長國
Qatar: 卡塔尔 卡塔爾 卡達
Kuwait: 科威特
Bahrain: 巴林
Oman: 阿曼
Yemen: 也门 也門
Jordan: 约旦 約旦
Lebanon: 黎巴嫩
Gaza: 加沙 加薩
Jerusalem: 耶路撒冷
Cyprus: 塞浦路斯 賽普勒斯
Georgia: 格鲁吉亚 格魯吉亞
Armenia: 亚美尼亚 亞美尼亞
Azerbaijan: 阿塞拜疆 亞塞拜然
Taiwan: 台湾 臺灣 台灣
Hong Kong: 香港
Macau: 澳门 澳門
Xinjiang: 新疆
Italy: 意大利 義大利
Spain: 西班牙
Portugal: 葡萄牙
Netherlands: 荷兰 荷蘭
Belgium: 比利时 比利時
Luxembourg: 卢森堡 盧森堡
Switzerland: 瑞士
Austria: 奥地利 奧地利
Sweden: 瑞典
Norway: 挪威
Denmark: 丹麦 丹麥
Finland: 芬兰 芬蘭
Iceland: 冰岛 冰島
Ireland: 爱尔兰 愛爾蘭
Poland: 波兰 波蘭
Czech: 捷克
Slovakia: 斯洛伐克
Hungary: 匈牙利
Romania: 罗马尼亚 羅馬尼亞
Bulgaria: 保加利亚 保加利亞
Serbia: 塞尔维亚 塞爾維亞
Croatia: 克罗地亚 克羅地亞 克羅埃西亞
Slovenia: 斯洛文尼亚 斯洛文尼亞
Bosnia: 波黑 波斯尼亚和黑塞哥维那 波斯尼亞和黑塞哥維那
Montenegro: 黑山
Macedonia: 北马其顿 北馬其頓 马其顿 馬其頓
Albania: 阿尔巴尼亚 阿爾巴尼亞
Kosovo: 科索沃
Greece: 希腊 希臘
Moldova: 摩尔多瓦 摩爾多瓦
Lithuania: 立陶宛
Latvia: 拉脱维亚 拉脫維亞
Estonia: 爱沙尼亚 愛沙尼亞
Malta: 马耳他 馬耳他
Vatican: 梵蒂冈 梵蒂岡
Canada: 加拿大
Mexico: 墨西哥
Cuba: 古巴
Venezuela: 委内瑞拉 委內瑞拉
Colombia: 哥伦比亚 哥倫比亞
Peru: 秘鲁 秘魯
Chile: 智利
Argentina: 阿根廷
Uruguay: 乌拉圭 烏拉圭
Paraguay: 巴拉圭
Bolivia: 玻利维亚 玻利維亞
Ecuador: 厄瓜多尔 厄瓜多爾
Nicaragua: 尼加拉瓜
Panama: 巴拿马 巴拿馬
Nigeria: 尼日利亚 尼日利亞 奈及利亞
Niger: 尼日尔 尼日爾
Ethiopia: 埃塞俄比亚 埃塞俄比亞 衣索比亞
Kenya: 肯尼亚 肯尼亞 肯亞
Somalia: 索马里 索馬里 索馬利亞
South Sudan: 南苏丹 南蘇丹
Sudan: 苏丹 蘇丹
Libya: 利比亚 利比亞
Algeria: 阿尔及利亚 阿爾及利亞
Morocco: 摩洛哥
Tunisia: 突尼斯
Chad: 乍得
Congo: 刚果 剛果
Angola: 安哥拉
Mozambique: 莫桑比克
Zimbabwe: 津巴布韦 津巴布韋
Zambia: 赞比亚 贊比亞
Tanzania: 坦桑尼亚 坦桑尼亞
Uganda: 乌干达 烏干達
Rwanda: 卢旺达 盧旺達
Ghana: 加纳 加納
Senegal: 塞内加尔 塞內加爾
Cameroon: 喀麦隆 喀麥隆
Gabon: 加蓬
Madagascar: 马达加斯加 馬達加斯加
Namibia: 纳米比亚 納米比亞
Eritrea: 厄立特里亚 厄立特里亞
Djibouti: 吉布提
Burundi: 布隆迪
Papua: 巴布亚新几内亚 巴布亞新幾內亞
Guinea: 几内亚 幾內亞
Australia: 澳大利亚 澳大利亞 澳洲 豪州
New Zealand: 新西兰 新西蘭 紐西蘭
Fiji: 斐济 斐濟
USA America: 米国
Africa: 非洲
Asia: 亚洲 亞洲
London: 伦敦 倫敦
Paris: 巴黎
Berlin: 柏林
Rome: 罗马 羅馬
Madrid: 马德里 馬德里
Vienna: 维也纳 維也納
Brussels: 布鲁塞尔 布魯塞爾
Warsaw: 华沙 華沙
Minsk: 明斯克
Tokyo: 东京 東京
Seoul: 首尔 首爾
Pyongyang: 平壤
Tehran: 德黑兰 德黑蘭
Damascus: 大马士革 大馬士革
Baghdad: 巴格达 巴格達
Cairo: 开罗 開羅
Ankara: 安卡拉
Istanbul: 伊斯坦布尔 伊斯坦布爾 伊斯坦堡
Delhi: 新德里
Islamabad: 伊斯兰堡 伊斯蘭堡
Kabul: 喀布尔 喀布爾
Hanoi: 河内 河內
Bangkok: 曼谷
Jakarta: 雅加达 雅加達
Manila: 马尼拉 馬尼拉
Kuala Lumpur: 吉隆坡
Astana: 阿斯塔纳 阿斯塔納
Tashkent: 塔什干
Bishkek: 比什凯克 比什凱克
Dushanbe: 杜尚别 杜尚別
Yerevan: 埃里温 埃里溫
Baku: 巴库 巴庫
Tbilisi: 第比利斯
Riyadh: 利雅得
Doha: 多哈
Abu Dhabi: 阿布扎比
Dubai: 迪拜 杜拜
Tel Aviv: 特拉维夫 特拉維夫
Beirut: 贝鲁特 貝魯特
Amman: 安曼
Canberra: 堪培拉
Ottawa: 渥太华 渥太華
Havana: 哈瓦那
Caracas: 加拉加斯
Nairobi: 内罗毕 內羅畢
Addis Ababa: 亚的斯亚贝巴 亞的斯亞貝巴
Petersburg: 圣彼得堡 聖彼得堡
Sochi: 索契
Donetsk: 顿涅茨克 頓涅茨克
Luhansk: 卢甘斯克 盧甘斯克
Kharkiv: 哈尔科夫 哈爾科夫
Odesa: 敖德萨 敖德薩
Mariupol: 马里乌波尔 馬里烏波爾
Zaporizhzhia: 扎波罗热 扎波羅熱
Kursk: 库尔斯克 庫爾斯克
Munich: 慕尼黑
Davos: 达沃斯 達沃斯
Hague: 海牙
Hiroshima: 广岛 廣島
Fukushima: 福岛 福島
Okinawa: 冲绳 沖繩
Shanghai: 上海
WHO: 世界卫生组织 世界衛生組織 世卫组织 世衛組織 世卫 世衛
IAEA: 国际原子能机构 國際原子能機構
ASEAN: 东盟 東盟 東協 东南亚国家联盟 東南亞國家聯盟
African Union: 非盟
Security Council: 安理会 安理會
UNHCR: 联合国难民署 聯合國難民署 难民署 難民署
UNICEF: 联合国儿童基金会 聯合國兒童基金會
WTO: 世界贸易组织 世界貿易組織 世贸组织 世貿組織
IMF: 国际货币基金组织 國際貨幣基金組織
World Bank: 世界银行 世界銀行
OPEC: 欧佩克 歐佩克
OSCE: 欧安组织 歐安組織
CSTO: 集安组织 集安組織
APEC: 亚太经合组织 亞太經合組織
Red Cross: 红十字 紅十字
Hamas: 哈马斯 哈馬斯
Hezbollah: 真主党 真主黨
Houthi: 胡塞
Taliban: 塔利班
Pentagon: 五角大楼 五角大樓
White House: 白宫 白宮
Kim Jong Un: 金正恩
Yoon: 尹锡悦 尹錫悅
Kishida: 岸田文雄 岸田
Ishiba: 石破茂 石破
Sunak: 苏纳克 蘇納克
Starmer: 斯塔默
Johnson: 约翰逊 約翰遜
Harris: 哈里斯
Obama: 奥巴马 奧巴馬 歐巴馬
Pompeo: 蓬佩奥 蓬佩奧
Tedros: 谭德塞 譚德塞
Annan: 安南
Ban: 潘基文
Leyen: 冯德莱恩 馮德萊恩
Michel: 米歇尔 米歇爾
Borrell: 博雷利
Scholz: 肖尔茨 蕭爾茨
Hollande: 奥朗德 奧朗德
Abbas: 阿巴斯
Khamenei: 哈梅内伊 哈梅內伊
Raisi: 莱希 萊希 萊西
Pezeshkian: 佩泽希齐扬 佩澤希齊揚
Araghchi: 阿拉格齐 阿拉格齊
Kuleba: 库列巴 庫列巴
Shoigu: 绍伊古 紹伊古
Ramaphosa: 拉马福萨 拉馬福薩
Prabowo: 普拉博沃
Joko: 佐科
Marcos: 马科斯 馬科斯
Anwar: 安瓦尔 安瓦爾
Aliyev: 阿利耶夫
Pashinyan: 帕希尼扬 帕希尼揚
Tokayev: 托卡耶夫
Mirziyoyev: 米尔济约耶夫 米爾濟約耶夫
Francis: 方济各 方濟各
`;
