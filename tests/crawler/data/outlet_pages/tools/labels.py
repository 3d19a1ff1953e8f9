# Labels per page; tz = outlet's zone used to compute published_utc.
LABELS = []


def page(**kw):
    LABELS.append(kw)


page(
    file="aljazeera-alhol-iraqi-families.html",
    outlet="Al Jazeera Arabic (الجزيرة نت)",
    source_id="aljazeera",
    url="https://www.aljazeera.net/politics/2026/11/18/العراق-يستعيد-دفعة-جديدة-من-عائلات-مخيم",
    title="العراق يستعيد دفعة جديدة من عائلات مخيم الهول وسط مخاوف من تعثر الدمج",
    must_contain=[
        "وصلت قافلة تقل أكثر من 600 شخص من مخيم الهول إلى مركز الجدعة في محافظة نينوى",
        "أعلنت وزارة الهجرة والمهجرين العراقية، اليوم الأربعاء، وصول دفعة جديدة من العائلات العراقية",
        '"تابعنا الموقف عن كثب منذ خروج القافلة من المخيم فجر أمس وحتى وصولها إلى الجدعة"',
        "ومنذ عام 2021، أعاد العراق أكثر من 19 ألف شخص من مخيم الهول على دفعات",
        "وهو هدف يقول مراقبون إنه مرهون بقدرة المؤسسات المحلية على استيعاب العائدين وإقناع مجتمعاتهم بقبولهم.",
    ],
    must_not=[
        "عائلات عراقية لدى وصولها إلى مركز الجدعة جنوب الموصل (الجزيرة)",
        "نساء الهول.. شهادات عن سنوات الانتظار خلف الأسلاك",
        "ما مصير سجون تنظيم الدولة في شمال شرق سوريا؟",
        "نهاية القائمة",
        "آخر تحديث: 18/11/2026 | 14:05 (توقيت مكة)",
        "المصدر: الجزيرة",
        "اشترك في النشرة البريدية لتصلك أبرز الأخبار والتحليلات يوميا",
        "وزير الخارجية التركي يصل إلى بغداد في زيارة رسمية تستمر يومين",
        "© 2026 شبكة الجزيرة الإعلامية",
    ],
    byline="عمر الحمداني",
    published="2026-11-18T12:12:00+03:00",
    tz="Asia/Qatar",
    date_place="json-ld",
    kinds=[2, 3, 4, 5, 6, 7, 8],
    notes='Standfirst is a <p class="article__subhead"><em> inside the article header, outside the body container (wysiwyg). '
    "The visible time (14:05, Mecca time) is the LAST UPDATE; the page shows only the date 18/11/2026 as publication; "
    "JSON-LD datePublished 2026-11-18T09:12:00Z (12:12 Mecca) is the publication moment. "
    'An "اقرأ أيضا" list (class more-on, no "related" class) sits between the 3rd and 4th body paragraphs, with screen-reader '
    'texts "list 1 of 3" and "نهاية القائمة". The first paragraph opens with the dateline "أربيل- " (not labelled either way). '
    'A body paragraph opens with the quote "تابعنا الموقف عن كثب..." (a real sentence that looks like a follow-us prompt). '
    'The in-body subheading "مخاوف ما بعد العودة" is article text. "المصدر: الجزيرة" follows the body.',
)

page(
    file="alarabiya-saudi-nonoil-growth.html",
    outlet="Al Arabiya (العربية)",
    source_id="alarabiya",
    url="https://www.alarabiya.net/aswaq/economy/2026/09/22/القطاع-الخاص-غير-النفطي-في-السعودية-يسجل-أسرع-نمو",
    title="القطاع الخاص غير النفطي في السعودية يسجل أسرع نمو منذ عام ونصف",
    must_contain=[
        "سجل القطاع الخاص غير النفطي في السعودية أسرع وتيرة نمو منذ 18 شهرا خلال أغسطس",
        "وارتفع المؤشر المعدل موسميا إلى 58.4 نقطة في أغسطس",
        "وأظهر المسح أن مؤشر الطلبيات الجديدة صعد إلى أعلى مستوياته منذ مطلع العام الماضي",
        "شارك في المنتدى الاستثماري الذي عقد في الرياض الأسبوع الماضي أكثر من 200 مستثمر إقليمي ودولي",
        "مع استمرار الإنفاق الحكومي على المشاريع الكبرى وتحسن شروط الإقراض بعد خفض أسعار الفائدة.",
    ],
    must_not=[
        "نشر في: 22 سبتمبر ,2026: 11:40 ص GST",
        "آخر تحديث: 22 سبتمبر ,2026: 03:15 م GST",
        "صندوق النقد يرفع توقعاته لنمو الاقتصاد السعودي إلى 4.1% في 2027",
        "فيديو: كيف تغيرت مساهمة الأنشطة غير النفطية في الناتج السعودي؟",
        "الكلمات الدالة:",
        "حمّل تطبيق العربية لتصلك الأخبار العاجلة أولا بأول",
        "وزير الطاقة السعودي: أوبك+ ستواصل مراقبة الأسواق بحذر",
        "الذهب يتراجع من مستوى قياسي مع صعود الدولار",
        "جميع الحقوق محفوظة لقناة العربية © 2026",
    ],
    byline="مريم الفارس",
    published="2026-09-22T11:40:00+04:00",
    tz="Asia/Dubai",
    date_place="meta",
    kinds=[3, 4, 5, 6, 7, 8],
    notes="Next.js-style markup; every body paragraph is a <p> inside its own div[data-block=paragraph]. A bare article card "
    '(thumbnail + headline, no "اقرأ أيضا" label and no "related" class) sits after the 3rd paragraph, and a video embed '
    'with a title after the 5th. A body paragraph OPENS with "شارك في المنتدى..." (real text, not a share prompt). '
    'Visible dates are Gulf Standard Time with ص/م ("11:40 ص GST"), meta article:published_time is 07:40Z. '
    'Source line "العربية.نت - مريم الفارس" sits in the header; the lead image label is "الرياض - أرشيفية".',
)

page(
    file="skynewsarabia-lebanon-reconstruction.html",
    outlet="Sky News Arabia (سكاي نيوز عربية)",
    source_id="skynewsarabia",
    url="https://www.skynewsarabia.com/middle-east/1812457-لبنان-يطلق-صندوقا-لإعادة-إعمار-الجنوب-بتمويل-دولي-أولي",
    title="لبنان يطلق صندوقا لإعادة إعمار الجنوب بتمويل دولي أولي",
    must_contain=[
        "أعلنت الحكومة اللبنانية إطلاق صندوق خاص لإعادة إعمار القرى الحدودية في الجنوب",
        "وقال وزير المال اللبناني، في مؤتمر صحفي عقده في السراي الحكومي ببيروت",
        'من جهتها، قالت المديرة الإقليمية للبنك الدولي إن المساهمة الأولى "رسالة ثقة"',
        'وقال رئيس بلدية إحدى القرى الحدودية لسكاي نيوز عربية إن "البلدية لا تملك حتى ثمن المازوت لتشغيل مضخة المياه"',
        "على أن تطلق أولى المناقصات قبل نهاية العام، بحسب ما أعلنته رئاسة الحكومة.",
    ],
    must_not=[
        "أبوظبي - سكاي نيوز عربية",
        "الإثنين 2 نوفمبر 2026 - 10:31 بتوقيت أبوظبي",
        "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك وتحليل حركة الزيارات",
        "جانب من الدمار في بلدة عيتا الشعب جنوبي لبنان. (أرشيفية)",
        "الجيش اللبناني يعزز انتشاره في القطاع الغربي جنوب الليطاني",
        "تابعوا آخر أخبار سكاي نيوز عربية عبر Google News",
        "الهلال يقلب الطاولة ويتأهل إلى نصف نهائي دوري أبطال آسيا",
        "© حقوق النشر 2026 سكاي نيوز عربية. جميع الحقوق محفوظة",
    ],
    byline=None,
    published="2026-11-02T10:31:00+04:00",
    tz="Asia/Dubai",
    date_place="json-ld",
    kinds=[2, 3, 4, 5, 6, 7, 8],
    notes='Standfirst is the first sentence of the story in <div class="story-intro"> above the share bar and the lead image, '
    'apart from div.article-body; the body starts with "وقال وزير المال" and reads wrongly without it. Desk byline only '
    '("أبوظبي - سكاي نيوز عربية"), so byline is null; the JSON-LD author is the organisation. Cookie banner is the first '
    'element of <body>. A story embed labelled "اقرأ أيضاً" with thumbnail sits after the 3rd body paragraph. '
    'A body sentence quotes the outlet by name ("لسكاي نيوز عربية"). og:title carries the site name.',
)

