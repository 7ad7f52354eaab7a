#!/usr/bin/env python3
"""Machine-drafted translations of the shuttle plugin's texts (all marked fuzzy: they need a native
speaker's review). Fills empty msgstr in locales/<lang>/kr.go.ansan.shuttle.po; never overwrites a
translation somebody made. Authoring aid only:  python3 plugins/shuttle/tools/drafts.py"""
import os, re, sys

STOPS = {  # English part in brackets -> per language
 "Ansan Station": dict(ko="안산역", zh="安山站", vi="Ga Ansan", ru="станция Ансан", uz="Ansan bekati", kk="Ансан бекеті", tl="Ansan Station", id="Stasiun Ansan", th="สถานีอันซัน", km="ស្ថានីយ៍អានសាន", ne="आनसान स्टेसन", si="අන්සාන් දුම්රිය ස්ථානය", my="အန်ဆန်ဘူတာ", mn="Ансан буудал", ur="آنسان اسٹیشن", bn="আনসান স্টেশন"),
 "Multicultural Food Street": dict(ko="다문화음식거리", zh="多元文化美食街", vi="Phố ẩm thực đa văn hóa", ru="улица мультикультурной еды", uz="Ko‘p madaniyatli taomlar ko‘chasi", kk="Көпмәдениетті тағам көшесі", tl="Multicultural Food Street", id="Jalan Kuliner Multikultural", th="ถนนอาหารพหุวัฒนธรรม", km="ផ្លូវម្ហូបពហុវប្បធម៌", ne="बहुसांस्कृतिक खाना सडक", si="බහුසංස්කෘතික ආහාර වීදිය", my="ယဉ်ကျေးမှုစုံ အစားအစာလမ်း", mn="Олон соёлт хоолны гудамж", ur="کثیر الثقافتی فوڈ اسٹریٹ", bn="বহুসাংস্কৃতিক খাবারের রাস্তা"),
 "Global Multicultural Center": dict(ko="글로벌다문화센터", zh="全球多元文化中心", vi="Trung tâm Đa văn hóa Toàn cầu", ru="Глобальный мультикультурный центр", uz="Global ko‘p madaniyatli markaz", kk="Жаһандық көпмәдениетті орталық", tl="Global Multicultural Center", id="Pusat Multikultural Global", th="ศูนย์พหุวัฒนธรรมโลก", km="មជ្ឈមណ្ឌលពហុវប្បធម៌សកល", ne="ग्लोबल बहुसांस्कृतिक केन्द्र", si="ගෝලීය බහුසංස්කෘතික මධ්‍යස්ථානය", my="ကမ္ဘာ့ယဉ်ကျေးမှုစုံ စင်တာ", mn="Дэлхийн олон соёлт төв", ur="گلوبل کثیر الثقافتی مرکز", bn="গ্লোবাল বহুসাংস্কৃতিক কেন্দ্র"),
 "Wongok-dong Community Center": dict(ko="원곡동 주민센터", zh="元谷洞居民中心", vi="Trung tâm hành chính phường Wongok", ru="центр района Вонгок-дон", uz="Wongok-dong aholi markazi", kk="Вонгок-дон тұрғындар орталығы", tl="Wongok-dong Community Center", id="Kantor Kelurahan Wongok-dong", th="ศูนย์ชุมชนวอนกกดง", km="មជ្ឈមណ្ឌលសហគមន៍វ៉ុនកុកដុង", ne="वनगोक-दोङ सामुदायिक केन्द्र", si="වොන්ගොක්-ඩොං ප්‍රජා මධ්‍යස්ථානය", my="ဝမ်ဂုတ်ဒုံ ရပ်ကွက်ရုံး", mn="Вонгог-дон иргэдийн төв", ur="وونگوک-ڈونگ کمیونٹی سینٹر", bn="ওনগক-দং কমিউনিটি সেন্টার"),
 "Wongok Park": dict(ko="원곡공원", zh="元谷公园", vi="Công viên Wongok", ru="парк Вонгок", uz="Wongok bog‘i", kk="Вонгок саябағы", tl="Wongok Park", id="Taman Wongok", th="สวนวอนกก", km="សួនវ៉ុនកុក", ne="वनगोक पार्क", si="වොන්ගොක් උද්‍යානය", my="ဝမ်ဂုတ် ပန်းခြံ", mn="Вонгог цэцэрлэгт хүрээлэн", ur="وونگوک پارک", bn="ওনগক পার্ক"),
 "Foreign Residents Support HQ": dict(ko="외국인주민지원본부", zh="外国居民支援总部", vi="Trụ sở Hỗ trợ Cư dân Nước ngoài", ru="штаб поддержки иностранных жителей", uz="Chet ellik aholini qo‘llab-quvvatlash markazi", kk="Шетелдік тұрғындарды қолдау штабы", tl="Foreign Residents Support HQ", id="Kantor Pusat Dukungan Warga Asing", th="สำนักงานสนับสนุนผู้พำนักชาวต่างชาติ", km="ទីស្នាក់ការគាំទ្រជនបរទេស", ne="विदेशी बासिन्दा सहायता मुख्यालय", si="විදේශීය පදිංචිකරුවන්ගේ සහාය මූලස්ථානය", my="နိုင်ငံခြားသား နေထိုင်သူ ကူညီရေး ဌာနချုပ်", mn="Гадаад иргэдийг дэмжих төв", ur="غیر ملکی رہائشیوں کا امدادی مرکز", bn="বিদেশি বাসিন্দা সহায়তা সদর দপ্তর"),
 "Counselling Center": dict(ko="외국인주민상담센터", zh="咨询中心", vi="Trung tâm Tư vấn", ru="консультационный центр", uz="Maslahat markazi", kk="Кеңес беру орталығы", tl="Counselling Center", id="Pusat Konseling", th="ศูนย์ให้คำปรึกษา", km="មជ្ឈមណ្ឌលប្រឹក្សាយោបល់", ne="परामर्श केन्द्र", si="උපදේශන මධ්‍යස්ථානය", my="အကြံပေးစင်တာ", mn="Зөвлөгөө өгөх төв", ur="مشاورتی مرکز", bn="পরামর্শ কেন্দ্র"),
 "Wongok Elementary School": dict(ko="원곡초등학교", zh="元谷小学", vi="Trường Tiểu học Wongok", ru="начальная школа Вонгок", uz="Wongok boshlang‘ich maktabi", kk="Вонгок бастауыш мектебі", tl="Wongok Elementary School", id="SD Wongok", th="โรงเรียนประถมวอนกก", km="សាលាបឋមសិក្សាវ៉ុនកុក", ne="वनगोक प्राथमिक विद्यालय", si="වොන්ගොක් ප්‍රාථමික පාසල", my="ဝမ်ဂုတ် မူလတန်းကျောင်း", mn="Вонгог бага сургууль", ur="وونگوک ایلیمنٹری اسکول", bn="ওনগক প্রাথমিক বিদ্যালয়"),
 "Multicultural Village Gate": dict(ko="다문화마을특구 입구", zh="多元文化村入口", vi="Cổng Làng Đa văn hóa", ru="вход в мультикультурный квартал", uz="Ko‘p madaniyatli mahalla darvozasi", kk="Көпмәдениетті аудан қақпасы", tl="Multicultural Village Gate", id="Gerbang Kampung Multikultural", th="ประตูหมู่บ้านพหุวัฒนธรรม", km="ច្រកចូលភូមិពហុវប្បធម៌", ne="बहुसांस्कृतिक गाउँ प्रवेशद्वार", si="බහුසංස්කෘතික ගම්මාන දොරටුව", my="ယဉ်ကျေးမှုစုံ ရပ်ရွာ ဝင်ပေါက်", mn="Олон соёлт хорооллын орц", ur="کثیر الثقافتی گاؤں کا دروازہ", bn="বহুসাংস্কৃতিক গ্রামের প্রবেশদ্বার"),
 "Ansan Station Transfer Center": dict(ko="안산역 환승센터", zh="安山站换乘中心", vi="Trạm trung chuyển Ga Ansan", ru="пересадочный узел станции Ансан", uz="Ansan bekati transfer markazi", kk="Ансан бекетінің ауысу орталығы", tl="Ansan Station Transfer Center", id="Pusat Transit Stasiun Ansan", th="ศูนย์เปลี่ยนรถสถานีอันซัน", km="មជ្ឈមណ្ឌលផ្លាស់ប្តូរស្ថានីយ៍អានសាន", ne="आनसान स्टेसन ट्रान्सफर केन्द्र", si="අන්සාන් ස්ථාන මාරු මධ්‍යස්ථානය", my="အန်ဆန်ဘူတာ ကားပြောင်းစင်တာ", mn="Ансан буудлын шилжих төв", ur="آنسان اسٹیشن ٹرانسفر سینٹر", bn="আনসান স্টেশন ট্রান্সফার সেন্টার"),
}
L = ["ko", "zh", "vi", "ru", "uz", "kk", "tl", "id", "th", "km", "ne", "si", "my", "mn", "ur", "bn"]
DIRS = dict(zh="zh-Hans", uz="uz-Latn")
ONE_OTHER = {"uz", "kk", "tl", "ne", "si", "mn", "ur", "bn"}

