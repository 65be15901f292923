import type { CallerLanguageCode } from '../caller-languages';
import { CALLER_PROMPTS } from './caller-prompts';

/**
 * What a caller who does not speak French hears, language by language, beside the French prompts
 * (caller-prompts.ts). ALL OF THEM ARE TO BE REVIEWED ("à faire relire") by native speakers before
 * go-live: docs/translations-review.md lists every one, with its language and voice.
 * Short sentences. Numbers are written digit by digit ("1 7", "1 1 4") so the voice says digits; 39 19
 * is said as in France. Keys are single digits.
 */

/** Every prompt a language must have; the validator refuses a configured language missing one. */
export const TRANSLATED_PROMPT_KEYS = [
  'offer',
  'emergencyNumbers',
  'aboutLine',
  'offerCallback',
  'offerCallbackWhileQueued',
  'stillWaiting',
  'callbackIntro',
  'askMessage',
  'askWindow',
  'askWindowAgain',
  'askNumber',
  'askNumberAgain',
  'callingNumberUnavailable',
  'keyNumber',
  'keyNumberAgain',
  'numberStillInvalid',
  'notUnderstood',
  'callbackStored',
  'callbackFailed',
  'goodbye',
] as const;
export type TranslatedPromptKey = (typeof TRANSLATED_PROMPT_KEYS)[number];

/** One language's prompts. `offer` says "For <language>, press <key>." in that language. */
export type CallerTranslation = { readonly offer: (key: string) => string } & {
  readonly [Key in Exclude<TranslatedPromptKey, 'offer'>]: string;
};

/** Review status of every translation below, shown in docs/translations-review.md. */
export const TRANSLATION_REVIEW_STATUS = 'à faire relire';