page(
    file="france24-tunisia-sfax-migrants.html",
    outlet="France 24 Arabic (فرانس 24)",
    source_id="france24_ar",
    url="https://www.france24.com/ar/أفريقيا/20261014-تونس-مهاجرون-عالقون-في-حقول-الزيتون-بصفاقس-مع-اقتراب-الشتاء",
    title="تونس: مهاجرون عالقون في حقول الزيتون بصفاقس مع اقتراب الشتاء",
    must_contain=[
        "مع تراجع درجات الحرارة وبدء موسم الأمطار، يعيش آلاف المهاجرين من دول أفريقيا جنوب الصحراء في مخيمات عشوائية",
        "في بلدة العامرة، على بعد نحو 30 كيلومترا شمال صفاقس، تنتشر خيام من البلاستيك",
        "وأكد متحدث باسم المنظمة الدولية للهجرة لوكالة فرانس برس أن المنظمة ساعدت منذ مطلع العام",
        "وفي المقابل، يشكو مزارعون في المنطقة من خسائر في محاصيلهم مع اقتراب موسم جني الزيتون",
        '"في وضع إنساني لا يمكن أن يستمر مع حلول الشتاء".',
    ],
    must_not=[
        "نشرت في: 14/10/2026 - 16:22",
        "فرانس24 / أ ف ب",
        "مهاجرون من دول أفريقيا جنوب الصحراء في حقل زيتون قرب بلدة العامرة بولاية صفاقس، في 9 أكتوبر/تشرين الأول 2026.",
        'الاتحاد الأوروبي وتونس: عامان على "مذكرة التفاهم" حول الهجرة',
        "الهجرة غير النظامية: تونس بين ضغوط أوروبا وغضب الداخل",
        "احصل على أهم الأخبار الدولية أينما كنت، اشترك في نشرتنا الإخبارية",
        "ليبيا: العثور على 23 جثة لمهاجرين قبالة سواحل زوارة",
        "فرانس 24 - أخبار الساعة على مدار الساعة. جميع الحقوق محفوظة © 2026",
    ],
    byline=None,
    published="2026-10-14T16:22:09+02:00",
    tz="Europe/Paris",
    date_place="json-ld",
    kinds=[2, 3, 4, 5, 6, 7, 8],
    notes="Chapo (standfirst) in div.t-content__chapo BEFORE the date, byline, share bar and photo, apart from the body div. "
    "Paris is on summer time on 14 October (+02:00): visible 16:22 = 14:22Z in JSON-LD. The <time> elements carry "
    'datetime attributes too. An in-body "اقرأ أيضا" paragraph (a <p> with a label span and one link) sits after the 3rd '
    'paragraph; a video embed with title after the 5th. Body quotes "لوكالة فرانس برس" (agency attribution that is text). '
    'Agency tag "فرانس24/ أ ف ب" appears twice (author block and after the body). Byline is organisational: null.',
)

page(
    file="rt-iraq-dinar-parallel-market.html",
    outlet="RT Arabic (RT عربي)",
    source_id="rt_arabic",
    url="https://arabic.rt.com/business/1745320-الدينار-العراقي-يتراجع-في-السوق-الموازية/",
    title="الدينار العراقي يتراجع في السوق الموازية والبنك المركزي يعلن حزمة إجراءات",
    must_contain=[
        "تراجع سعر صرف الدينار العراقي أمام الدولار في السوق الموازية إلى أدنى مستوى له منذ أكثر من عام",
        "وسجل سعر الدولار في بورصتي الكفاح والحارثية ببغداد، صباح اليوم الثلاثاء، نحو 1560 دينارا للدولار الواحد",
        'وقال الخبير الاقتصادي منار العبيدي لـRT إن "الإجراءات الجديدة قد تخفف الضغط على المدى القصير',
        "ما يمنح واشنطن تأثيرا كبيرا على حركة الدولار في البلاد.",
        "بنسب تراوحت بين 5 و10 بالمئة خلال أسبوع واحد.",
    ],
    must_not=[
        "14.07.2026 | 09:12 GMT",
        "الرابط المختصر",
        "واشنطن تفرض قيودا جديدة على تعاملات 5 مصارف عراقية بالدولار",
        "أعلنت وزارة الخزانة الأمريكية فرض قيود على تعاملات عدد من المصارف العراقية",
        "المصدر: RT + وكالات",
        "تابعوا RT على",
        "يرجى الالتزام بقواعد النشر: يمنع نشر التعليقات المسيئة أو التي تحض على الكراهية",
        "كل مرة نفس الكلام والمواطن هو اللي يدفع الثمن",
        "الكرملين: لا خطط حاليا لاتصال هاتفي بين بوتين وترامب",
        '© 2005-2026 "TV-Novosti". جميع الحقوق محفوظة. 18+',
    ],
    byline=None,
    published="2026-07-14T12:12:00+03:00",
    tz="Europe/Moscow",
    date_place="meta",
    kinds=[1, 2, 3, 4, 5, 6, 7, 8],
    notes='The visible date is in GMT ("14.07.2026 | 09:12 GMT", dotted day.month.year); meta article:published_time gives the '
    "same moment in Moscow time (+03:00). Summary in div.article__summary between the h1 and the cover image, apart from "
    'div.article__text. An "اقرأ المزيد" card with a bold headline AND a one-sentence teaser lead sits inside the body '
    'after the 3rd paragraph (the teaser lead reads like an article sentence). "المصدر: RT + وكالات" is the last <p> of '
    "the body container. The posting rules sit INSIDE the article block right after the text (div.article__rules, no "
    '"comment" class), before the follow-us box; the comment section below holds the count and two reader comments. No author: byline null. '
    'Image credit "Gettyimages.ru" under the cover image.',
)