def P(one, other, var, lang, zero=None, few=None, many=None):
    """A plural with the categories lang needs (ru: one few many other; one/other; else other)."""
    z = " =0 {%s}" % zero if zero is not None else ""
    if lang == "ru":
        return "{%s, plural,%s one {%s} few {%s} many {%s} other {%s}}" % (var, z, one, few, many, other)
    if lang in ONE_OTHER:
        return "{%s, plural,%s one {%s} other {%s}}" % (var, z, one, other)
    return "{%s, plural,%s other {%s}}" % (var, z, other)

T = {}
def t(msgid, **kw):
    T[msgid] = kw

t("Shuttle", ko="셔틀", zh="班车", vi="Xe đưa đón", ru="Шаттл", uz="Shattl", kk="Шаттл", tl="Shuttle", id="Shuttle", th="รถรับส่ง", km="រថយន្តដឹកជញ្ជូន", ne="सटल", si="ෂටල් බස්", my="ရှပ်တယ်ကား", mn="Шаттл", ur="شٹل", bn="শাটল")
t("You are here", ko="현재 위치", zh="您在这里", vi="Bạn đang ở đây", ru="Вы здесь", uz="Siz shu yerdasiz", kk="Сіз осындасыз", tl="Narito ka", id="Anda di sini", th="คุณอยู่ที่นี่", km="អ្នកនៅទីនេះ", ne="तपाईं यहाँ हुनुहुन्छ", si="ඔබ මෙහි", my="သင်ရှိသည့်နေရာ", mn="Та энд байна", ur="آپ یہاں ہیں", bn="আপনি এখানে")
t("on time", ko="정시 운행", zh="准时", vi="đúng giờ", ru="по расписанию", uz="o‘z vaqtida", kk="уақытында", tl="nasa oras", id="tepat waktu", th="ตรงเวลา", km="ទាន់ពេល", ne="समयमै", si="නියමිත වේලාවට", my="အချိန်မှန်", mn="цагтаа", ur="وقت پر", bn="সময়মতো")
t("full", ko="만석", zh="已满", vi="hết chỗ", ru="мест нет", uz="joy yo‘q", kk="орын жоқ", tl="puno na", id="penuh", th="เต็ม", km="ពេញ", ne="भरिएको", si="පිරී ඇත", my="နေရာပြည့်", mn="дүүрсэн", ur="بھری ہوئی", bn="পূর্ণ")
t("wheelchair place", ko="휠체어석", zh="轮椅位", vi="chỗ xe lăn", ru="место для коляски", uz="nogironlar aravachasi joyi", kk="арбаға арналған орын", tl="puwesto ng wheelchair", id="tempat kursi roda", th="ที่สำหรับรถเข็น", km="កន្លែងរទេះរុញ", ne="ह्वीलचेयर ठाउँ", si="රෝද පුටු ඉඩ", my="ဘီးတပ်ကုလားထိုင်နေရာ", mn="тэргэнцрийн суудал", ur="وہیل چیئر کی جگہ", bn="হুইলচেয়ারের জায়গা")
t("The shuttle timetable is not available right now.", ko="지금은 셔틀 시간표를 볼 수 없습니다.", zh="班车时刻表暂时无法显示。", vi="Hiện không xem được lịch xe đưa đón.", ru="Расписание шаттла сейчас недоступно.", uz="Shattl jadvali hozir mavjud emas.", kk="Шаттл кестесі қазір қолжетімсіз.", tl="Hindi available ngayon ang iskedyul ng shuttle.", id="Jadwal shuttle sedang tidak tersedia.", th="ขณะนี้ไม่สามารถแสดงตารางเวลารถรับส่งได้", km="កាលវិភាគរថយន្តមិនអាចប្រើបានទេឥឡូវនេះ។", ne="अहिले सटलको समयतालिका उपलब्ध छैन।", si="ෂටල් කාලසටහන දැන් ලබා ගත නොහැක.", my="ယခု ရှပ်တယ်ကား အချိန်ဇယား မရနိုင်ပါ။", mn="Шаттлын хуваарь одоогоор байхгүй байна.", ur="شٹل کا ٹائم ٹیبل ابھی دستیاب نہیں ہے۔", bn="এখন শাটলের সময়সূচি পাওয়া যাচ্ছে না।")
t("Home", ko="처음으로", zh="首页", vi="Trang chủ", ru="Главная", uz="Bosh sahifa", kk="Басты бет", tl="Home", id="Beranda", th="หน้าแรก", km="ទំព័រដើម", ne="गृहपृष्ठ", si="මුල් පිටුව", my="ပင်မ", mn="Нүүр", ur="ہوم", bn="হোম")
t("Booking is not offered at this kiosk.", ko="이 키오스크에서는 예약할 수 없습니다.", zh="此自助终端不提供预订。", vi="Ki-ốt này không có dịch vụ đặt chỗ.", ru="В этом киоске бронирование недоступно.", uz="Bu kioskda bron qilish mumkin emas.", kk="Бұл киоскіде брондау жоқ.", tl="Walang booking sa kiosk na ito.", id="Pemesanan tidak tersedia di kios ini.", th="ตู้นี้ไม่มีบริการจอง", km="បញ្ជរនេះមិនផ្តល់ការកក់ទេ។", ne="यो किओस्कमा बुकिङ उपलब्ध छैन।", si="මෙම කියෝස්කයේ වෙන්කිරීම් නොමැත.", my="ဤကီယော့စ်တွင် ကြိုတင်မှာယူ၍ မရပါ။", mn="Энэ киоскоор захиалга өгөх боломжгүй.", ur="اس کیوسک پر بکنگ کی سہولت نہیں ہے۔", bn="এই কিয়স্কে বুকিং করা যায় না।")
t("Booking is not available right now. The timetable is still correct.", ko="지금은 예약할 수 없습니다. 시간표는 정확합니다.", zh="暂时无法预订。时刻表仍然准确。", vi="Hiện không thể đặt chỗ. Lịch chạy xe vẫn đúng.", ru="Бронирование сейчас недоступно. Расписание верное.", uz="Hozir bron qilib bo‘lmaydi. Jadval to‘g‘ri.", kk="Қазір брондау мүмкін емес. Кесте дұрыс.", tl="Hindi makapag-book ngayon. Tama pa rin ang iskedyul.", id="Pemesanan sedang tidak tersedia. Jadwal tetap benar.", th="ขณะนี้จองไม่ได้ ตารางเวลายังถูกต้อง", km="មិនអាចកក់បានទេឥឡូវនេះ។ កាលវិភាគនៅតែត្រឹមត្រូវ។", ne="अहिले बुकिङ गर्न मिल्दैन। समयतालिका भने सही छ।", si="දැන් වෙන් කළ නොහැක. කාලසටහන තවමත් නිවැරදියි.", my="ယခု ကြိုတင်မှာယူ၍ မရပါ။ အချိန်ဇယားမှာ မှန်ကန်ပါသည်။", mn="Одоогоор захиалах боломжгүй. Хуваарь зөв хэвээр.", ur="ابھی بکنگ نہیں ہو سکتی۔ ٹائم ٹیبل درست ہے۔", bn="এখন বুকিং করা যাচ্ছে না। সময়সূচি ঠিক আছে।")
t("Cancel a booking", ko="예약 취소", zh="取消预订", vi="Hủy đặt chỗ", ru="Отменить бронь", uz="Bronni bekor qilish", kk="Броньды болдырмау", tl="Kanselahin ang booking", id="Batalkan pemesanan", th="ยกเลิกการจอง", km="បោះបង់ការកក់", ne="बुकिङ रद्द गर्नुहोस्", si="වෙන්කිරීම අවලංගු කරන්න", my="ကြိုတင်မှာယူမှု ပယ်ဖျက်ရန်", mn="Захиалга цуцлах", ur="بکنگ منسوخ کریں", bn="বুকিং বাতিল করুন")
t("Next shuttles from {stop}", ko="{stop}에서 출발하는 다음 셔틀", zh="{stop}的下一班班车", vi="Các chuyến tiếp theo từ {stop}", ru="Ближайшие шаттлы от остановки {stop}", uz="{stop} dan keyingi shattllar", kk="{stop} аялдамасынан келесі шаттлдар", tl="Mga susunod na shuttle mula sa {stop}", id="Shuttle berikutnya dari {stop}", th="รถรับส่งเที่ยวถัดไปจาก {stop}", km="រថយន្តបន្ទាប់ពី {stop}", ne="{stop} बाट अर्को सटलहरू", si="{stop} සිට ඊළඟ ෂටල්", my="{stop} မှ ထွက်မည့် နောက်ရှပ်တယ်ကားများ", mn="{stop}-с гарах дараагийн шаттлууд", ur="{stop} سے اگلی شٹلیں", bn="{stop} থেকে পরের শাটল")
t("Tap a departure to book a seat.", ko="출발 시간을 누르면 좌석을 예약할 수 있습니다.", zh="点按一个班次即可预订座位。", vi="Chạm vào một chuyến để đặt chỗ.", ru="Нажмите на рейс, чтобы забронировать место.", uz="Joy band qilish uchun reysni bosing.", kk="Орын брондау үшін рейсті басыңыз.", tl="Pindutin ang isang biyahe para mag-book ng upuan.", id="Sentuh keberangkatan untuk memesan kursi.", th="แตะเที่ยวรถเพื่อจองที่นั่ง", km="ចុចលើការចេញដំណើរ ដើម្បីកក់កៅអី។", ne="सिट बुक गर्न प्रस्थान छुनुहोस्।", si="ආසනයක් වෙන් කිරීමට පිටත්වීමක් ස්පර්ශ කරන්න.", my="ထိုင်ခုံကြိုတင်မှာရန် ထွက်ခွာချိန်ကို နှိပ်ပါ။", mn="Суудал захиалахын тулд аяллыг дарна уу.", ur="سیٹ بک کرنے کے لیے روانگی کو چھوئیں۔", bn="আসন বুক করতে একটি যাত্রা ছুঁয়ে দিন।")
t("No more shuttles today.", ko="오늘은 더 이상 셔틀이 없습니다.", zh="今天没有更多班车了。", vi="Hôm nay không còn chuyến nào.", ru="Сегодня шаттлов больше нет.", uz="Bugun boshqa shattl yo‘q.", kk="Бүгін басқа шаттл жоқ.", tl="Wala nang shuttle ngayong araw.", id="Tidak ada shuttle lagi hari ini.", th="วันนี้ไม่มีรถรับส่งแล้ว", km="ថ្ងៃនេះគ្មានរថយន្តទៀតទេ។", ne="आज थप सटल छैन।", si="අද තවත් ෂටල් නැත.", my="ယနေ့ ရှပ်တယ်ကား မရှိတော့ပါ။", mn="Өнөөдөр өөр шаттл байхгүй.", ur="آج مزید کوئی شٹل نہیں۔", bn="আজ আর কোনো শাটল নেই।")
t("{time} to {to}", ko="{time} {to}행", zh="{time} 开往{to}", vi="{time} đi {to}", ru="{time} до {to}", uz="{time} {to} tomon", kk="{time} {to} бағытына", tl="{time} papuntang {to}", id="{time} ke {to}", th="{time} ไป {to}", km="{time} ទៅ {to}", ne="{time} {to} तर्फ", si="{time} {to} වෙත", my="{time} {to} သို့", mn="{time} {to} руу", ur="{time} بجے {to} کے لیے", bn="{time} {to} যাবে")
t("Booking is not available right now.", ko="지금은 예약할 수 없습니다.", zh="暂时无法预订。", vi="Hiện không thể đặt chỗ.", ru="Бронирование сейчас недоступно.", uz="Hozir bron qilib bo‘lmaydi.", kk="Қазір брондау мүмкін емес.", tl="Hindi makapag-book ngayon.", id="Pemesanan sedang tidak tersedia.", th="ขณะนี้จองไม่ได้", km="មិនអាចកក់បានទេឥឡូវនេះ។", ne="अहिले बुकिङ गर्न मिल्दैन।", si="දැන් වෙන් කළ නොහැක.", my="ယခု ကြိုတင်မှာယူ၍ မရပါ။", mn="Одоогоор захиалах боломжгүй.", ur="ابھی بکنگ نہیں ہو سکتی۔", bn="এখন বুকিং করা যাচ্ছে না।")
t("Sorry, this shuttle is full.", ko="죄송합니다. 이 셔틀은 만석입니다.", zh="抱歉，这班车已满。", vi="Xin lỗi, chuyến này đã hết chỗ.", ru="К сожалению, мест нет.", uz="Kechirasiz, bu shattlda joy yo‘q.", kk="Кешіріңіз, бұл шаттлда орын жоқ.", tl="Paumanhin, puno na ang shuttle na ito.", id="Maaf, shuttle ini sudah penuh.", th="ขออภัย รถเที่ยวนี้เต็มแล้ว", km="សូមទោស រថយន្តនេះពេញហើយ។", ne="माफ गर्नुहोस्, यो सटल भरिएको छ।", si="කණගාටුයි, මෙම ෂටලය පිරී ඇත.", my="စိတ်မကောင်းပါ၊ ဤကားတွင် နေရာပြည့်နေပါပြီ။", mn="Уучлаарай, энэ шаттл дүүрсэн байна.", ur="معذرت، یہ شٹل بھری ہوئی ہے۔", bn="দুঃখিত, এই শাটলটি পূর্ণ।")
t("This shuttle can no longer be booked.", ko="이 셔틀은 더 이상 예약할 수 없습니다.", zh="这班车已无法预订。", vi="Chuyến này không còn đặt được nữa.", ru="Этот рейс уже нельзя забронировать.", uz="Bu shattlni endi bron qilib bo‘lmaydi.", kk="Бұл шаттлды енді брондауға болмайды.", tl="Hindi na maaaring i-book ang shuttle na ito.", id="Shuttle ini tidak bisa dipesan lagi.", th="รถเที่ยวนี้จองไม่ได้แล้ว", km="រថយន្តនេះមិនអាចកក់បានទៀតទេ។", ne="यो सटल अब बुक गर्न मिल्दैन।", si="මෙම ෂටලය තවදුරටත් වෙන් කළ නොහැක.", my="ဤကားကို ကြိုတင်မှာယူ၍ မရတော့ပါ။", mn="Энэ шаттлыг захиалах боломжгүй болсон.", ur="یہ شٹل اب بک نہیں ہو سکتی۔", bn="এই শাটল আর বুক করা যাবে না।")
t("Booking did not work. Please try again.", ko="예약되지 않았습니다. 다시 시도해 주세요.", zh="预订未成功，请重试。", vi="Đặt chỗ không thành công. Vui lòng thử lại.", ru="Не удалось забронировать. Попробуйте ещё раз.", uz="Bron qilinmadi. Qaytadan urinib ko‘ring.", kk="Брондау сәтсіз. Қайталап көріңіз.", tl="Hindi natuloy ang booking. Pakisubukang muli.", id="Pemesanan gagal. Silakan coba lagi.", th="จองไม่สำเร็จ โปรดลองอีกครั้ง", km="ការកក់មិនបានសម្រេច។ សូមព្យាយាមម្តងទៀត។", ne="बुकिङ भएन। कृपया फेरि प्रयास गर्नुहोस्।", si="වෙන්කිරීම සාර්ථක නොවීය. නැවත උත්සාහ කරන්න.", my="ကြိုတင်မှာယူမှု မအောင်မြင်ပါ။ ထပ်မံကြိုးစားပါ။", mn="Захиалга амжилтгүй боллоо. Дахин оролдоно уу.", ur="بکنگ نہیں ہو سکی۔ براہ کرم دوبارہ کوشش کریں۔", bn="বুকিং হয়নি। আবার চেষ্টা করুন।")
t("Book the {time} shuttle from {stop}", ko="{stop}에서 {time}에 출발하는 셔틀 예약", zh="预订{stop} {time}的班车", vi="Đặt chuyến {time} từ {stop}", ru="Бронь на шаттл в {time} от остановки {stop}", uz="{stop} dan {time} dagi shattlni bron qilish", kk="{stop} аялдамасынан {time} шаттлын брондау", tl="I-book ang shuttle ng {time} mula sa {stop}", id="Pesan shuttle {time} dari {stop}", th="จองรถ {time} จาก {stop}", km="កក់រថយន្តម៉ោង {time} ពី {stop}", ne="{stop} बाट {time} को सटल बुक गर्नुहोस्", si="{stop} සිට {time} ෂටලය වෙන් කරන්න", my="{stop} မှ {time} ကားကို ကြိုတင်မှာရန်", mn="{stop}-с {time}-д гарах шаттл захиалах", ur="{stop} سے {time} والی شٹل بک کریں", bn="{stop} থেকে {time}-এর শাটল বুক করুন")
t("How many seats?", ko="몇 석이 필요하세요?", zh="需要几个座位？", vi="Bao nhiêu chỗ?", ru="Сколько мест?", uz="Nechta joy?", kk="Неше орын?", tl="Ilang upuan?", id="Berapa kursi?", th="กี่ที่นั่ง", km="ប៉ុន្មានកៅអី?", ne="कति सिट?", si="ආසන කීයද?", my="ထိုင်ခုံ ဘယ်နှစ်ခုလဲ။", mn="Хэдэн суудал?", ur="کتنی سیٹیں؟", bn="কয়টি আসন?")
t("Wheelchair place: yes", ko="휠체어석: 예", zh="轮椅位：需要", vi="Chỗ xe lăn: có", ru="Место для коляски: да", uz="Aravacha joyi: ha", kk="Арба орны: иә", tl="Puwesto ng wheelchair: oo", id="Tempat kursi roda: ya", th="ที่สำหรับรถเข็น: ต้องการ", km="កន្លែងរទេះរុញ៖ បាទ/ចាស", ne="ह्वीलचेयर ठाउँ: चाहिन्छ", si="රෝද පුටු ඉඩ: ඔව්", my="ဘီးတပ်ကုလားထိုင်နေရာ - လိုသည်", mn="Тэргэнцрийн суудал: тийм", ur="وہیل چیئر کی جگہ: ہاں", bn="হুইলচেয়ারের জায়গা: হ্যাঁ")
t("Wheelchair place: no", ko="휠체어석: 아니요", zh="轮椅位：不需要", vi="Chỗ xe lăn: không", ru="Место для коляски: нет", uz="Aravacha joyi: yo‘q", kk="Арба орны: жоқ", tl="Puwesto ng wheelchair: hindi", id="Tempat kursi roda: tidak", th="ที่สำหรับรถเข็น: ไม่ต้องการ", km="កន្លែងរទេះរុញ៖ ទេ", ne="ह्वीलचेयर ठाउँ: चाहिँदैन", si="රෝද පුටු ඉඩ: නැත", my="ဘီးတပ်ကုလားထိုင်နေရာ - မလိုပါ", mn="Тэргэнцрийн суудал: үгүй", ur="وہیل چیئر کی جگہ: نہیں", bn="হুইলচেয়ারের জায়গা: না")
t("This shuttle has no free wheelchair place.", ko="이 셔틀에는 남은 휠체어석이 없습니다.", zh="这班车没有空余轮椅位。", vi="Chuyến này không còn chỗ xe lăn.", ru="В этом шаттле нет свободного места для коляски.", uz="Bu shattlda bo‘sh aravacha joyi yo‘q.", kk="Бұл шаттлда бос арба орны жоқ.", tl="Walang bakanteng puwesto ng wheelchair sa shuttle na ito.", id="Shuttle ini tidak punya tempat kursi roda yang kosong.", th="รถเที่ยวนี้ไม่มีที่ว่างสำหรับรถเข็น", km="រថយន្តនេះគ្មានកន្លែងរទេះរុញទំនេរទេ។", ne="यो सटलमा खाली ह्वीलचेयर ठाउँ छैन।", si="මෙම ෂටලයේ හිස් රෝද පුටු ඉඩක් නැත.", my="ဤကားတွင် ဘီးတပ်ကုလားထိုင်နေရာ လွတ်မရှိပါ။", mn="Энэ шаттлд сул тэргэнцрийн суудал алга.", ur="اس شٹل میں وہیل چیئر کی خالی جگہ نہیں ہے۔", bn="এই শাটলে হুইলচেয়ারের খালি জায়গা নেই।")
t("Booking…", ko="예약 중…", zh="正在预订…", vi="Đang đặt chỗ…", ru="Бронирование…", uz="Bron qilinmoqda…", kk="Брондалуда…", tl="Nagbu-book…", id="Memesan…", th="กำลังจอง…", km="កំពុងកក់…", ne="बुक हुँदैछ…", si="වෙන් කරමින්…", my="ကြိုတင်မှာယူနေသည်…", mn="Захиалж байна…", ur="بکنگ ہو رہی ہے…", bn="বুক হচ্ছে…")
t("Back", ko="뒤로", zh="返回", vi="Quay lại", ru="Назад", uz="Orqaga", kk="Артқа", tl="Bumalik", id="Kembali", th="ย้อนกลับ", km="ត្រឡប់ក្រោយ", ne="पछाडि", si="ආපසු", my="နောက်သို့", mn="Буцах", ur="واپس", bn="ফিরে যান")
t("Your seat is booked", ko="좌석이 예약되었습니다", zh="座位已预订", vi="Đã đặt chỗ cho bạn", ru="Место забронировано", uz="Joyingiz band qilindi", kk="Орныңыз брондалды", tl="Naka-book na ang upuan mo", id="Kursi Anda sudah dipesan", th="จองที่นั่งแล้ว", km="កៅអីរបស់អ្នកត្រូវបានកក់", ne="तपाईंको सिट बुक भयो", si="ඔබේ ආසනය වෙන් කර ඇත", my="သင့်ထိုင်ခုံ ကြိုတင်မှာယူပြီးပါပြီ", mn="Таны суудал захиалагдлаа", ur="آپ کی سیٹ بک ہو گئی", bn="আপনার আসন বুক হয়েছে")
t("Your booking code", ko="예약 코드", zh="您的预订码", vi="Mã đặt chỗ của bạn", ru="Код брони", uz="Bron kodingiz", kk="Брондау кодыңыз", tl="Ang iyong booking code", id="Kode pemesanan Anda", th="รหัสการจองของคุณ", km="លេខកូដកក់របស់អ្នក", ne="तपाईंको बुकिङ कोड", si="ඔබේ වෙන්කිරීමේ කේතය", my="သင့်ကြိုတင်မှာယူမှု ကုဒ်", mn="Таны захиалгын код", ur="آپ کا بکنگ کوڈ", bn="আপনার বুকিং কোড")
t("Show this code to the operator", ko="이 코드를 운영자에게 보여 주세요", zh="请向工作人员出示此码", vi="Đưa mã này cho nhân viên", ru="Покажите этот код оператору", uz="Bu kodni operatorga ko‘rsating", kk="Бұл кодты операторға көрсетіңіз", tl="Ipakita ang code na ito sa operator", id="Tunjukkan kode ini kepada petugas", th="แสดงรหัสนี้แก่เจ้าหน้าที่", km="បង្ហាញលេខកូដនេះដល់អ្នកបើកបរ", ne="यो कोड सञ्चालकलाई देखाउनुहोस्", si="මෙම කේතය ක්‍රියාකරුට පෙන්වන්න", my="ဤကုဒ်ကို တာဝန်ခံအား ပြပါ", mn="Энэ кодыг ажилтанд үзүүлнэ үү", ur="یہ کوڈ عملے کو دکھائیں", bn="এই কোডটি পরিচালককে দেখান")
t("{time} from {stop}", ko="{time} {stop} 출발", zh="{time} 从{stop}出发", vi="{time} từ {stop}", ru="{time} от остановки {stop}", uz="{time} {stop} dan", kk="{time} {stop} аялдамасынан", tl="{time} mula sa {stop}", id="{time} dari {stop}", th="{time} จาก {stop}", km="{time} ពី {stop}", ne="{time} {stop} बाट", si="{time} {stop} සිට", my="{time} {stop} မှ", mn="{time} {stop}-с", ur="{time} بجے {stop} سے", bn="{time} {stop} থেকে")
t("Remember the code: this kiosk forgets it when you leave.", ko="코드를 기억하세요. 자리를 떠나면 키오스크는 코드를 지웁니다.", zh="请记住此码：您离开后，本终端不会保留它。", vi="Hãy ghi nhớ mã: ki-ốt sẽ xóa mã khi bạn rời đi.", ru="Запомните код: киоск забудет его, когда вы уйдёте.", uz="Kodni eslab qoling: ketganingizdan so‘ng kiosk uni unutadi.", kk="Кодты есте сақтаңыз: кеткеннен кейін киоск оны ұмытады.", tl="Tandaan ang code: kakalimutan ito ng kiosk pag-alis mo.", id="Ingat kodenya: kios ini akan menghapusnya saat Anda pergi.", th="โปรดจำรหัสไว้ ตู้นี้จะลบรหัสเมื่อคุณออกไป", km="ចងចាំលេខកូដ៖ បញ្ជរនេះនឹងលុបវាពេលអ្នកចាកចេញ។", ne="कोड सम्झनुहोस्: तपाईं गएपछि यो किओस्कले बिर्सन्छ।", si="කේතය මතක තබා ගන්න: ඔබ ගිය පසු කියෝස්කය එය අමතක කරයි.", my="ကုဒ်ကို မှတ်ထားပါ။ သင်ထွက်သွားပါက ကီယော့စ်က မေ့သွားပါမည်။", mn="Кодоо санаарай: таныг явахад киоск үүнийг мартана.", ur="کوڈ یاد رکھیں: آپ کے جانے کے بعد کیوسک اسے بھول جائے گا۔", bn="কোডটি মনে রাখুন: আপনি চলে গেলে কিয়স্ক এটি মুছে ফেলবে।")
t("Cancelling…", ko="취소 중…", zh="正在取消…", vi="Đang hủy…", ru="Отмена…", uz="Bekor qilinmoqda…", kk="Болдырмау…", tl="Kinakansela…", id="Membatalkan…", th="กำลังยกเลิก…", km="កំពុងបោះបង់…", ne="रद्द हुँदैछ…", si="අවලංගු කරමින්…", my="ပယ်ဖျက်နေသည်…", mn="Цуцалж байна…", ur="منسوخ ہو رہی ہے…", bn="বাতিল হচ্ছে…")
t("Done", ko="완료", zh="完成", vi="Xong", ru="Готово", uz="Tayyor", kk="Дайын", tl="Tapos", id="Selesai", th="เสร็จสิ้น", km="រួចរាល់", ne="सकियो", si="අවසන්", my="ပြီးပါပြီ", mn="Дууслаа", ur="ہو گیا", bn="সম্পন্ন")
t("Cancel this booking", ko="이 예약 취소", zh="取消此预订", vi="Hủy đặt chỗ này", ru="Отменить эту бронь", uz="Bu bronni bekor qilish", kk="Осы броньды болдырмау", tl="Kanselahin ang booking na ito", id="Batalkan pemesanan ini", th="ยกเลิกการจองนี้", km="បោះបង់ការកក់នេះ", ne="यो बुकिङ रद्द गर्नुहोस्", si="මෙම වෙන්කිරීම අවලංගු කරන්න", my="ဤကြိုတင်မှာယူမှုကို ပယ်ဖျက်ရန်", mn="Энэ захиалгыг цуцлах", ur="یہ بکنگ منسوخ کریں", bn="এই বুকিং বাতিল করুন")
t("Cancelling is not available right now.", ko="지금은 취소할 수 없습니다.", zh="暂时无法取消。", vi="Hiện không thể hủy.", ru="Отмена сейчас недоступна.", uz="Hozir bekor qilib bo‘lmaydi.", kk="Қазір болдырмау мүмкін емес.", tl="Hindi makapagkansela ngayon.", id="Pembatalan sedang tidak tersedia.", th="ขณะนี้ยกเลิกไม่ได้", km="មិនអាចបោះបង់បានទេឥឡូវនេះ។", ne="अहिले रद्द गर्न मिल्दैन।", si="දැන් අවලංගු කළ නොහැක.", my="ယခု ပယ်ဖျက်၍ မရပါ။", mn="Одоогоор цуцлах боломжгүй.", ur="ابھی منسوخی نہیں ہو سکتی۔", bn="এখন বাতিল করা যাচ্ছে না।")
t("The booking is cancelled.", ko="예약이 취소되었습니다.", zh="预订已取消。", vi="Đã hủy đặt chỗ.", ru="Бронь отменена.", uz="Bron bekor qilindi.", kk="Бронь болдырылмады.", tl="Nakansela na ang booking.", id="Pemesanan dibatalkan.", th="ยกเลิกการจองแล้ว", km="ការកក់ត្រូវបានបោះបង់។", ne="बुकिङ रद्द भयो।", si="වෙන්කිරීම අවලංගු කළා.", my="ကြိုတင်မှာယူမှုကို ပယ်ဖျက်ပြီးပါပြီ။", mn="Захиалга цуцлагдлаа.", ur="بکنگ منسوخ ہو گئی۔", bn="বুকিং বাতিল হয়েছে।")
t("No booking has this code. Check the code and try again.", ko="이 코드의 예약이 없습니다. 코드를 확인하고 다시 시도해 주세요.", zh="没有使用此码的预订。请核对后重试。", vi="Không có đặt chỗ nào với mã này. Hãy kiểm tra lại mã.", ru="Брони с таким кодом нет. Проверьте код и попробуйте снова.", uz="Bu kodli bron yo‘q. Kodni tekshirib, qaytadan urinib ko‘ring.", kk="Бұл кодпен бронь жоқ. Кодты тексеріп, қайталаңыз.", tl="Walang booking na may ganitong code. Suriin ang code at subukang muli.", id="Tidak ada pemesanan dengan kode ini. Periksa kodenya dan coba lagi.", th="ไม่มีการจองที่ใช้รหัสนี้ โปรดตรวจสอบรหัสแล้วลองอีกครั้ง", km="គ្មានការកក់ដែលមានលេខកូដនេះទេ។ សូមពិនិត្យលេខកូដ ហើយព្យាយាមម្តងទៀត។", ne="यो कोडको कुनै बुकिङ छैन। कोड जाँचेर फेरि प्रयास गर्नुहोस्।", si="මෙම කේතය සහිත වෙන්කිරීමක් නැත. කේතය පරීක්ෂා කර නැවත උත්සාහ කරන්න.", my="ဤကုဒ်ဖြင့် ကြိုတင်မှာယူမှု မရှိပါ။ ကုဒ်ကို စစ်ဆေးပြီး ထပ်ကြိုးစားပါ။", mn="Энэ кодтой захиалга алга. Кодоо шалгаад дахин оролдоно уу.", ur="اس کوڈ کی کوئی بکنگ نہیں۔ کوڈ چیک کر کے دوبارہ کوشش کریں۔", bn="এই কোডে কোনো বুকিং নেই। কোডটি দেখে আবার চেষ্টা করুন।")
t("Type the 6-character code of your booking.", ko="예약 코드 6자리를 입력하세요.", zh="请输入6位预订码。", vi="Nhập mã đặt chỗ gồm 6 ký tự.", ru="Введите 6-значный код брони.", uz="6 belgili bron kodini kiriting.", kk="6 таңбалы брондау кодын енгізіңіз.", tl="I-type ang 6 na character na code ng booking mo.", id="Ketik kode pemesanan 6 karakter Anda.", th="พิมพ์รหัสการจอง 6 ตัวอักษร", km="វាយលេខកូដកក់ ៦ តួ។", ne="आफ्नो बुकिङको ६ अक्षरको कोड टाइप गर्नुहोस्।", si="ඔබේ වෙන්කිරීමේ අක්ෂර 6 කේතය ටයිප් කරන්න.", my="သင့်ကြိုတင်မှာယူမှု၏ စာလုံး ၆ လုံး ကုဒ်ကို ရိုက်ထည့်ပါ။", mn="Захиалгынхаа 6 тэмдэгттэй кодыг оруулна уу.", ur="اپنی بکنگ کا 6 حروف والا کوڈ لکھیں۔", bn="আপনার বুকিংয়ের ৬ অক্ষরের কোড লিখুন।")
t("Delete", ko="지우기", zh="删除", vi="Xóa", ru="Стереть", uz="O‘chirish", kk="Өшіру", tl="Burahin", id="Hapus", th="ลบ", km="លុប", ne="मेटाउनुहोस्", si="මකන්න", my="ဖျက်ရန်", mn="Устгах", ur="مٹائیں", bn="মুছুন")
t("A booking code has 6 characters.", ko="예약 코드는 6자리입니다.", zh="预订码共6位。", vi="Mã đặt chỗ có 6 ký tự.", ru="В коде брони 6 знаков.", uz="Bron kodi 6 belgidan iborat.", kk="Брондау кодында 6 таңба бар.", tl="May 6 na character ang booking code.", id="Kode pemesanan terdiri dari 6 karakter.", th="รหัสการจองมี 6 ตัวอักษร", km="លេខកូដកក់មាន ៦ តួ។", ne="बुकिङ कोडमा ६ अक्षर हुन्छन्।", si="වෙන්කිරීමේ කේතයේ අක්ෂර 6ක් ඇත.", my="ကြိုတင်မှာယူမှု ကုဒ်တွင် စာလုံး ၆ လုံး ပါသည်။", mn="Захиалгын код 6 тэмдэгттэй.", ur="بکنگ کوڈ میں 6 حروف ہوتے ہیں۔", bn="বুকিং কোডে ৬টি অক্ষর থাকে।")