export const CALLER_PROMPT_TRANSLATIONS: Record<CallerLanguageCode, CallerTranslation> = {
  en: {
    offer: (key) => `For English, press ${key}.`,
    emergencyNumbers:
      'If you are in danger, call 1 7. If you cannot speak, send a text message to 1 1 4. ' +
      'The 39 19 line also listens to you, free of charge, day and night.',
    aboutLine:
      'This is Un premier pas, the Val-de-Marne helpline for violence in the couple or the family. ' +
      'Our listeners speak French.',
    offerCallback:
      'To be called back by an association, with an interpreter, press 1. Otherwise, you can hang up.',
    offerCallbackWhileQueued:
      'To be called back by an association, with an interpreter, press 1. Otherwise, stay on the line.',
    stillWaiting: 'Please stay on the line. A listener will answer, in French.',
    callbackIntro: 'We will record your callback request. Three questions.',
    askMessage: 'May we leave a message if you do not answer? Press 1 for yes, 2 for no.',
    askWindow:
      'When is it safe to call you? In the morning, press 1. In the afternoon, press 2. At any time, press 3.',
    askWindowAgain:
      'I did not understand. In the morning, press 1. In the afternoon, press 2. At any time, press 3.',
    askNumber:
      'To be called back on the number you are calling from, press 1. To give another number, press 2.',
    askNumberAgain: 'I did not understand. This number, press 1. Another number, press 2.',
    callingNumberUnavailable: 'Your number is hidden.',
    keyNumber: 'Key in the French number, 10 digits, then the hash key.',
    keyNumberAgain: 'This number is not valid. Key in the 10 digits again, then the hash key.',
    numberStillInvalid: 'This number is still not valid. Your request is not recorded.',
    notUnderstood: 'I did not understand. Your request is not recorded.',
    callbackStored:
      'Your request is recorded. An association will call you back with an interpreter, ' +
      'from another number than this line, with no name shown.',
    callbackFailed: 'We could not record your request.',
    goodbye: 'Thank you for calling. Take care of yourself. Goodbye.',
  },
  ar: {
    offer: (key) => `للعربية، اضغط ${key}.`,
    emergencyNumbers:
      'إذا كنتِ في خطر، اتصلي بالرقم 1 7. إذا لم تستطيعي الكلام، أرسلي رسالة نصية إلى 1 1 4. ' +
      'الرقم 39 19 يستمع إليكِ أيضاً، مجاناً، ليلاً ونهاراً.',
    aboutLine:
      'هذا خط "أُن پروميه پا"، خط الإصغاء في فال دو مارن لضحايا العنف في الزوجية أو العائلة. ' +
      'المستمعون عندنا يتكلمون الفرنسية.',
    offerCallback: 'لكي تتصل بكِ جمعية مع مترجم، اضغطي 1. وإلا، يمكنكِ إنهاء المكالمة.',
    offerCallbackWhileQueued: 'لكي تتصل بكِ جمعية مع مترجم، اضغطي 1. وإلا، ابقي على الخط.',
    stillWaiting: 'ابقي على الخط من فضلكِ. سيجيبكِ أحد المستمعين بالفرنسية.',
    callbackIntro: 'سنسجل طلب معاودة الاتصال. ثلاثة أسئلة.',
    askMessage: 'هل يمكننا ترك رسالة إذا لم تجيبي؟ اضغطي 1 للموافقة، 2 للرفض.',
    askWindow: 'متى يمكننا الاتصال بكِ دون خطر؟ صباحاً، اضغطي 1. بعد الظهر، اضغطي 2. في أي وقت، اضغطي 3.',
    askWindowAgain: 'لم أفهم. صباحاً، اضغطي 1. بعد الظهر، اضغطي 2. في أي وقت، اضغطي 3.',
    askNumber: 'لنتصل بكِ على الرقم الذي تتصلين منه، اضغطي 1. لإعطاء رقم آخر، اضغطي 2.',
    askNumberAgain: 'لم أفهم. هذا الرقم، اضغطي 1. رقم آخر، اضغطي 2.',
    callingNumberUnavailable: 'رقمكِ مخفي.',
    keyNumber: 'أدخلي الرقم الفرنسي، 10 أرقام، ثم مفتاح المربع.',
    keyNumberAgain: 'هذا الرقم غير صالح. أدخلي الأرقام العشرة مرة أخرى، ثم مفتاح المربع.',
    numberStillInvalid: 'هذا الرقم ما زال غير صالح. لم يُسجَّل طلبكِ.',
    notUnderstood: 'لم أفهم. لم يُسجَّل طلبكِ.',
    callbackStored: 'تم تسجيل طلبكِ. ستتصل بكِ جمعية مع مترجم، من رقم غير رقم هذا الخط، ودون إظهار أي اسم.',
    callbackFailed: 'لم نتمكن من تسجيل طلبكِ.',
    goodbye: 'شكراً لاتصالكِ. اعتني بنفسكِ. مع السلامة.',
  },
  pt: {
    offer: (key) => `Para português, prima ${key}.`,
    emergencyNumbers:
      'Se estiver em perigo, ligue para o 1 7. Se não puder falar, envie uma mensagem escrita para o 1 1 4. ' +
      'A linha 39 19 também escuta, gratuitamente, dia e noite.',
    aboutLine:
      'Esta é a linha Un premier pas, a linha de escuta do Val-de-Marne para a violência no casal ou na família. ' +
      'As nossas pessoas de escuta falam francês.',
    offerCallback:
      'Para que uma associação lhe ligue de volta, com um intérprete, prima 1. Caso contrário, pode desligar.',
    offerCallbackWhileQueued:
      'Para que uma associação lhe ligue de volta, com um intérprete, prima 1. Caso contrário, fique em linha.',
    stillWaiting: 'Fique em linha, por favor. Uma pessoa vai atender, em francês.',
    callbackIntro: 'Vamos registar o seu pedido de chamada. Três perguntas.',
    askMessage: 'Podemos deixar uma mensagem se não atender? Prima 1 para sim, 2 para não.',
    askWindow:
      'Quando podemos ligar-lhe sem perigo? De manhã, prima 1. À tarde, prima 2. A qualquer hora, prima 3.',
    askWindowAgain: 'Não percebi. De manhã, prima 1. À tarde, prima 2. A qualquer hora, prima 3.',
    askNumber:
      'Para lhe ligarmos para o número de onde está a ligar, prima 1. Para dar outro número, prima 2.',
    askNumberAgain: 'Não percebi. Este número, prima 1. Outro número, prima 2.',
    callingNumberUnavailable: 'O seu número está oculto.',
    keyNumber: 'Marque o número francês, 10 algarismos, e depois a tecla cardinal.',
    keyNumberAgain: 'Este número não é válido. Marque de novo os 10 algarismos, e depois a tecla cardinal.',
    numberStillInvalid: 'Este número continua inválido. O seu pedido não foi registado.',
    notUnderstood: 'Não percebi. O seu pedido não foi registado.',
    callbackStored:
      'O seu pedido está registado. Uma associação vai ligar-lhe com um intérprete, ' +
      'de um número diferente do desta linha, sem nome visível.',
    callbackFailed: 'Não conseguimos registar o seu pedido.',
    goodbye: 'Obrigado pela sua chamada. Cuide de si. Adeus.',
  },
  es: {
    offer: (key) => `Para español, pulse ${key}.`,
    emergencyNumbers:
      'Si está en peligro, llame al 1 7. Si no puede hablar, envíe un mensaje de texto al 1 1 4. ' +
      'La línea 39 19 también le escucha, gratis, de día y de noche.',
    aboutLine:
      'Esta es Un premier pas, la línea de escucha del Val-de-Marne para la violencia en la pareja o la familia. ' +
      'Nuestro equipo de escucha habla francés.',
    offerCallback: 'Para que una asociación le llame, con un intérprete, pulse 1. Si no, puede colgar.',
    offerCallbackWhileQueued:
      'Para que una asociación le llame, con un intérprete, pulse 1. Si no, no cuelgue.',
    stillWaiting: 'Por favor, no cuelgue. Alguien del equipo de escucha le atenderá, en francés.',
    callbackIntro: 'Vamos a registrar su petición de llamada. Tres preguntas.',
    askMessage: '¿Podemos dejar un mensaje si no contesta? Pulse 1 para sí, 2 para no.',
    askWindow:
      '¿Cuándo podemos llamarle sin peligro? Por la mañana, pulse 1. Por la tarde, pulse 2. A cualquier hora, pulse 3.',
    askWindowAgain:
      'No he entendido. Por la mañana, pulse 1. Por la tarde, pulse 2. A cualquier hora, pulse 3.',
    askNumber: 'Para que le llamemos al número desde el que llama, pulse 1. Para dar otro número, pulse 2.',
    askNumberAgain: 'No he entendido. Este número, pulse 1. Otro número, pulse 2.',
    callingNumberUnavailable: 'Su número está oculto.',
    keyNumber: 'Marque el número francés, 10 cifras, y después la tecla almohadilla.',
    keyNumberAgain:
      'Este número no es válido. Marque otra vez las 10 cifras, y después la tecla almohadilla.',
    numberStillInvalid: 'Este número sigue sin ser válido. Su petición no se ha registrado.',
    notUnderstood: 'No he entendido. Su petición no se ha registrado.',
    callbackStored:
      'Su petición está registrada. Una asociación le llamará con un intérprete, ' +
      'desde un número distinto al de esta línea, sin nombre visible.',
    callbackFailed: 'No hemos podido registrar su petición.',
    goodbye: 'Gracias por su llamada. Cuídese. Adiós.',
  },
  tr: {
    offer: (key) => `Türkçe için ${key}'ye basın.`,
    emergencyNumbers:
      'Tehlikedeyseniz 1 7’yi arayın. Konuşamıyorsanız 1 1 4’e kısa mesaj gönderin. ' +
      '39 19 hattı da sizi ücretsiz olarak, gece gündüz dinler.',
    aboutLine:
      'Burası Un premier pas, Val-de-Marne’da çift içi ve aile içi şiddet için dinleme hattı. ' +
      'Dinleyicilerimiz Fransızca konuşur.',
    offerCallback:
      'Bir derneğin sizi bir tercümanla geri araması için 1’e basın. Aksi halde telefonu kapatabilirsiniz.',
    offerCallbackWhileQueued:
      'Bir derneğin sizi bir tercümanla geri araması için 1’e basın. Aksi halde hatta kalın.',
    stillWaiting: 'Lütfen hatta kalın. Bir dinleyici size Fransızca cevap verecek.',
    callbackIntro: 'Geri arama talebinizi kaydedeceğiz. Üç soru.',
    askMessage: 'Cevap vermezseniz mesaj bırakabilir miyiz? Evet için 1’e, hayır için 2’ye basın.',
    askWindow:
      'Sizi ne zaman tehlikesizce arayabiliriz? Sabah için 1’e. Öğleden sonra için 2’ye. Her zaman için 3’e basın.',
    askWindowAgain: 'Anlayamadım. Sabah için 1’e. Öğleden sonra için 2’ye. Her zaman için 3’e basın.',
    askNumber: 'Aradığınız numaradan geri aranmak için 1’e basın. Başka bir numara vermek için 2’ye basın.',
    askNumberAgain: 'Anlayamadım. Bu numara için 1’e, başka bir numara için 2’ye basın.',
    callingNumberUnavailable: 'Numaranız gizli.',
    keyNumber: 'Fransız numarasını, 10 rakam, tuşlayın, sonra kare tuşuna basın.',
    keyNumberAgain: 'Bu numara geçerli değil. 10 rakamı yeniden tuşlayın, sonra kare tuşuna basın.',
    numberStillInvalid: 'Bu numara hâlâ geçerli değil. Talebiniz kaydedilmedi.',
    notUnderstood: 'Anlayamadım. Talebiniz kaydedilmedi.',
    callbackStored:
      'Talebiniz kaydedildi. Bir dernek sizi bir tercümanla, bu hattın numarasından farklı bir numaradan ' +
      've isim göstermeden arayacak.',
    callbackFailed: 'Talebinizi kaydedemedik.',
    goodbye: 'Aradığınız için teşekkürler. Kendinize iyi bakın. Hoşça kalın.',
  },
  ro: {
    offer: (key) => `Pentru limba română, apăsați ${key}.`,
    emergencyNumbers:
      'Dacă sunteți în pericol, sunați la 1 7. Dacă nu puteți vorbi, trimiteți un mesaj scris la 1 1 4. ' +
      'Linia 39 19 vă ascultă și ea, gratuit, zi și noapte.',
    aboutLine:
      'Aceasta este Un premier pas, linia de ascultare din Val-de-Marne pentru violența în cuplu sau în familie. ' +
      'Echipa noastră de ascultare vorbește franceza.',
    offerCallback:
      'Pentru ca o asociație să vă sune înapoi, cu un interpret, apăsați 1. Altfel, puteți închide.',
    offerCallbackWhileQueued:
      'Pentru ca o asociație să vă sune înapoi, cu un interpret, apăsați 1. Altfel, rămâneți pe linie.',
    stillWaiting:
      'Vă rugăm să rămâneți pe linie. Cineva din echipa de ascultare vă va răspunde, în franceză.',
    callbackIntro: 'Vom înregistra cererea dumneavoastră de apel. Trei întrebări.',
    askMessage: 'Putem lăsa un mesaj dacă nu răspundeți? Apăsați 1 pentru da, 2 pentru nu.',
    askWindow:
      'Când vă putem suna fără pericol? Dimineața, apăsați 1. După-amiaza, apăsați 2. Oricând, apăsați 3.',
    askWindowAgain: 'Nu am înțeles. Dimineața, apăsați 1. După-amiaza, apăsați 2. Oricând, apăsați 3.',
    askNumber: 'Pentru a vă suna la numărul de pe care sunați, apăsați 1. Pentru alt număr, apăsați 2.',
    askNumberAgain: 'Nu am înțeles. Acest număr, apăsați 1. Alt număr, apăsați 2.',
    callingNumberUnavailable: 'Numărul dumneavoastră este ascuns.',
    keyNumber: 'Formați numărul francez, 10 cifre, apoi tasta diez.',
    keyNumberAgain: 'Acest număr nu este valid. Formați din nou cele 10 cifre, apoi tasta diez.',
    numberStillInvalid: 'Acest număr tot nu este valid. Cererea nu a fost înregistrată.',
    notUnderstood: 'Nu am înțeles. Cererea nu a fost înregistrată.',
    callbackStored:
      'Cererea este înregistrată. O asociație vă va suna cu un interpret, ' +
      'de pe alt număr decât al acestei linii, fără nume afișat.',
    callbackFailed: 'Nu am putut înregistra cererea.',
    goodbye: 'Vă mulțumim pentru apel. Aveți grijă de dumneavoastră. La revedere.',
  },
  ru: {
    offer: (key) => `Для русского языка нажмите ${key}.`,
    emergencyNumbers:
      'Если вы в опасности, звоните 1 7. Если вы не можете говорить, отправьте СМС на номер 1 1 4. ' +
      'Линия 39 19 тоже вас выслушает, бесплатно, днём и ночью.',
    aboutLine:
      'Это Un premier pas, телефон доверия департамента Валь-де-Марн при насилии в паре или в семье. ' +
      'Наши консультанты говорят по-французски.',
    offerCallback:
      'Чтобы вам перезвонила ассоциация с переводчиком, нажмите 1. Иначе вы можете положить трубку.',
    offerCallbackWhileQueued:
      'Чтобы вам перезвонила ассоциация с переводчиком, нажмите 1. Иначе оставайтесь на линии.',
    stillWaiting: 'Пожалуйста, оставайтесь на линии. Вам ответят по-французски.',
    callbackIntro: 'Мы запишем вашу просьбу перезвонить. Три вопроса.',
    askMessage: 'Можно ли оставить сообщение, если вы не ответите? Да, нажмите 1. Нет, нажмите 2.',
    askWindow:
      'Когда вам можно безопасно позвонить? Утром, нажмите 1. Днём, нажмите 2. В любое время, нажмите 3.',
    askWindowAgain: 'Я не поняла. Утром, нажмите 1. Днём, нажмите 2. В любое время, нажмите 3.',
    askNumber:
      'Чтобы вам перезвонили на номер, с которого вы звоните, нажмите 1. Чтобы дать другой номер, нажмите 2.',
    askNumberAgain: 'Я не поняла. Этот номер, нажмите 1. Другой номер, нажмите 2.',
    callingNumberUnavailable: 'Ваш номер скрыт.',
    keyNumber: 'Наберите французский номер, 10 цифр, затем клавишу решётка.',
    keyNumberAgain: 'Этот номер неверный. Наберите 10 цифр ещё раз, затем клавишу решётка.',
    numberStillInvalid: 'Номер всё ещё неверный. Ваша просьба не записана.',
    notUnderstood: 'Я не поняла. Ваша просьба не записана.',
    callbackStored:
      'Ваша просьба записана. Ассоциация перезвонит вам с переводчиком, ' +
      'с другого номера, не с номера этой линии, без имени на экране.',
    callbackFailed: 'Нам не удалось записать вашу просьбу.',
    goodbye: 'Спасибо за звонок. Берегите себя. До свидания.',
  },
  zh: {
    offer: (key) => `普通话请按 ${key}。`,
    emergencyNumbers:
      '如果您有危险，请拨打 1 7。如果您不能说话，请发短信到 1 1 4。39 19 热线也会倾听您，免费，日夜服务。',
    aboutLine: '这里是 Un premier pas，瓦勒德马恩省针对伴侣或家庭暴力的倾听热线。我们的倾听人员说法语。',
    offerCallback: '如需协会带翻译给您回电，请按 1。否则，您可以挂断。',
    offerCallbackWhileQueued: '如需协会带翻译给您回电，请按 1。否则，请不要挂断。',
    stillWaiting: '请不要挂断。倾听人员会用法语接听。',
    callbackIntro: '我们将登记您的回电请求。共三个问题。',
    askMessage: '如果您没有接听，我们可以留言吗？可以请按 1，不可以请按 2。',
    askWindow: '什么时候给您打电话是安全的？上午请按 1。下午请按 2。任何时间请按 3。',
    askWindowAgain: '我没有听懂。上午请按 1。下午请按 2。任何时间请按 3。',
    askNumber: '回拨您现在使用的号码，请按 1。提供另一个号码，请按 2。',
    askNumberAgain: '我没有听懂。这个号码请按 1。另一个号码请按 2。',
    callingNumberUnavailable: '您的号码是隐藏的。',
    keyNumber: '请输入法国电话号码，10 位数字，然后按井号键。',
    keyNumberAgain: '这个号码无效。请重新输入 10 位数字，然后按井号键。',
    numberStillInvalid: '这个号码仍然无效。您的请求没有登记。',
    notUnderstood: '我没有听懂。您的请求没有登记。',
    callbackStored: '您的请求已登记。协会将带翻译给您回电，来电号码不是本热线的号码，也不显示名称。',
    callbackFailed: '我们未能登记您的请求。',
    goodbye: '感谢您的来电。请保重。再见。',
  },
};