page(
    file="dw-syrian-doctors-germany.html",
    outlet="DW Arabic (دويتشه فيله عربية)",
    source_id="dw_arabic",
    url="https://www.dw.com/ar/أطباء-سوريون-في-ألمانيا-بين-العودة-والبقاء/a-73512840",
    title='أطباء سوريون في ألمانيا بين العودة والبقاء: "المستشفيات هناك تحتاجنا"',
    must_contain=[
        "يعمل أكثر من 5 آلاف طبيب سوري في المستشفيات والعيادات الألمانية، ويشكلون أكبر مجموعة من الأطباء الأجانب في البلاد.",
        "في مستشفى صغير بولاية مكلنبورغ فوربومرن الشمالية، يبدأ الطبيب السوري مازن الخطيب مناوبته",
        "وتعتمد مستشفيات كثيرة في المناطق الريفية، خصوصا في شرق ألمانيا، على الأطباء القادمين من الخارج.",
        'وتطرح جمعيات الأطباء السوريين في ألمانيا فكرة "العودة المرنة"',
        'لكنني سأذهب كل عام لأعالج من أستطيع"، يقول قبل أن ينادى إلى غرفة الطوارئ.',
    ],
    must_not=[
        "نستخدم ملفات تعريف الارتباط (الكوكيز) لتحسين خدماتنا",
        "كاتب/ة:",
        "طبيب سوري يفحص مريضا في مستشفى بمدينة غوسترو شمال ألمانيا",
        "صورة من: Jens Büttner/dpa/picture alliance",
        "فيديو: لاجئون سوريون يبنون مستقبلهم المهني في ألمانيا",
        "رنا الحسيني صحفية في القسم العربي لـDW، تغطي قضايا اللجوء والاندماج والصحة في ألمانيا.",
        "ألمانيا: تسهيلات جديدة للاعتراف بشهادات الأطباء الأجانب",
        "© 2026 Deutsche Welle | حماية البيانات",
    ],
    byline="رنا الحسيني",
    published="2026-06-03T16:20:00+02:00",
    tz="Europe/Berlin",
    date_place="json-ld",
    kinds=[2, 3, 5, 6, 7, 8],
    notes="Teaser (standfirst) is p.teaser-text inside the article header, before the author line and the hero image, apart "
    'from div.rich-text. The visible date is day-only and dotted ("03.06.2026"); JSON-LD has the time (14:20Z = 16:20 '
    'Berlin summer time). og:title ends with "– DW – 03.06.2026" (site name AND date after the headline). Caption and '
    "photo credit in two parts of the figcaption. Author box with bio after the body; a video embed with title in the "
    'middle of the body; in-body subheading "نقص حاد في الأرياف" is article text.',
)

page(
    file="cnn-arabic-gulf-heat-workers.html",
    outlet="CNN Arabic (سي إن إن بالعربية)",
    source_id="cnn_arabic",
    url="https://arabic.cnn.com/health/article/2026/07/19/gulf-heat-stress-workers-kidney-study",
    title="دراسة: الإجهاد الحراري يضاعف إصابات الكلى بين عمال البناء في الخليج",
    must_contain=[
        "كشفت دراسة طبية جديدة أن عمال البناء الذين يعملون في الهواء الطلق في دول الخليج",
        "وتابعت الدراسة، التي نشرتها مجلة طبية متخصصة في طب العمل، نحو 3 آلاف عامل في ثلاث دول خليجية",
        "وقالت الباحثة الرئيسية في الدراسة، الدكتورة سارة المنصوري، لـCNN بالعربية",
        "ويوصي الباحثون بربط فترات الحظر بمؤشر الإجهاد الحراري بدلا من التوقيت الثابت",
        "قد يكلف اقتصادات المنطقة خسائر كبيرة في الإنتاجية بحلول عام 2030.",
    ],
    must_not=[
        "نُشر يوم الأحد، 19 يوليو / تموز 2026؛ 11:05 ص بتوقيت أبوظبي",
        "شارك هذه القصة",
        "عمال بناء يستريحون في الظل خلال استراحة منتصف النهار في دبي.",
        "Credit: Giuseppe Cacace/AFP via Getty Images",
        "اشترك في نشرة CNN بالعربية لتصلك أهم الأخبار والقصص إلى بريدك",
        "7 علامات تحذيرية للجفاف لا يجب تجاهلها في الصيف",
        "الكويت تسجل 53 درجة مئوية.. واحدة من أعلى درجات الحرارة هذا العام",
        "© 2026 Cable News Network. A Warner Bros. Discovery Company. جميع الحقوق محفوظة.",
    ],
    byline="نادين الشامي",
    published="2026-07-19T11:05:41+04:00",
    tz="Asia/Dubai",
    date_place="meta",
    kinds=[3, 4, 5, 6, 7, 8],
    notes='The first paragraph opens with the CNN dateline "دبي، الإمارات العربية المتحدة (CNN)-- " inside the same <p> (not '
    'labelled either way). Date line with a double month name "19 يوليو / تموز 2026" and "11:05 ص بتوقيت أبوظبي"; meta '
    'gives 07:05:41Z. Byline "بقلم نادين الشامي، CNN". An ad slot labelled "إعلان" sits inside the body container. '
    'The 2nd paragraph opens with "وتابعت الدراسة" (follow verb in a real sentence). No standfirst, no comments.',
)

page(
    file="euronews-morocco-desalination.html",
    outlet="Euronews Arabic (يورونيوز عربي)",
    source_id="euronews_ar",
    url="https://arabic.euronews.com/2026/04/09/morocco-drought-desalination-plants-casablanca",
    title="بعد سبع سنوات من الجفاف.. المغرب يراهن على تحلية مياه البحر لإنقاذ مدنه",
    must_contain=[
        "يقترب المغرب من تشغيل أكبر محطة لتحلية مياه البحر في أفريقيا قرب الدار البيضاء",
        "تنتشر الرافعات وأنابيب الصلب الضخمة على امتداد الشريط الساحلي جنوب الدار البيضاء",
        "وبحسب أرقام وزارة التجهيز والماء، لم تتجاوز نسبة ملء السدود 27 بالمئة مطلع أبريل",
        "وتقول الحكومة إن المحطات الجديدة ستعمل في معظمها بالطاقة المتجددة من مزارع الرياح والطاقة الشمسية.",
        '"المحطات الكبيرة ستروي المدن، أما نحن فننتظر المطر كما كان أجدادنا ينتظرونه".',
    ],
    must_not=[
        "نستخدم نحن وشركاؤنا ملفات تعريف الارتباط وتقنيات مماثلة لتخزين المعلومات على جهازك",
        "نشرت في 09/04/2026 - 12:48 GMT+2",
        "شارك هذا المقال",
        "شاهد: سدود المغرب شبه فارغة وفلاحون يهجرون أراضيهم",
        "اقرأ المزيد:",
        "إسبانيا: كتالونيا ترفع القيود على استهلاك المياه بعد أمطار مارس",
        "الجزائر تدشن خمس محطات لتحلية مياه البحر في عام واحد",
        "كلمات مفتاحية",
        "إضراب جديد في قطاع النقل الفرنسي يشل حركة القطارات",
        "Copyright © euronews 2026",
    ],
    byline=None,
    published="2026-04-09T12:48:31+02:00",
    tz="Europe/Paris",
    date_place="meta",
    kinds=[2, 3, 4, 5, 6, 7, 8],
    notes="A large consent (Didomi) banner opens <body>. The summary p.c-article-summary sits after the share bar and BEFORE "
    'the lead video, apart from div.c-article-content. The "اقرأ المزيد:" label is a bold <p> followed by a plain <ul> of '
    "two linked headlines INSIDE the body container between the 2nd and 3rd paragraphs (no special class). Byline is "
    '"بقلم: يورونيوز عربي مع أ ف ب" (organisational: null). Visible date "09/04/2026 - 12:48 GMT+2" (Lyon, summer time).',
)