# plurals: (one, other, zero) per language, '#' for the number
PL = {}
def pl(msgid, var, zero=None, **kw):
    PL[msgid] = (var, zero, kw)
pl("Map of the route: {count, plural, =0 {no shuttle on the road} one {# shuttle on the road} other {# shuttles on the road}}", "count", zero=True,
   ko=("노선 지도: 운행 중인 셔틀 없음", "노선 지도: 운행 중인 셔틀 #대"), zh=("路线图：没有运行中的班车", "路线图：# 辆班车运行中"), vi=("Bản đồ tuyến: không có xe nào đang chạy", "Bản đồ tuyến: # xe đang chạy"),
   ru=("Карта маршрута: на линии нет шаттлов", "Карта маршрута: на линии # шаттл|# шаттла|# шаттлов|# шаттла"), uz=("Yo‘nalish xaritasi: yo‘lda shattl yo‘q", "Yo‘nalish xaritasi: yo‘lda # ta shattl"),
   kk=("Бағыт картасы: жолда шаттл жоқ", "Бағыт картасы: жолда # шаттл"), tl=("Mapa ng ruta: walang shuttle sa daan", "Mapa ng ruta: # shuttle sa daan"), id=("Peta rute: tidak ada shuttle di jalan", "Peta rute: # shuttle di jalan"),
   th=("แผนที่เส้นทาง: ไม่มีรถวิ่งอยู่", "แผนที่เส้นทาง: มีรถวิ่งอยู่ # คัน"), km=("ផែនទីផ្លូវ៖ គ្មានរថយន្តកំពុងរត់", "ផែនទីផ្លូវ៖ រថយន្ត # កំពុងរត់"), ne=("रुटको नक्सा: सडकमा कुनै सटल छैन", "रुटको नक्सा: सडकमा # सटल"),
   si=("මාර්ග සිතියම: මාර්ගයේ ෂටල් නැත", "මාර්ග සිතියම: මාර්ගයේ ෂටල් #"), my=("လမ်းကြောင်းမြေပုံ - လမ်းပေါ်တွင် ကားမရှိပါ", "လမ်းကြောင်းမြေပုံ - လမ်းပေါ်တွင် ကား # စီး"), mn=("Маршрутын зураг: замд шаттл алга", "Маршрутын зураг: замд # шаттл"),
   ur=("روٹ کا نقشہ: سڑک پر کوئی شٹل نہیں", "روٹ کا نقشہ: سڑک پر # شٹل"), bn=("রুটের মানচিত্র: রাস্তায় কোনো শাটল নেই", "রুটের মানচিত্র: রাস্তায় # টি শাটল"))
