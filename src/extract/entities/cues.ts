// Cue words for finding and typing names. They are data (one list per concept, a reason per list)
// rather than branches in code, so a wrong type can be traced to the list that set it.
// All entries are lower-case; lookups lower-case the token first.

const set = (words: string) => new Set(words.trim().split(/\s*\|\s*|\n\s*/).filter(Boolean));

/** Lower-case words that may sit inside a name between capitalised words ("Department of Health"). */
// "bin", "ibn", "bint": "son/daughter of" inside Arabic names ("Mohammad bin Salman", "Ali bin Tamim").
export const CONNECTORS = set('of | for | and | the | de | du | des | la | le | von | van | der | den | del | della | da | di | dos | y | upon | & | bin | ibn | bint');

/** Titles that mark the following name as a person; never part of the name ("Dr Saroj Patel"). */
export const HONORIFICS = set(`mr | mrs | ms | miss | mx | mme | mlle | dr | prof | professor | sir | dame | lord | lady | rev | reverend
  | fr | father | rabbi | imam | sheikh | mr. | mrs. | ms. | dr. | prof. | rev.`);

/** Job and office titles that can precede a person's name ("health secretary Andrew Lansley",
 * "President Vladimir Putin"); a capitalised run made only of titles and modifiers is not an entity. */
export const TITLES = set(`president | minister | secretary | chancellor | king | queen | prince | princess
  | pope | senator | sen | governor | gov | mayor | general | gen | captain | capt | colonel | col | lieutenant | lt
  | sergeant | sgt | major | admiral | commander | marshal | judge | justice | chief | officer
  | chairman | chairwoman | chair | chairperson | director | head | leader | speaker | representative | rep
  | congressman | congresswoman | councillor | councilman | councilwoman | ambassador | envoy | commissioner
  | inspector | detective | constable | superintendent | sheriff | attorney | prosecutor | coach | manager
  | spokesman | spokeswoman | spokesperson | premier | emir | sultan | ayatollah | archbishop | bishop | cardinal
  | mp | mep | mla | msp | ceo | cfo | cto | coo | founder | co-founder | presenter | editor | correspondent
  | professor | doctor | dean | rector | physician | nurse | surgeon | striker | midfielder | defender
  | goalkeeper | player | driver | rider | champion | duke | duchess | earl | baron | baroness | countess
  | whip | deputy | vice | executive | prime | secretary-general | lady | crown | president-elect | assemblyman
  | assemblywoman | assemblymember | husband | wife | son | daughter | father | mother | brother | sister | widow
  | widower | nephew | niece | uncle | aunt | grandson | granddaughter | fiancé | fiancée | partner | commandant | superintendent | magistrate | lawmaker | legislator | sen. | gen. | rep. | gov. | lt. | col. | capt. | sgt.`);

/** Words that qualify a title ("Emergencies Minister", "Deputy Governor", "Secretary of State for Health"). */
export const TITLE_MODIFIERS = set(`emergencies | foreign | home | health | interior | defence | defense | finance
  | education | justice | transport | environment | trade | culture | sports | state | regional | federal | national
  | acting | former | interim | assistant | associate | senior | junior | first | shadow | opposition | ex | then
  | outgoing | incoming | labour | conservative | democratic | republican | democrat | minority | majority | house
  | senate | party | general | vice | deputy | chief | executive | prime | city | county | district | attorney
  | police | army | team | club | energy | economy | economic | affairs | security | development | agriculture
  | industry | labor | communications | information | science | technology | tourism | immigration | housing
  | women | youth | social | care | welfare | treasury | fisheries | water | mines | mining | oil | world | european
  | un | eu | us | uk | u.s. | special | presidential | personal | permanent | high | emeritus | most | retired | newly | elected`);