page(
    file="anadolu-turkey-syria-exports.html",
    outlet="Anadolu Agency Arabic (وكالة الأناضول)",
    source_id="anadolu_ar",
    url="https://www.aa.com.tr/ar/اقتصاد/صادرات-تركيا-إلى-سوريا-تقفز-41-بالمئة-في-يناير/3471205",
    title="صادرات تركيا إلى سوريا تقفز 41 بالمئة في يناير",
    must_contain=[
        "بلغت قيمتها نحو 263 مليون دولار، فيما تصدرت مواد البناء والحبوب والأجهزة الكهربائية قائمة السلع المصدرة",
        "ارتفعت صادرات تركيا إلى سوريا بنسبة 41 بالمئة خلال يناير/ كانون الثاني الماضي",
        "وقال رئيس مجلس الأعمال التركي السوري، في تصريح للأناضول، إن الزيادة تعكس",
        "وتعد ولاية غازي عنتاب جنوبي تركيا أكبر مصدر إلى سوريا",
        "بلغ في يناير نحو 22 مليار دولار، بزيادة 3.2 بالمئة على أساس سنوي.",
    ],
    must_not=[
        "إسطنبول/ عمار قاسم/ الأناضول",
        "تحديث: 03.02.2026 13:05",
        "معبر باب السلامة الحدودي بين تركيا وسوريا (الأناضول)",
        "الموقع الإلكتروني لوكالة الأناضول يعرض جزءًا فقط من الأخبار المقدمة للمشتركين",
        "الوسوم:",
        "وفد تجاري تركي يزور حلب لبحث فرص الاستثمار",
        "أردوغان يستقبل وزير الخارجية السوري في أنقرة",
        "© وكالة الأناضول 2026. جميع الحقوق محفوظة",
    ],
    byline="عمار قاسم",
    published="2026-02-03T12:30:00+03:00",
    tz="Europe/Istanbul",
    date_place="text",
    kinds=[2, 3, 4, 5, 6, 7, 8],
    notes="TEXT-ONLY date: no meta, JSON-LD or datetime attribute gives the date (the JSON-LD block is an Organization). The "
    'date and time are in separate spans ("03.02.2026" and "12:30", Turkey time +03:00) followed by "تحديث: 03.02.2026 '
    '13:05"; sidebar items carry other dates (02.02.2026, 01.02.2026). The standfirst is an <h4> (the agency\'s "spot") '
    'under the h1, without a final full stop. The body opens with the agency line "إسطنبول/ عمار قاسم/ الأناضول" as its own '
    "<p>; the byline name is only there. The last body paragraph has its own class (detay-not). The subscriber notice after "
    "the body reads like a sentence.",
)

page(
    file="aawsat-lebanon-deposits-law.html",
    outlet="Asharq Al-Awsat (الشرق الأوسط)",
    source_id="aawsat",
    url="https://aawsat.com/العالم-العربي/المشرق-العربي/5214876-البرلمان-اللبناني-يقر-قانون-الفجوة-المالية-وسط-اعتراض-المودعين",
    title="البرلمان اللبناني يقر قانون «الفجوة المالية» وسط اعتراض المودعين",
    must_contain=[
        "أقر البرلمان اللبناني، في جلسة تشريعية عقدها الأربعاء، قانون «معالجة الفجوة المالية واسترداد الودائع»",
        "إعادة الودائع التي تقل عن 100 ألف دولار كاملة على مدى ست سنوات.",
        "وقال رئيس لجنة المال والموازنة النيابية، في تصريح لـ«الشرق الأوسط»",
        "ورفع المحتجون لافتات كتب عليها «الودائع ليست خسائر».",
        "فيما لوّحت جمعيات المودعين بالطعن فيه أمام المجلس الدستوري.",
    ],
    must_not=[
        "الأربعاء - 24 جمادى الأولى 1448 هـ - 04 نوفمبر 2026 مـ",
        "رقم العدد [17142]",
        "نُشر: 18:40-4 نوفمبر 2026 م ـ 24 جمادى الأولى 1448 هـ",
        "مودعون يحتجون أمام مصرف في بيروت للمطالبة بأموالهم (أ.ب)",
        "صندوق النقد: على لبنان تسريع إعادة هيكلة المصارف قبل أي اتفاق",
        "المصارف اللبنانية تطالب الدولة بتحمل «حصتها» من الخسائر",
        "اشترك في النشرة الإخبارية لـ«الشرق الأوسط» لتصلك أهم الأخبار يومياً",
        "«الشرق الأوسط» صحيفة عربية دولية تصدر من لندن",
        "جميع الحقوق محفوظة © 2026 الشرق الأوسط",
    ],
    byline="هالة السباعي",
    published="2026-11-04T18:40:12+00:00",
    tz="Europe/London",
    date_place="meta",
    kinds=[3, 4, 5, 6, 7, 8],
    notes="Drupal (field--name-body). Two date lines mixing Gregorian and Hijri: the day's edition date in the header "
    '(with the issue number) and the article line "نُشر: 18:40-4 نوفمبر 2026 م ـ 24 جمادى الأولى 1448 هـ" (time glued '
    'to the day by a hyphen; London time = UTC in November). Byline is "بيروت:" + name in separate elements. The body holds '
    'a real bulleted list of the law\'s provisions (no links), and a "ذات صلة" block of two linked cards inside the body '
    'after that list. A body sentence quotes the paper by name ("لـ«الشرق الأوسط»"), as does the footer blurb.',
)

page(
    file="independentarabia-egypt-remittances.html",
    outlet="Independent Arabia (اندبندنت عربية)",
    source_id="independent_ar",
    url="https://www.independentarabia.com/node/641227/اقتصاد/تحويلات-المصريين-في-الخارج-تسجل-رقماً-قياسياً-فهل-تصمد",
    title="تحويلات المصريين في الخارج تسجل رقماً قياسياً.. فهل تصمد؟",
    must_contain=[
        "بلغت تحويلات العاملين المصريين في الخارج نحو 36.5 مليار دولار خلال العام المالي المنتهي في يونيو",
        "أعلن البنك المركزي المصري أن تحويلات المصريين العاملين في الخارج ارتفعت بنسبة 22 في المئة",
        'وقالت أستاذة الاقتصاد في جامعة القاهرة، نهى عبد الرازق، لـ"اندبندنت عربية" إن الأرقام',
        "كما حدث عام 2023 حين تراجعت التحويلات بنحو 30 في المئة.",
        "بينما يترقب المستثمرون المراجعة المقبلة لبرنامج مصر مع صندوق النقد الدولي في الخريف المقبل.",
    ],
    must_not=[
        "مصريون أمام أحد مكاتب الصرافة في وسط القاهرة (أ ف ب)",
        "@salma_elgammal",
        "الثلاثاء 21 يوليو 2026 10:15",
        'صحافية مصرية تغطي الشؤون الاقتصادية والأسواق في القاهرة لـ"اندبندنت عربية" منذ 2019',
        "الجنيه المصري يستقر أمام الدولار في البنوك بعد أسبوع متقلب",
        "السعودية تطرح أول صكوك خضراء بالريال في السوق المحلية",
        "اشترك في النشرة البريدية لاندبندنت عربية",
        "جميع الحقوق محفوظة © اندبندنت عربية 2026",
    ],
    byline="سلمى الجمال",
    published="2026-07-21T10:15:00+01:00",
    tz="Europe/London",
    date_place="meta",
    kinds=[2, 3, 5, 6, 7, 8],
    notes='Drupal. The standfirst is the outlet\'s "ملخص" box (field--name-field-summary, with the label "ملخص" in its own div) '
    'between the h1 and the lead image, apart from field--name-body. Visible date "الثلاثاء 21 يوليو 2026 10:15" is London '
    'summer time (+01:00); meta says 09:15Z. Author line = name + "صحافية" + X handle; a bio box repeats the name after '
    'the body. A body sentence quotes the outlet ("لـ"اندبندنت عربية"") as does the bio. In-body subheading '
    '"مخاطر الاعتماد على الخارج" is article text.',
)