pl("{minutes, plural, =0 {leaving now} one {in # minute} other {in # minutes}}", "minutes", zero=True,
   ko=("지금 출발", "#분 후"), zh=("即将出发", "# 分钟后"), vi=("sắp chạy", "sau # phút"), ru=("отправляется", "через # минуту|через # минуты|через # минут|через # минуты"),
   uz=("hozir jo‘naydi", "# daqiqadan keyin"), kk=("қазір жүреді", "# минуттан кейін"), tl=("paalis na", "sa loob ng # minuto"), id=("segera berangkat", "# menit lagi"),
   th=("กำลังออก", "อีก # นาที"), km=("កំពុងចេញ", "# នាទីទៀត"), ne=("अहिले छुट्दैछ", "# मिनेटमा"), si=("දැන් පිටත් වේ", "මිනිත්තු # කින්"), my=("ယခု ထွက်မည်", "# မိနစ်အတွင်း"),
   mn=("одоо хөдөлнө", "# минутын дараа"), ur=("ابھی روانہ", "# منٹ میں"), bn=("এখনই ছাড়ছে", "# মিনিটে"))
pl("about {delay, plural, one {# minute} other {# minutes}} late", "delay",
   ko=(None, "약 #분 지연"), zh=(None, "晚点约 # 分钟"), vi=(None, "trễ khoảng # phút"), ru=(None, "опаздывает примерно на # минуту|опаздывает примерно на # минуты|опаздывает примерно на # минут|опаздывает примерно на # минуты"),
   uz=(None, "taxminan # daqiqa kechikmoqda"), kk=(None, "шамамен # минут кешігуде"), tl=(None, "huli nang mga # minuto"), id=(None, "terlambat sekitar # menit"),
   th=(None, "ล่าช้าประมาณ # นาที"), km=(None, "យឺតប្រហែល # នាទី"), ne=(None, "करिब # मिनेट ढिलो"), si=(None, "මිනිත්තු # ක් පමණ ප්‍රමාදයි"), my=(None, "# မိနစ်ခန့် နောက်ကျ"),
   mn=(None, "ойролцоогоор # минут хоцорсон"), ur=(None, "تقریباً # منٹ تاخیر"), bn=(None, "প্রায় # মিনিট দেরি"))
