"""Word lists the people recogniser leans on: titles, role nouns, given names, surnames."""


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and honorifics written before a name; they are never part of it.
CORE_TITLES = words_of("""
Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady King Queen Prince Princess Sheikh Emir
Sultan Pope Cardinal Bishop Rev Reverend Father Datuk Dato Dato' Datin Tun Puan Sri Seri
Haji Hajah President Vice-President Premier Vice-Premier Minister Secretary Secretary-General
Chancellor Governor Mayor Senator Congressman Congresswoman Representative Ambassador Consul
Commissioner Judge Justice Chairman Chairwoman Chairperson Chair Director Director-General
Executive Officer Inspector Superintendent Sergeant Constable Captain Colonel Lieutenant Admiral
Marshal Legislator Lawmaker Councillor Councilor Speaker Coach Commander Chief Envoy
Magistrate Supt Insp Lt Col Gen Maj Capt Sgt Cpl Brig Adm Cmdr Lieut Det Prof Rev Encik Cik
Tuan
""")
# Titles and suffixes written short with a full stop ("Lt. Col.", "Jr."), read as part of a
# name's run. A capitalised word ending a sentence ("King.") is not one.
ABBREVIATIONS = words_of("""
Lt Col Gen Maj Capt Sgt Cpl Brig Adm Cmdr Lieut Det Supt Insp Dr Prof Rev Mr Mrs Ms Gov Sen Rep
Hon Jr Sr Jnr Snr
""")
# Words that only qualify a title ("Chinese Foreign Minister", "Financial Secretary").
TITLE_QUALIFIERS = words_of("""
Vice Deputy Acting Prime Foreign Financial Home Interior Defence Defense Trade Finance Health
Education Security Labour Transport Justice Police Chief Senior Associate Assistant Executive
State Former Permanent Under Culture Commerce Economic Development Housing Environment
Chinese American British Malaysian Singaporean Japanese Korean Indian Australian Thai French
German Russian Indonesian Philippine Vietnamese Taiwanese Canadian Mainland
""")
NATIONALITIES = words_of("""
Chinese American British Malaysian Singaporean Japanese Korean Indian Australian Thai French
German Russian Indonesian Filipino Philippine Vietnamese Taiwanese Canadian European Asian
African Arab Muslim Christian Buddhist Malay Cantonese Mandarin English Western Eastern Mainland
""")
# Words that make a capitalised run an organisation, place, event or thing, not a person.
NOT_PERSON_WORDS = words_of("""
University College School Academy Institute Institution Association Society Foundation Trust
Council Congress Committee Commission Conference Summit Forum Chamber Commerce Group Holdings
Company Corporation Corp Inc Ltd Limited Bank Fund Exchange Agency Authority Bureau Department
Ministry Office Offices Government Party League Union Club Federation Alliance Network Centre
Center Hospital Airport Port Harbour Harbor Station Terminal Canal Bridge Tunnel Road Street
Avenue Square Garden Gardens Tower Building House Palace Court Island Islands River
Lake Sea Ocean Bay Mountain Valley City Town Village District Province State States Republic
Kingdom Empire Region County Territory Territories North South East West Central Asia Europe
Africa America Americas Pacific Atlantic Middle Games Cup Festival Expo Awards Prize Scheme
Programme Program Plan Project Initiative Act Ordinance Policy Report Index Times Post
News Daily Herald Journal Tribune Press Media Television Radio Channel Magazine Online Monday
Tuesday Wednesday Thursday Friday Saturday Sunday January February March April July
 September October November December Covid Christmas Lunar Year Week Road Global
National International World Standing Political Consultative People Chamber Mall Market Museum
Library Stadium Arena Hotel Restaurant Cafe Mosque Army Navy Force Forces Police
""")
# Nouns that end a description of someone ("veteran lawmaker", "liaison chief").
ROLE_NOUNS = words_of("""
academic activist actor actress athlete driver farmer fisherman hawker
planner runner shopkeeper stallholder swimmer vendor volunteer winner adviser advisor
ambassador analyst architect artist author
banker barrister billionaire boss broker businessman businesswoman campaigner candidate ceo
chair chairman chairwoman chancellor chef chief coach colleague commentator commissioner
consultant convenor co-founder councillor curator delegate deputy designer diplomat director
director-general doctor economist editor engineer entrepreneur envoy executive expert fellow
founder governor head historian inspector investor journalist judge lawmaker lawyer leader
lecturer legislator magnate manager mayor member minister novelist observer officer official
organiser owner partner photographer physician player politician premier president principal
professor pundit representative reporter researcher resident scholar scientist secretary
secretary-general singer solicitor specialist spokesman spokesperson spokeswoman strategist
student superintendent surgeon teacher trader tycoon veteran vice-chairman vice-president
writer commander guide gp nurse hawker magistrate officer chairperson mp mep councilor
""")
# Endings of nouns for what someone does ("glaciologist", "paediatrician", "photographer");
# the few common words with these endings that name no one are left out.
ROLE_ENDINGS = ("ologist", "ician", "ographer", "ist")
NOT_ROLE_ENDINGS = words_of("against exist insist resist consist assist persist list twist mist")
# Nouns for someone described by what they are doing, never a role ("Passenger Wang Lifen").
DESCRIPTOR_NOUNS = words_of("""
passenger resident commuter shopper parent voter patient victim visitor tourist neighbour
customer worker pupil retiree survivor witness motorist homeowner tenant fan
""")
# Nouns for a company or body: a capitalised run after one names it ("venture firm X").
ORGANISATION_NOUNS = words_of("""
group firm company line carrier operator developer agency body union party bank lender insurer
chain brand maker manufacturer retailer charity trust network association society club startup
start-up broker fund exchange newspaper paper channel broadcaster council ministry department
authority regulator watchdog think-tank publisher airline insurer consultancy miner
""")
# Nouns after which a capitalised run is a place ("the capital San Aurelio").
PLACE_NOUNS = words_of("""
capital city town village port province state county district region island suburb valley
municipality prefecture borough
""")
# Common given names in English-language copy; one at the start of a run suggests a person.
GIVEN_NAMES = words_of("""
Aaron Adam Adrian Agnes Alan Albert Alex Alexander Alexandra Alice Alison Amanda Amy Andrea
Andrew Andy Angela Ann Anna Anne Anthony Antony Arthur Barbara Ben Benjamin Benny Bernard Betty
Bill Bob Bonnie Brian Bruce Calvin Carl Carmen Carol Caroline Carrie Catherine Charles Charlotte
Chris Christina Christine Christopher Cindy Claire Clara Clement Colin Connie Daniel Danny David
Dennis Derek Diana Dominic Donald Doris Dorothy Edith Edmond Edmund Edward Edwin Elaine Eleanor
Elizabeth Ellen Emily Emma Eric Erica Esther Eugene Eva Felix Fiona Frances Francis Frank Fred
Frederick Gary Geoffrey George Gloria Gordon Grace Gregory Hannah Harriet Harry Helen Henry Howard
Ian Irene Isaac Ivan Jack Jacky Jacqueline James Jane Janet Jason Jasper Jeffrey Jennifer Jessica
Jimmy Joan Joe John Johnny Jonathan Joseph Joshua Joyce Judy Julia Julian Justin Karen Kate
Katherine Keith Kelly Kenneth Kevin Larry Laura Lawrence Leo Leonard Linda Lisa Louis Lucy
Margaret Maria Marcus Mark Martin Mary Matthew Maggie Melissa Michael Michelle Nancy Natalie
Nicholas Nick Nicole Noel Olivia Oscar Patrick Paul Peggy Peter Philip Priscilla Rachel Raymond
Rebecca Regina Richard Rita Robert Rock Roger Ronald Ronny Rosalind Rose Ruth Ryan Sally Samuel
Sandra Sarah Simon Sophia Sophie Stanley Starry Stella Stephanie Stephen Steven Susan Sylvia
Terence Teresa Terry Thomas Timothy Tom Tony Tracy Vanessa Victor Victoria Vincent Virginia
Walter Wendy William Willy Wilson Winnie Yvonne Zoe
""")
# Romanised Chinese surnames (Cantonese, Mandarin, Hokkien); a full name may start with one.
CHINESE_SURNAMES = words_of("""
Ang Au Cai Cao Chai Chan Chang Chau Chen Cheng Cheung Chew Chia Chin Ching Chiu Choi Chong Chow
Chu Chua Chui Chung Deng Ding Dong Du Fan Fang Feng Fok Fong Fu Fung Gao Goh Gu Guo Han Hao He
Ho Hon Hong Hu Huang Hui Hung Ip Jiang Jin Kan Kao Keung Kok Koh Kong Ku Kuan Kwan Kwok Kwong Lai
Lam Lan Lau Law Lee Leong Leung Li Liang Liao Lim Lin Ling Liu Lo Loh Lok Low Lu Lui Luk Luo Ma
Mak Man Mo Mok Ng Ngai Ong Pan Pang Peng Poon Qian Qin Quek Ren Shen Shi Shum Siu So Song Su Sun
Sze Szeto Tai Tam Tan Tang Tay Teo Teoh Tian Toh Tong Tsang Tse Tso Tsui Tung Wan Wang Wei Wen
Wong Woo Wu Xi Xia Xiao Xie Xu Yam Yan Yang Yao Yau Ye Yeo Yeung Yip Yiu Yu Yuan Yuen Yung Zeng
Zhang Zhao Zheng Zhou Zhu
""")
# Lower-case endings of hyphenated English words ("Hong Kong-based"), unlike given names.
ENGLISH_HYPHEN_ENDINGS = words_of("""
based led owned run born style backed listed made wide bound like era year day old born linked
funded driven focused oriented friendly centred centric sized scale level type related
""")
# Function words that can start a sentence in capitals but never begin a name.
SENTENCE_STARTERS = words_of("""
A An The When While But And Or As After Before Meanwhile However In At On For From With Without
Under Over If Since During Otherwise Although Though So Yet Also This That These Those Its His
Her Their Our My Your We They He She It I Then Now Here There Why How What Who Where Which
Despite Unlike Like Among Amid Both Each Every Some Many Most More Few Last Next Until Unless
Once Still Even Only Not No Yes Such Other Another By To Of Into Through Between Against Asked
Speaking Writing According Instead Indeed Later Earlier Today Yesterday Tomorrow Dear
""")
SPEECH_VERBS = words_of("""
said says told added noted argued suggested explained asked wrote warned stressed pointed
announced urged insisted acknowledged admitted believes believed thinks thought recalled agreed
replied responded claimed described estimated predicted revealed confirmed denied hoped
""")
# Words after which a capitalised run is a place, unless something else says person.
PLACE_PREPOSITIONS = words_of("in at from across near towards toward around outside inside via")