page(
    file="alquds-jordan-water-carrier.html",
    outlet="Al-Quds Al-Arabi (القدس العربي)",
    source_id="alquds_alarabi",
    url="https://www.alquds.co.uk/الأردن-يوقع-عقد-الناقل-الوطني-لتحلية-مياه-العقبة/",
    title="الأردن يوقع عقد «الناقل الوطني» لتحلية مياه العقبة بكلفة 4 مليارات دولار",
    must_contain=[
        "وقعت الحكومة الأردنية، الأربعاء، الاتفاقية النهائية لتنفيذ مشروع «الناقل الوطني للمياه»",
        "وقال وزير المياه والري، خلال حفل التوقيع، إن المشروع «أهم مشروع استراتيجي في تاريخ الأردن الحديث»",
        "وشارك في حفل التوقيع ممثلون عن التحالف الدولي المنفذ للمشروع",
        "وقال أحدهم لـ«القدس العربي» إن «الحكومة مطالبة بالشفافية الكاملة حول تعرفة المياه المستقبلية",
        "تجنباً للتعقيدات السياسية التي رافقت المشاريع الإقليمية المشتركة.",
    ],
    must_not=[
        "خليج العقبة حيث ستقام محطة التحلية (أرشيفية)",
        "صيف أردني قاسٍ: أحياء في عمّان تتلقى المياه مرة كل أسبوعين",
        "شارك هذا المقال:",
        "التعليقات المنشورة تعبر عن آراء أصحابها ولا تعكس بالضرورة رأي «القدس العربي»",
        "مشروع ممتاز إذا تم بدون فساد، المهم ألا تتحمل الطبقة الفقيرة الكلفة كالعادة.",
        "الماء أمن قومي، وكان يجب البدء بهذا المشروع قبل عشرين سنة.",
        "لن يتم نشر عنوان بريدك الإلكتروني.",
        "الأمم المتحدة: دخول 600 شاحنة مساعدات إلى غزة خلال ثلاثة أيام",
        "«القدس العربي» صحيفة يومية مستقلة تأسست في لندن عام 1989",
        "© 2026 القدس العربي. جميع الحقوق محفوظة",
    ],
    byline=None,
    published="2026-12-02T20:05:33+00:00",
    tz="Europe/London",
    date_place="meta",
    kinds=[1, 3, 4, 5, 6, 7, 8],
    notes='WordPress. The only visible publication date is relative ("منذ ساعتين"); the header shows the day of viewing '
    '("الخميس 3 ديسمبر 2026"), and reader comments carry later dates ("ديسمبر 2, 2026 الساعة 9:14 م"). meta '
    'article:published_time is the truth. The author is the paper itself ("«القدس العربي»" in meta author and byline): '
    'byline null. The first paragraph opens with the dateline "عمان – «القدس العربي»: " (not labelled either way). '
    'A <p class="read-also-inline"> with a bold "اقرأ أيضاً:" and one link sits inside entry-content. Comment area: count, '
    "moderation disclaimer, three reader comments, WordPress form with the e-mail notice. A body paragraph opens with "
    '"وشارك في حفل التوقيع".',
)

page(
    file="arabi21-egypt-debt-unit.html",
    outlet="Arabi21 (عربي21)",
    source_id="arabi21",
    url="https://arabi21.com/story/1689412/مصر-تنشئ-وحدة-مركزية-لإدارة-الدين-العام",
    title="مصر تنشئ وحدة مركزية لإدارة الدين العام مع تجاوز فوائده نصف الإنفاق",
    must_contain=[
        "الوحدة الجديدة ستتبع رئاسة الوزراء مباشرة، وتتولى التفاوض مع الدائنين ووضع سقف سنوي للاقتراض الخارجي",
        "أصدرت الحكومة المصرية قرارا بإنشاء وحدة مركزية لإدارة الدين العام تتبع رئيس مجلس الوزراء مباشرة",
        "نشر في الجريدة الرسمية، الأربعاء، قرار رئيس مجلس الوزراء رقم 2140 لسنة 2026",
        'وقال الخبير الاقتصادي المصري مصطفى شاهين لـ"عربي21" إن المشكلة',
        "وبشفافية البيانات التي تنشرها عن حجم الدين وشروطه.",
    ],
    must_not=[
        "عربي21- محمد عبد الرحمن",
        "الأربعاء، 12 أغسطس 2026 08:47 م بتوقيت غرينتش",
        "5 تعليقات",
        "وزارة المالية المصرية في العاصمة الإدارية - فيسبوك",
        "صندوق النقد يوافق على صرف شريحة جديدة لمصر بقيمة 1.2 مليار دولار",
        "حمل تطبيق عربي21 على هاتفك لمتابعة آخر الأخبار لحظة بلحظة",
        "تابعونا على تلغرام",
        "التعليقات المنشورة لا تعبر عن رأي عربي21، ويتحمل أصحابها مسؤوليتها. يرجى الالتزام بقواعد النشر وعدم الإساءة.",
        "الحل في وقف المشروعات التي لا تدر دخلا، لا في إنشاء لجان جديدة",
        "الاحتلال يقتحم مخيم جنين ويعتقل عددا من الشبان",
    ],
    byline="محمد عبد الرحمن",
    published="2026-08-12T20:47:00+00:00",
    tz="UTC",
    date_place="text",
    kinds=[1, 2, 3, 4, 5, 6, 7, 8],
    notes='TEXT-ONLY date: "الأربعاء، 12 أغسطس 2026 08:47 م بتوقيت غرينتش" (12-hour clock with م = 20:47, stated in GMT, '
    "so +00:00 although London is on summer time). No meta/JSON-LD date, no date in the URL. Standfirst is an "
    '<h2 class="sub-title"> (a long sentence in a heading) above the byline, outside #articleBody. The 2nd body '
    'paragraph OPENS with "نشر في الجريدة الرسمية، الأربعاء، قرار ... رقم 2140 لسنة 2026" (looks like a "نشر في" date '
    'line but is article text). Comment count "5 تعليقات" next to the byline; house rules above two reader comments. '
    'Photo credit "... - فيسبوك" under the lead image. Byline "عربي21- محمد عبد الرحمن". The comment disclaimer is NOT in '
    "the comment section: it is a div.article_note right under #articleBody (before the app and Telegram promos); the "
    "comment section further down has the count and two reader comments.",
)

page(
    file="almayadeen-south-lebanon-olives.html",
    outlet="Al Mayadeen (الميادين)",
    source_id="almayadeen",
    url="https://www.almayadeen.net/news/politics/موسم-الزيتون-في-جنوب-لبنان--قطاف-تحت-المسيرات",
    title="موسم الزيتون في جنوب لبنان: قطاف تحت المسيّرات وأسعار لا تغطي الكلفة",
    must_contain=[
        "مزارعو القرى الحدودية يعودون إلى حقولهم رغم الخطر، لكن الأشجار المحروقة وتراجع الإنتاج وغلاء اليد العاملة",
        "مع ساعات الفجر الأولى، يخرج أبو علي، المزارع الستيني من بلدة الخيام، إلى حقله",
        "وبحسب تقديرات وزارة الزراعة اللبنانية، تضرر أكثر من 60 ألف شجرة زيتون",
        'في حين بقي سعر تنكة الزيت عند حدود 100 دولار، "وهو سعر لا يغطي التعب ولا الكلفة".',
        "قبل أن يضع آخر كيس على ظهر دابته ويعود إلى البلدة.",
    ],
    must_not=[
        "مسيّرة إسرائيلية تستهدف سيارة على طريق بلدة كفركلا جنوبي لبنان",
        "المصدر: الميادين نت",
        "الأربعاء 2 كانون الأول 2026 13:20",
        "مزارعون يقطفون الزيتون في إحدى قرى قضاء مرجعيون (أرشيف)",
        "تابعوا الميادين على تلغرام وواتساب لمعرفة آخر الأخبار فور حدوثها",
        "الكلمات المفتاحية",
        "مزارعو حاصبيا يطلقون صرخة: الزيت مكدّس ولا من يشتري",
        "جميع الحقوق محفوظة لشبكة الميادين الإعلامية © 2026",
    ],
    byline=None,
    published="2026-12-02T13:20:00+02:00",
    tz="Asia/Beirut",
    date_place="text",
    kinds=[2, 3, 4, 5, 6, 7, 8],
    notes='TEXT-ONLY date with a Levantine month name: "الأربعاء 2 كانون الأول 2026 13:20" (Beirut winter time, +02:00). '
    'Related items below carry other Levantine dates ("28 تشرين الثاني 2026"). Standfirst in <div class="lead"> between '
    'the h1 and the meta line, outside #article-text. No author; "المصدر: الميادين نت" in the meta line. The body quotes '
    '"يقول للميادين نت". Breaking-news bar ("عاجل") at the top.',
)