pl("{seats, plural, one {# seat left} other {# seats left}}", "seats",
   ko=(None, "#석 남음"), zh=(None, "剩余 # 座"), vi=(None, "còn # chỗ"), ru=(None, "осталось # место|осталось # места|осталось # мест|осталось # места"),
   uz=(None, "# ta joy qoldi"), kk=(None, "# орын қалды"), tl=(None, "# upuan ang natitira"), id=(None, "sisa # kursi"), th=(None, "เหลือ # ที่"), km=(None, "នៅសល់ # កៅអី"),
   ne=(None, "# सिट बाँकी"), si=(None, "ආසන # ක් ඉතිරියි"), my=(None, "ထိုင်ခုံ # ခု ကျန်"), mn=(None, "# суудал үлдсэн"), ur=(None, "# سیٹیں باقی"), bn=(None, "# টি আসন বাকি"))
pl("{seats, plural, one {# seat} other {# seats}}", "seats",
   ko=(None, "#석"), zh=(None, "# 个座位"), vi=(None, "# chỗ"), ru=(None, "# место|# места|# мест|# места"), uz=(None, "# ta joy"), kk=(None, "# орын"), tl=(None, "# upuan"),
   id=(None, "# kursi"), th=(None, "# ที่นั่ง"), km=(None, "# កៅអី"), ne=(None, "# सिट"), si=(None, "ආසන #"), my=(None, "ထိုင်ခုံ #"), mn=(None, "# суудал"), ur=(None, "# سیٹیں"), bn=(None, "# টি আসন"))