/**
 * What each translated prompt says, in French, for the reviewers: the French prompt it translates where
 * there is one, else its meaning. A translation must say this and nothing more.
 */
export const TRANSLATION_SOURCES: Record<TranslatedPromptKey, string> = {
  offer: 'Pour <la langue>, tapez <touche>. (dite dans la langue elle-même)',
  emergencyNumbers: CALLER_PROMPTS.emergencyNumbers,
  aboutLine:
    'Ici Un premier pas, la ligne d’écoute du Val-de-Marne pour les violences dans le couple ou la famille. L’équipe d’écoute parle français.',
  offerCallback:
    'Pour qu’une association vous rappelle, avec un interprète, tapez 1. Sinon, vous pouvez raccrocher.',
  offerCallbackWhileQueued:
    'Pour qu’une association vous rappelle, avec un interprète, tapez 1. Sinon, restez en ligne.',
  stillWaiting: 'Restez en ligne. Une personne de l’équipe d’écoute va vous répondre, en français.',
  callbackIntro: CALLER_PROMPTS.callbackIntro,
  askMessage: CALLER_PROMPTS.askMessage,
  askWindow: CALLER_PROMPTS.askWindow,
  askWindowAgain: CALLER_PROMPTS.askWindowAgain,
  askNumber: CALLER_PROMPTS.askNumber,
  askNumberAgain: CALLER_PROMPTS.askNumberAgain,
  callingNumberUnavailable: CALLER_PROMPTS.callingNumberUnavailable,
  keyNumber: 'Tapez le numéro français, 10 chiffres, puis la touche dièse.',
  keyNumberAgain: 'Ce numéro n’est pas valide. Tapez à nouveau les 10 chiffres, puis la touche dièse.',
  numberStillInvalid: CALLER_PROMPTS.numberStillInvalid,
  notUnderstood: CALLER_PROMPTS.notUnderstood,
  callbackStored:
    'Votre demande est enregistrée. Une association vous rappellera avec un interprète, depuis un autre numéro que celui de la ligne et sans nom affiché.',
  callbackFailed: CALLER_PROMPTS.callbackFailed,
  goodbye: CALLER_PROMPTS.goodbye,
};