page(
    file="enabbaladi-damascus-rents.html",
    outlet="Enab Baladi (عنب بلدي)",
    source_id="enab_baladi",
    url="https://www.enabbaladi.net/784512/إيجارات-دمشق-بالدولار-عائدون-يبحثون-عن-سقف/",
    title="إيجارات دمشق بالدولار.. عائدون يبحثون عن سقف وأصحاب عقارات يرفعون الأسعار",
    must_contain=[
        "تجاوز إيجار شقة متوسطة من غرفتين في أحياء دمشق الوسطى 400 دولار شهريًا",
        "ورصدت عنب بلدي في جولة على عدد من المكاتب العقارية في أحياء المزة والمالكي وأبو رمانة وركن الدين",
        "“رجعنا لنبني حياتنا من جديد، لكن الإيجار يأكل كل شيء”، تضيف.",
        "بحسب ما نقلته الوكالة العربية السورية للأنباء (سانا)",
        "مع ازدياد حركة العودة بعد انتهاء العام الدراسي في دول الجوار.",
    ],
    must_not=[
        "عنب بلدي – دمشق",
        "أبنية سكنية في حي المزة بدمشق - 2 آذار 2026 (عنب بلدي/ سامر أحمد)",
        "“السكن البديل”.. مشاريع حكومية للإيواء تنتظر التمويل",
        "صحفية في عنب بلدي، تغطي الشأن الاقتصادي والمعيشي في دمشق وريفها.",
        "الليرة السورية تتحسن أمام الدولار في السوق السوداء",
        "لن يتم نشر بريدك الإلكتروني. يرجى الالتزام بقواعد النشر، وستحذف التعليقات التي تتضمن شتائم أو تحريضًا.",
        "اشترك في نشرتنا البريدية لتصلك أبرز أخبار عنب بلدي",
        "عنب بلدي مؤسسة إعلامية سورية مستقلة تأسست عام 2011 في داريا",
        "© عنب بلدي 2026. جميع الحقوق محفوظة",
    ],
    byline="ليان الحلبي",
    published="2026-03-05T15:10:44+03:00",
    tz="Asia/Damascus",
    date_place="json-ld",
    kinds=[1, 3, 4, 5, 6, 7, 8],
    notes="WordPress (tagDiv Newspaper theme). The date is in a Yoast @graph (datePublished on the NewsArticle node AND the "
    'WebPage node); the visible date is Levantine ("5 آذار 2026"); the top bar shows the viewing date and the photo '
    'caption holds another date (2 آذار 2026). The body opens with the dateline "عنب بلدي – دمشق" in its own bold <p>. '
    'A "اقرأ أيضًا:" <p> with one link sits in the middle of td-post-content. Subheadings (h3) with curly quotes are '
    "article text. Author box with bio and a WordPress comment form whose notice combines the e-mail notice and the "
    'house rules; comment count "0" near the byline. The body quotes the outlet ("ورصدت عنب بلدي") and SANA.',
)

page(
    file="npasyria-alhol-security-operation.html",
    outlet="North Press Agency (نورث برس)",
    source_id="npa_syria",
    url="https://npasyria.com/218734/",
    title="حملة أمنية جديدة في مخيم الهول وسط تصاعد حوادث القتل",
    must_contain=[
        "أطلقت قوى الأمن الداخلي (الأسايش)، صباح الثلاثاء، حملة أمنية جديدة في مخيم الهول شرقي الحسكة",
        "وبحسب المصدر، شهد المخيم منذ مطلع الشهر الجاري ست جرائم قتل",
        "ويضم مخيم الهول نحو 16 ألف شخص، معظمهم من النساء والأطفال",
        "وأثار المقطع موجة من التعليقات على مواقع التواصل الاجتماعي",
        "داعية إلى تسريع عمليات الإعادة وإيجاد حلول دائمة لقاطنيه.",
    ],
    must_not=[
        "الحسكة – نورث برس",
        "27 تشرين الأول 2026 - 11:15 ص",
        "صورة أرشيفية لمخيم الهول شرقي الحسكة - نورث برس",
        "إدارة مخيم الهول تعلن خروج دفعة جديدة من العائلات السورية إلى منبج",
        "سجن غويران: إعادة تأهيل المبنى بعد ثلاث سنوات على الهجوم",
        "إعداد: روناهي محمد – تحرير: زانا العلي",
        "تابعوا نورث برس على تيليجرام لمتابعة آخر الأخبار",
        "انقطاع المياه عن أحياء في الحسكة لليوم الثالث",
        "© 2026 نورث برس - جميع الحقوق محفوظة",
    ],
    byline="روناهي محمد",
    published="2026-10-27T11:15:00+03:00",
    tz="Asia/Damascus",
    date_place="text",
    kinds=[3, 4, 5, 6, 7, 8],
    notes='WordPress JNews theme (jeg_ classes). TEXT-ONLY date: "27 تشرين الأول 2026 - 11:15 ص" (Levantine month, 12-hour '
    "clock; Syria is on +03:00 all year); the top bar shows the viewing date in Gregorian month names and related posts "
    'carry "26 تشرين الأول 2026". The visible author field is the agency ("نورث برس"); the reporter is named only in the '
    'closing line "إعداد: روناهي محمد – تحرير: زانا العلي" inside the content div. The body opens with the dateline '
    '"الحسكة – نورث برس" as its own <p>. JNews inline related block ("اقرأ أيضاً", two headlines) after the 3rd '
    'paragraph. A body sentence mentions "التعليقات على مواقع التواصل الاجتماعي".',
)

page(
    file="sohr-hasakah-prison-deaths.html",
    outlet="Syrian Observatory for Human Rights (المرصد السوري لحقوق الإنسان)",
    source_id="sohr",
    url="https://www.syriahr.com/762418/",
    title="وفاة ثالث محتجز خلال شهر داخل سجن الصناعة في الحسكة وسط ظروف احتجاز صعبة",
    must_contain=[
        "رصد المرصد السوري لحقوق الإنسان وفاة محتجز من الجنسية العراقية داخل سجن الصناعة (غويران) في مدينة الحسكة",
        "وبذلك يرتفع عدد المحتجزين الذين فارقوا الحياة داخل السجن منذ مطلع آب/أغسطس الفائت إلى ثلاثة",
        "ويعد سجن الصناعة من أكبر مراكز الاحتجاز في شمال شرق سوريا",
        'وكان المرصد السوري قد وثق خلال العام الفائت وفاة 14 محتجزًا في سجون "قسد"',
        "وتحمل الدول مسؤولياتها تجاه رعاياها المحتجزين في سوريا.",
    ],
    must_not=[
        "تابعونا على:",
        "سبتمبر 4، 2026",
        "1,204 مشاهدة",
        "احتجاجات في مخيم روج بعد منع زيارات ذوي المحتجزين",
        "إفراج عن 38 موقوفًا من أبناء عشائر دير الزور بوساطة عشائرية",
        "المرصد السوري لحقوق الإنسان غير مسؤول عن التعليقات المنشورة، ونرجو الالتزام بآداب الحوار، وسيتم حذف التعليقات المسيئة",
        "لن يتم نشر عنوان بريدك الإلكتروني.",
        "حصيلة الخميس: 9 قتلى في مناطق متفرقة من سوريا",
        "المرصد السوري لحقوق الإنسان منظمة غير حكومية تأسست في أيار/مايو 2006",
        "جميع الحقوق محفوظة © المرصد السوري لحقوق الإنسان 2026",
    ],
    byline=None,
    published="2026-09-04",
    tz="Asia/Damascus",
    date_place="text",
    kinds=[1, 3, 4, 7, 8],
    notes='WordPress. TEXT-ONLY date, day only, in WordPress\'s Arabic month-first order: "سبتمبر 4، 2026" (no time, so '
    'published_utc is null); related items carry "سبتمبر 3، 2026" etc. No author (the organisation publishes). The '
    "comment policy sits ABOVE the comment form, and its opening words name the organisation exactly as the body does "
    '("المرصد السوري لحقوق الإنسان"), so a rule cannot drop lines by the site name. No photo. The footer blurb and the '
    "tagline sentence read like article sentences.",
)