pl("{seats, plural, one {# seat} other {# seats}} (chosen)", "seats", suffix=True,
   ko=(None, "#석 (선택됨)"), zh=(None, "# 个座位（已选）"), vi=(None, "# chỗ (đã chọn)"), ru=(None, "# место (выбрано)|# места (выбрано)|# мест (выбрано)|# места (выбрано)"),
   uz=(None, "# ta joy (tanlandi)"), kk=(None, "# орын (таңдалды)"), tl=(None, "# upuan (napili)"), id=(None, "# kursi (dipilih)"), th=(None, "# ที่นั่ง (เลือกแล้ว)"),
   km=(None, "# កៅអី (បានជ្រើស)"), ne=(None, "# सिट (छानिएको)"), si=(None, "ආසන # (තෝරා ඇත)"), my=(None, "ထိုင်ခုံ # (ရွေးထားသည်)"), mn=(None, "# суудал (сонгосон)"),
   ur=(None, "# سیٹیں (منتخب)"), bn=(None, "# টি আসন (বাছাই করা)"))
pl("Book {seats, plural, one {# seat} other {# seats}}", "seats",
   ko=(None, "#석 예약하기"), zh=(None, "预订 # 个座位"), vi=(None, "Đặt # chỗ"), ru=(None, "Забронировать # место|Забронировать # места|Забронировать # мест|Забронировать # места"),
   uz=(None, "# ta joyni band qilish"), kk=(None, "# орынды брондау"), tl=(None, "I-book ang # upuan"), id=(None, "Pesan # kursi"), th=(None, "จอง # ที่นั่ง"), km=(None, "កក់ # កៅអី"),
   ne=(None, "# सिट बुक गर्नुहोस्"), si=(None, "ආසන # වෙන් කරන්න"), my=(None, "ထိုင်ခုံ # ခု ကြိုတင်မှာရန်"), mn=(None, "# суудал захиалах"), ur=(None, "# سیٹیں بک کریں"), bn=(None, "# টি আসন বুক করুন"))