/** Last words that make a name an organisation ("Public Accounts Committee", "BT Global Services"). */
export const ORG_HEADS = set(`committee | office | department | ministry | commission | authority | agency | council
  | corporation | corp | corp. | company | co | co. | inc | inc. | incorporated | ltd | ltd. | limited | plc | llc | llp | gmbh | ag | sa
  | group | holdings | partners | partnership | associates | services | service | systems | solutions | technologies
  | technology | software | networks | network | communications | telecom | media | news | times | post | journal
  | herald | gazette | tribune | guardian | telegraph | chronicle | observer | insider | magazine | press | radio | tv
  | television | broadcasting | airlines | airways | air | motors | bank | fund | trust | foundation
  | institute | institution | university | college | school | academy | hospital | hospitals | clinic | infirmary
  | society | association | union | federation | league | club | fc | united | party | movement | front | alliance
  | coalition | army | navy | corps | force | forces | police | guard | court | tribunal | parliament | assembly | congress
  | senate | cabinet | government | administration | board | bureau | directorate | executive | inspectorate
  | regulator | centre | center | laboratory | laboratories | labs | museum | library | orchestra | band | team
  | church | mosque | brigade | regiment | battalion | secretariat | organisation | organization | ngo | exchange
  | industries | enterprises | international | worldwide | global | energy | oil | petroleum | pharmaceuticals
  | pharma | health | healthcare | care | insurance | capital | ventures | consulting | consultants | commons | lords
  | division | unit | taskforce | delegation | mission | collective | cooperative | co-operative | studio
  | studios | records | entertainment | games | pictures | productions | publishing | publishers | stores | group's
  | gerichtshof | gericht | bundesgericht | verfassungsgericht | ministerium | bundestag | bundesrat | landtag | partei | verband
  | gesellschaft | stiftung | universität | hochschule | konzern | cour | conseil | ministère | assemblée | sénat | tribunale
  | corte | consejo | ministerio | partido | universidad | università | universitat | universidade | congreso | senado
  | sejm | duma | knesset | majlis | rada | riksdag | storting | folketing | eduskunta`);

/** First words that make "X of Y" an organisation ("Department of Health", "University of Oxford"). */
export const ORG_FIRST = set(`department | ministry | university | bank | office | house | court | board | council
  | commission | committee | institute | college | school | society | association | federation | league | union
  | church | order | academy | museum | royal | national | federal | central | international | european | american
  | british | united | general | supreme | high | state | city | county`);

/** Last words that make a name a programme or contract rather than a body ("Future Services Programme"). */
export const PROGRAMME_HEADS = set(`memorandum | programme | program | project | scheme | initiative | strategy | agreement | contract
  | framework | plan | model | act | bill | treaty | accord | deal | campaign | operation | review | inquiry
  | clause | constitution | amendment | charter | convention | directive | regulation | regulations`);

/** Last words that make a name a place ("Morecambe Bay", "Ural Mountains"). */
export const PLACE_HEADS = set(`island | islands | isles | river | mountain | mountains | mount | lake | lakes | bay | sea
  | ocean | gulf | coast | peninsula | valley | desert | forest | province | region | county | district | state
  | territory | city | town | village | borough | street | road | avenue | square | bridge | canyon | falls | strait
  | channel | cape | heights | hills | plains | highlands | lowlands | oblast | prefecture | governorate | municipality
  | parish | shire | beach | harbour | harbor | port | republic | kingdom | airport | airfield | station | stadium | arena | park | palace
  | tower | hall | gardens | square | plaza | market | mall | field | dam | canal | reservoir | glacier | volcano | reef`);

/** Words that alone or first in a run name an area by compass point ("the South", "South Birmingham"). */
export const COMPASS = set(`north | south | east | west | northern | southern | eastern | western | north-east | north-west
  | south-east | south-west | northeast | northwest | southeast | southwest | central | midlands | upper | lower | greater`);

/** Words after which a lone name is a place ("in Magnitogorsk", "from Baracoa"). */
export const PLACE_PREPOSITIONS = set('in | from | near | between | across | outside | throughout | around | towards | toward | via | into | at');

/** Words after a name that make it a product ("Lorenzo software", "Windows operating system"). */
export const PRODUCT_NEXT = set(`software | app | application | platform | system | device | phone | smartphone | tablet
  | console | vaccine | drug | aircraft | jet | car | model | browser | os | engine | chip | processor | game`);

/** Capitalised words that are never entities alone: calendar words, pronoun I, common acronyms that
 * name a kind of thing, not one thing ("GP systems", "IT", "CEO"). */
export const NOT_NAMES = set(`i | i'm | i've | i'd | i'll | ok | am | pm | a.m. | p.m. | tv | it | gp | gps | ceo | cfo | cto | coo
  | mp | mps | mep | meps | lsp | lsps | epr | eprs | pas | pacs | ehr | ehrs | emr | ict | im&t | ip | pc | pcs | hq | id
  | dna | hiv | aids | covid | covid-19 | sars | usb | pdf | faq | gdp | vat | ad | bc | ce | bce | et | est | gmt | utc | bst
  | edt | pdt | cst | pst | cet | eet | mph | kph | km | kg | mm | cm | ft | lb | lbs | no | nos | vs | v | etc | ie | eg
  | ps | op | ed | jr | sr | jr. | sr. | ii | iii | iv | vi | vii | viii | ix | xi | xii | tbc | tba | q&a | fyi | ai | ict | faqs
  | january | february | march | april | june | july | august | september | october | november | december
  | jan | feb | mar | apr | jun | jul | aug | sep | sept | oct | nov | dec
  | monday | tuesday | wednesday | thursday | friday | saturday | sunday | christmas | easter
  | ist | jst | kst | hkt | pht | wib | msk | aest | aedt | acst | awst | nzst | nzdt | cest | eest | sast | wat
  | ast | adt | akst | akdt | hst | mst | mdt | cdt | brt | irst | pkt
  | god | internet | web | mr | mrs | ms | dr | sir | said | says | phd | d-day | coronavirus | covid | covid-19 | sars-cov-2 | bsc | msc | mba | llb | ma | ba`);