page(
    file="shafaq-iraq-content-rules.html",
    outlet="Shafaq News (شفق نيوز)",
    source_id="shafaq",
    url="https://shafaq.com/ar/سياسة/هيئة-الإعلام-العراقية-تصدر-لائحة-جديدة-لـ-المحتوى-الهابط",
    title='هيئة الإعلام العراقية تصدر لائحة جديدة لـ"المحتوى الهابط" وتلوّح بغرامات على الصفحات',
    must_contain=[
        "اللائحة تلزم أصحاب الصفحات التي يتابعها أكثر من 100 ألف شخص بالتسجيل لدى الهيئة",
        "أصدرت هيئة الإعلام والاتصالات في العراق، يوم الأحد، لائحة تنظيمية جديدة للمحتوى الرقمي",
        'وأضاف البيان أن الهيئة "ستحاسب الصفحات التي تنشر التعليقات المسيئة أو تسمح بها دون إشراف',
        "وتتراوح الغرامات بين مليون و10 ملايين دينار عراقي بحسب جسامة المخالفة وتكرارها",
        'مؤكدا أن "تنظيم الفضاء الرقمي ضروري، لكن ليس على حساب الدستور".',
    ],
    must_not=[
        "مقتل وإصابة 4 أشخاص بانفجار عبوة ناسفة في ديالى",
        "الأحد، 16 آب 2026 - 10:44",
        "2,318 قراءة",
        "مقر هيئة الإعلام والاتصالات في بغداد - أرشيف شفق نيوز",
        'القضاء العراقي يحكم بسجن صانع محتوى عامين بتهمة "الإساءة للذوق العام"',
        "شارك الخبر",
        "شفق نيوز غير مسؤولة عن محتوى التعليقات. نرجو الالتزام بآداب الحوار، وسيتم حذف التعليقات المسيئة أو الخارجة عن موضوع الخبر.",
        "الإطار التنسيقي يحسم مرشحه لرئاسة الحكومة خلال أيام",
        "جميع الحقوق محفوظة لـ شفق نيوز © 2026",
    ],
    byline=None,
    published="2026-08-16T10:44:00+03:00",
    tz="Asia/Baghdad",
    date_place="json-ld",
    kinds=[1, 2, 3, 4, 5, 7, 8],
    notes="Next.js-style markup with data-field attributes. KEY TRAP: the article is about content moderation, so a body "
    'sentence says "ستحاسب الصفحات التي تنشر التعليقات المسيئة" while the comment disclaimer under the article says '
    '"وسيتم حذف التعليقات المسيئة" - a rule keyed on "التعليقات المسيئة" alone deletes article text. Standfirst in '
    "div.article-excerpt between the h1 and the date, outside Article_body. First paragraph opens with the outlet "
    'dateline "شفق نيوز- بغداد" (not labelled either way); body quotes "وكالة شفق نيوز" twice. Date with the Iraqi/Levantine '
    'month name "آب". The comment disclaimer is a plain <p class="Article_note"> directly under the body (no "comment" '
    'class), above the tags and share bar; the comment count and form follow further down. Inline "اقرأ أيضاً" card after '
    "the 3rd paragraph. Organisation-only author: byline null.",
)

page(
    file="rudaw-kurdistan-salaries.html",
    outlet="Rudaw Arabic (رووداو عربية)",
    source_id="rudaw_ar",
    url="https://www.rudawarabia.net/arabic/kurdistan/200520262",
    title="اتفاق بين أربيل وبغداد على تمويل رواتب موظفي إقليم كوردستان لثلاثة أشهر",
    must_contain=[
        "وزارة المالية الاتحادية ستحوّل رواتب أشهر نيسان وأيار وحزيران دفعة واحدة تقريبا",
        "توصلت حكومة إقليم كوردستان والحكومة الاتحادية في بغداد، اليوم الأربعاء، إلى اتفاق لتمويل رواتب موظفي الإقليم",
        "شارك في الاجتماع الذي عقد في بغداد ممثلون عن وزارتي المالية في الحكومتين",
        "وبموجب الاتفاق، يلتزم الإقليم بتسليم ما لا يقل عن 230 ألف برميل نفط يوميا إلى سومو",
        "لبحث آلية دائمة لتمويل الرواتب ضمن موازنة العام المقبل.",
    ],
    must_not=[
        "رووداو ديجيتال",
        "أربيل - شوان محمد",
        "20-05-2026 11:42",
        "موظفون أمام أحد المصارف في أربيل - صورة: رووداو",
        "فيديو | موظفو السليمانية يواصلون الإضراب للمطالبة بالرواتب",
        "الكلمات الدلالية:",
        "حمّل تطبيق رووداو وتابع الأخبار أولاً بأول",
        "برلمان كوردستان يعقد جلسته الأولى بعد تأخير دام أشهرا",
        "© Rudaw 2026 جميع الحقوق محفوظة",
    ],
    byline="شوان محمد",
    published="2026-05-20T11:42:00+03:00",
    tz="Asia/Baghdad",
    date_place="meta",
    kinds=[2, 3, 4, 5, 6, 7, 8],
    notes="Summary in div.article-main__content-summary AFTER the date line and BEFORE the share bar and lead image, apart "
    'from div.article-main__content; it is written as a headline-style sentence. A body paragraph OPENS with "شارك في '
    'الاجتماع" (real text). Desk label "رووداو ديجيتال" and "أربيل - شوان محمد" in separate spans. Numeric date '
    '"20-05-2026 11:42" (day first; Erbil +03:00), meta 08:42Z. Video embed with a "فيديو |" title after the 3rd '
    'paragraph. "المزيد من الأخبار" items carry relative dates ("منذ يوم").',
)