pl("{seats, plural, =0 {the wheelchair place} one {# seat and the wheelchair place} other {# seats and the wheelchair place}}", "seats", zero=True,
   ko=("휠체어석", "#석과 휠체어석"), zh=("轮椅位", "# 个座位和轮椅位"), vi=("chỗ xe lăn", "# chỗ và chỗ xe lăn"), ru=("место для коляски", "# место и место для коляски|# места и место для коляски|# мест и место для коляски|# места и место для коляски"),
   uz=("aravacha joyi", "# ta joy va aravacha joyi"), kk=("арба орны", "# орын және арба орны"), tl=("ang puwesto ng wheelchair", "# upuan at ang puwesto ng wheelchair"), id=("tempat kursi roda", "# kursi dan tempat kursi roda"),
   th=("ที่สำหรับรถเข็น", "# ที่นั่งและที่สำหรับรถเข็น"), km=("កន្លែងរទេះរុញ", "# កៅអី និងកន្លែងរទេះរុញ"), ne=("ह्वीलचेयर ठाउँ", "# सिट र ह्वीलचेयर ठाउँ"), si=("රෝද පුටු ඉඩ", "ආසන # ක් සහ රෝද පුටු ඉඩ"),
   my=("ဘီးတပ်ကုလားထိုင်နေရာ", "ထိုင်ခုံ # ခုနှင့် ဘီးတပ်ကုလားထိုင်နေရာ"), mn=("тэргэнцрийн суудал", "# суудал ба тэргэнцрийн суудал"), ur=("وہیل چیئر کی جگہ", "# سیٹیں اور وہیل چیئر کی جگہ"), bn=("হুইলচেয়ারের জায়গা", "# টি আসন ও হুইলচেয়ারের জায়গা"))