/** Ordinary words that look like names when capitalised at a sentence start; extends the
 * dictionaries in words.ts for words they miss. */
export const SENTENCE_WORDS = set(`however | meanwhile | although | though | instead | specifically | intriguingly | officially
  | additionally | furthermore | moreover | nevertheless | nonetheless | still | yet | also | even | then | there | here
  | this | that | these | those | it | its | they | their | he | she | his | her | we | our | you | your | a | an | the
  | in | on | at | by | for | from | with | without | after | before | since | until | during | while | when | where
  | why | how | what | which | who | whom | whose | if | unless | because | as | but | and | or | nor | so | not | no
  | yes | all | some | many | most | more | few | several | each | every | both | either | neither | one | two | three
  | four | five | six | seven | eight | nine | ten | other | another | such | only | just | once | according | despite
  | against | among | between | under | over | about | above | below | into | onto | upon | through | throughout
  | within | without | toward | towards | earlier | later | last | next | first | second | third | finally | overall
  | currently | recently | previously | today | yesterday | tomorrow | tonight | now | perhaps | maybe | indeed
  | unlike | like | following | including | regarding | concerning | amid | amidst | beyond | besides | whether
  | local | national | extra | further | former | many | much | any | none | nothing | something | everything
  | officials | police | authorities | witnesses | residents | rescuers | researchers | scientists | reports
  | sources | critics | analysts | experts | doctors | investigators | prosecutors | lawyers | voters | fans`);

/** Closed-class words (pronouns, determiners, prepositions, conjunctions): never the start of a name,
 * wherever they stand ("((WN)) In your opinion", "We’ve been able"). */
export const FUNCTION_WORDS = set(`i | me | my | we | us | our | ours | you | your | yours | he | him | his | she | her | hers
  | it | its | they | them | their | theirs | this | that | these | those | a | an | the | in | on | at | by | for | from
  | with | without | after | before | since | until | during | while | when | where | why | how | what | which | who
  | whom | whose | if | unless | because | as | but | and | or | nor | so | not | no | yes | all | some | any | each
  | every | both | either | neither | about | above | below | into | onto | upon | through | within | between | among
  | although | though | however | there | here | then | also | even | just | only | to | of | do | does | did | is | are
  | was | were | be | been | has | have | had | will | would | can | could | should | may | might | must | shall | let
  | yes | well | oh | thank | thanks | please | hello | hi | dear | yeah | okay | ok | um | uh | ah | like | sure
  | right | most | many | much | apart | whenever | whatever | wherever | whoever | tell | super`);

/** Adjectives of faith or origin that never stand alone as a name ("Roman Catholic", "Muslim", "Native American"). */
export const BELIEF_WORDS = set(`muslim | muslims | catholic | catholics | christian | christians | jewish | jew | jews | hindu
  | hindus | buddhist | buddhists | sunni | sunnis | shia | shiite | shiites | islamic | protestant | protestants
  | orthodox | evangelical | roman | native | anglican | lutheran | methodist | baptist | sikh | sikhs | coptic
  | irish | english | british | scottish | welsh | polish | danish | swedish | finnish | turkish | spanish | kurdish
  | french | dutch | swiss | greek | thai | iraqi | israeli | pakistani | afghan | saudi | yemeni | kuwaiti | qatari
  | bangladeshi | nepali | somali | omani | emirati | bahraini | latina | latino | hispanic | arab | arabic | asian
  | african | european | american | cuban | filipino | kurd | kurds | pashtun | uighur | uyghur | rohingya`);

/** Lower-case words after a name that make it part of a term named after someone ("Richter scale",
 * "Saffir–Simpson scale", "Parkinson's disease", "Doppler effect"): the term is no entity. */
export const EPONYM_NEXT = set(`scale | scales | syndrome | disease | effect | equation | equations | theorem | conjecture | principle
  | paradox | constant | criterion | diagram | reflex`);

/** Words before a name that make it a storm's name ("Hurricane Humberto", "tropical storm Barry"). */
export const STORM_WORDS = set('hurricane | typhoon | cyclone | storm | depression | tropical');