page(
    file="hespress-teachers-protest-rabat.html",
    outlet="Hespress (هسبريس)",
    source_id="hespress",
    url="https://www.hespress.com/أساتذة-الزنزانة-10-يحتجون-أمام-البرلمان-1512873.html",
    title='أساتذة "الزنزانة 10" يحتجون أمام البرلمان ويطالبون بتسوية ملف الترقية',
    must_contain=[
        'احتج مئات الأساتذة المصنفين ضمن ما يعرف بفئة "الزنزانة 10"، اليوم الثلاثاء، أمام مقر مجلس النواب بالعاصمة الرباط',
        "شارك في الوقفة الاحتجاجية أساتذة من التعليم الابتدائي والثانوي الإعدادي",
        'وقال عضو في التنسيقية الوطنية لأساتذة "الزنزانة 10"، في تصريح لهسبريس',
        "مشيرة إلى أن الحكومة نفذت جزءا مهما من التزاماتها في اتفاق دجنبر 2023.",
        "في حال عدم تجاوب الحكومة مع مطالبها قبل نهاية السنة الجارية.",
    ],
    must_not=[
        "يستعمل موقع هسبريس ملفات تعريف الارتباط (الكوكيز) لتحسين تجربة التصفح",
        "هسبريس - سعيد الزوهري",
        "الثلاثاء 10 نونبر 2026 - 18:40",
        "تعليقات الزوار: 4",
        "صورة: منير امحيمدات - هسبريس",
        "الحكومة والنقابات التعليمية تتفقان على جدولة جديدة للحوار القطاعي",
        "الأستاذ هو أساس كل إصلاح، وإذا لم يُنصف فلا معنى لأي برنامج.",
        "شروط النشر: عدم الإساءة لأي شخص أو جهة أو مقدس أو مهاجمة الأديان",
        "أمطار رعدية قوية مرتقبة بعدد من أقاليم المملكة",
        "© هسبريس 2026 - جميع الحقوق محفوظة",
    ],
    byline="سعيد الزوهري",
    # Morocco has been on UTC+0 for good since 2026-09-20 (IANA 2026c).
    published="2026-11-10T18:40:00+00:00",
    tz="Africa/Casablanca",
    date_place="text",
    kinds=[1, 3, 4, 5, 6, 7, 8],
    notes='TEXT-ONLY date with the Moroccan month name "نونبر" (November): "الثلاثاء 10 نونبر 2026 - 18:40" (Morocco +00:00: UTC+0 for good since 20 Sep 2026, IANA 2026c). '
    'The header shows the viewing date ("الأربعاء 11 نونبر 2026") and each reader comment has its own later date in the '
    'same format. A body sentence mentions "اتفاق دجنبر 2023" (Moroccan December). A body paragraph OPENS with "شارك في '
    'الوقفة الاحتجاجية" (real text). "مقالات ذات صلة" list inside div.article-content after the 4th paragraph. Comment '
    "count in the article info; four numbered reader comments and the posting rules sit INSIDE the <article> after the "
    'share bar, in a block whose classes do not say "comment" (div.visitors-reactions). Photo credit only '
    '("صورة: ... - هسبريس"). Cookie bar first in <body>.',
)

page(
    file="echorouk-bac-results-algeria.html",
    outlet="Echorouk Online (الشروق أونلاين)",
    source_id="echorouk",
    url="https://www.echoroukonline.com/نسبة-النجاح-في-البكالوريا-تبلغ-55-6-بالمائة",
    title="نسبة النجاح في البكالوريا تبلغ 55.6 بالمائة.. وتيزي وزو في الصدارة",
    must_contain=[
        "كشفت وزارة التربية الوطنية، مساء الخميس، عن نتائج امتحان شهادة البكالوريا دورة جوان 2026",
        "وأوضح وزير التربية الوطنية، في ندوة صحفية نشطها بمقر الوزارة بالجزائر العاصمة",
        "لمتابعة النتائج، وضع الديوان الوطني للامتحانات والمسابقات تطبيقا إلكترونيا",
        "وعلى مستوى الولايات، تصدرت تيزي وزو الترتيب للسنة الخامسة على التوالي",
        "على أن تعلن نتائج التوجيه النهائية مطلع شهر أوت.",
    ],
    must_not=[
        "الجمعة 10 جويلية 2026",
        "الخميس 09 جويلية 2026، 18:20",
        "12 تعليق",
        "تبون يستقبل وزير الخارجية الإيطالي",
        "ابنتي تحصلت على معدل 17.5 في شعبة الرياضيات، الحمد لله",
        "عرض المزيد من التعليقات",
        "ملاحظة: التعليقات لا تمثل رأي الشروق أونلاين وإنما تعبر عن وجهة نظر أصحابها",
        "انطلاق امتحانات البكالوريا بمشاركة 855 ألف مترشح",
        "تابعونا على فايسبوك وتويتر ويوتيوب",
        "جميع الحقوق محفوظة © الشروق أونلاين 2026",
    ],
    byline="سمية بن عيسى",
    published="2026-07-09T18:20:00+01:00",
    tz="Africa/Algiers",
    date_place="meta",
    kinds=[1, 2, 3, 5, 6, 7, 8],
    notes='Algerian month names: "الخميس 09 جويلية 2026، 18:20" (Algiers +01:00, no summer time; meta 17:20Z), header date '
    '"الجمعة 10 جويلية 2026" with a Hijri date, and body mentions of "جوان" and "أوت". Standfirst is a bold '
    'div.ech-art__intro BEFORE the share bar and photo, apart from the body div. A body paragraph OPENS with "لمتابعة '
    'النتائج، وضع الديوان ... تطبيقا إلكترونيا" (a follow/app wording that is article text). The photo caption is only '
    '"أرشيف". The disclaimer is a <p class="ech-sgmn__note"> inside the <article> right after the body, before the tags; '
    "the comment section (count, reader comments with relative times, form) follows the article.",
)

page(
    file="almasryalyoum-ismailia-canal-tour.html",
    outlet="Al-Masry Al-Youm (المصري اليوم)",
    source_id="almasryalyoum",
    url="https://www.almasryalyoum.com/news/details/3641988",
    title="رئيس الوزراء يتفقد مشروعات الإسماعيلية: الانتهاء من توسعة القطاع الجنوبي للقناة قبل نهاية العام",
    must_contain=[
        "تفقد رئيس مجلس الوزراء، اليوم الإثنين، عددا من المشروعات التنموية والخدمية بمحافظة الإسماعيلية",
        "تابع رئيس الوزراء خلال جولته أعمال تطوير المجرى الملاحي لقناة السويس في القطاع الجنوبي",
        "وشملت الجولة افتتاح محطة لمعالجة مياه الصرف الصحي بمنطقة أبو صوير",
        "ووجه بتشكيل لجنة من وزارتي الزراعة والري لدراسة هذه المطالب خلال أسبوعين.",
        "مؤكدا أن أغلبها سيدخل الخدمة قبل نهاية العام المالي المقبل.",
    ],
    must_not=[
        "الأرصاد: ارتفاع درجات الحرارة غدا والعظمى بالقاهرة 39",
        "كتب: أحمد عبد الفتاح",
        "الإثنين 15-06-2026 14:32",
        "رئيس مجلس الوزراء يتفقد أعمال تطوير القناة - صورة أرشيفية",
        "اقرأ أيضًا: إيرادات قناة السويس ترتفع 18% خلال مايو مع عودة شركات الشحن الكبرى",
        "تابعوا آخر أخبار المصري اليوم عبر جوجل نيوز",
        "شروط التعليقات: تعليقات القراء لا تعبر بالضرورة عن رأي «المصري اليوم»",
        "سعر الذهب اليوم في مصر.. عيار 21 يسجل رقما جديدا",
        "جميع الحقوق محفوظة للمؤسسة المصرية للصحافة والنشر - المصري اليوم © 2026",
    ],
    byline="أحمد عبد الفتاح",
    published="2026-06-15T14:32:00+03:00",
    tz="Africa/Cairo",
    date_place="text",
    kinds=[1, 3, 4, 5, 6, 7, 8],
    notes='TEXT-ONLY date "الإثنين 15-06-2026 14:32" (day-month-year). Cairo is on SUMMER time in June since Egypt restored DST '
    'in 2023: +03:00, so 11:32Z (a fixed +02:00 gives the wrong hour). The top bar shows the viewing date "الثلاثاء 16 '
    'يونيو 2026". ASP.NET WebForms page (whole page inside <form>, __VIEWSTATE). The 2nd body paragraph OPENS with "تابع '
    'رئيس الوزراء ... لقناة السويس" (a follow verb AND the word قناة, like a "تابع قناة ..." promo, but article text). '
    'In-body "اقرأ أيضًا:" is a bold link inside its own <p>. Byline "كتب: أحمد عبد الفتاح". The comment box (house '
    'rules, no comments yet) follows the body directly inside the article div and has no "comment" class or id '
    "(div.opinion_box).",
)