def plural_text(lang, var, zero, other):
    forms = other.split("|")
    if lang == "ru":
        one, few, many, oth = (forms + forms * 3)[:4] if len(forms) == 4 else (forms[0],) * 4
        return P(one, oth, var, lang, zero=zero, few=few, many=many)
    o = forms[0]
    return P(o, o, var, lang, zero=zero)

def draft(lang_key, msgid):
    if msgid in T:
        return T[msgid].get(lang_key)
    if msgid in PL:
        var, zero, kw = PL[msgid]
        v = kw.get(lang_key)
        if not v:
            return None
        z, other = v
        return plural_text(lang_key, var, z if zero else None, other)
    m = re.match(r"^(.*) \((.*)\)$", msgid)
    if m and m.group(2) in STOPS:
        loc = STOPS[m.group(2)].get(lang_key)
        if lang_key == "ko":
            return m.group(1)
        return "%s (%s)" % (m.group(1), loc) if loc else None
    return None

def po_escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')

def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../..")
    for key in L:
        lang = DIRS.get(key, key)
        path = os.path.join(root, "locales", lang, "kr.go.ansan.shuttle.po")
        text = open(path, encoding="utf-8").read()
        blocks = text.split("\n\n")
        out = []
        for b in blocks:
            m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', b, re.M)
            if not m or b.lstrip().startswith("#~"):
                out.append(b); continue
            msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))).replace('\\"', '"').replace("\\\\", "\\")
            msgstr = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
            if not msgid or msgstr:
                out.append(b); continue
            d = draft(key, msgid)
            if not d:
                print("%s: no draft for %r" % (lang, msgid), file=sys.stderr)
                out.append(b); continue
            head = b[:m.start()]
            if "#, fuzzy" not in head:
                lines = head.rstrip("\n").split("\n") if head.strip() else []
                flags = [i for i, l in enumerate(lines) if l.startswith("#,")]
                if flags:
                    lines[flags[0]] = lines[flags[0]].replace("#,", "#, fuzzy,", 1)
                else:
                    lines.append("#, fuzzy")
                head = "\n".join(lines) + "\n"
            out.append(head + 'msgid ' + m.group(1).rstrip("\n") + '\nmsgstr "' + po_escape(d) + '"' + b[m.end():].rstrip("\n").replace(m.group(0), "", 0) )
        open(path, "w", encoding="utf-8").write("\n\n".join(out))

if __name__ == "__main__":
    main()
