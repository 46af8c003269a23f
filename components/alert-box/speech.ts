/**
 * The language text-to-speech reads a message in, when the message itself tells it, so a German
 * message is not read by an English voice; and the voice for it. A chunk of its own, loaded the
 * first time an alert box has speech turned on (its word lists are the bulk of it).
 */

/** Scripts that name their language on their own (checked in order: kana before Han). */
const SCRIPTS: [RegExp, string][] = [
  [/[\u3040-\u30ff]/u, 'ja'],
  [/[\uac00-\ud7af\u1100-\u11ff]/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
];

/**
 * Short words frequent in one Latin-script language and rare in the others (words two of them
 * share, such as `de` or `que`, are left out), enough to tell a chat message's language.
 */
const WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'you', 'is', 'this', 'that', 'for', 'with', 'thanks', 'thank', 'what', 'are', 'your', 'have', 'love', 'it', 'my', 'of', 'to', 'was', 'so', 'great'],
  de: ['der', 'die', 'und', 'ist', 'nicht', 'ich', 'du', 'das', 'für', 'mit', 'danke', 'ein', 'eine', 'auf', 'auch', 'sehr', 'weiter', 'schön', 'bitte', 'viel', 'spaß', 'dich', 'dir', 'den', 'grüße'],
  fr: ['le', 'les', 'et', 'est', 'je', 'tu', 'merci', 'pour', 'avec', 'une', 'des', 'pas', 'vous', 'c’est', "c'est", 'très', 'du', 'bonne', 'salut', 'bravo', 'toi', 'mais'],
  es: ['el', 'los', 'y', 'es', 'yo', 'gracias', 'para', 'con', 'una', 'muy', 'pero', 'tú', 'hola', 'buen', 'saludos', 'del', 'las', 'qué', 'eres', 'mucho'],
  pt: ['o', 'os', 'e', 'é', 'eu', 'você', 'obrigado', 'obrigada', 'com', 'uma', 'muito', 'não', 'olá', 'oi', 'valeu', 'do', 'da', 'bom', 'parabéns', 'mas'],
  it: ['il', 'gli', 'è', 'io', 'grazie', 'per', 'sono', 'una', 'molto', 'ciao', 'non', 'che', 'della', 'bravo', 'anche'],
  nl: ['het', 'een', 'en', 'is', 'ik', 'je', 'jij', 'bedankt', 'dank', 'voor', 'met', 'niet', 'van', 'heel', 'leuk', 'groetjes'],
};

const WORD_LANGS = new Map<string, string[]>();
for (const [lang, words] of Object.entries(WORDS)) {
  for (const word of words) WORD_LANGS.set(word, [...(WORD_LANGS.get(word) ?? []), lang]);
}

/**
 * The language a message is written in, when it can be told: by its script (Japanese, Korean,
 * Chinese, Cyrillic, …), else by its common words, which must point clearly to one language (at
 * least two of its words, and twice as many as for any other). `undefined` when unsure: a short
 * "gg" or "lol" says nothing about the language.
 */
export function detectLanguage(text: string): string | undefined {
  for (const [pattern, lang] of SCRIPTS) if (pattern.test(text)) return lang;
  const scores = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}’']+/gu) ?? []) {
    for (const lang of WORD_LANGS.get(word) ?? []) scores.set(lang, (scores.get(lang) ?? 0) + 1);
  }
  const [best, second] = [...scores].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < 2 || (second && best[1] < 2 * second[1])) return undefined;
  return best[0];
}

/**
 * The voice for `lang` (`de` or `de-AT`) among `voices`: the exact tag, else the first of that
 * language, the browser's default voice preferred. `undefined` when none speaks it.
 */
export function voiceFor(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | undefined {
  const tag = lang.toLowerCase();
  const base = tag.split('-')[0];
  const langOf = (voice: SpeechSynthesisVoice) => voice.lang.toLowerCase().replace('_', '-');
  const exact = voices.filter((voice) => langOf(voice) === tag);
  const same = exact.length > 0 ? exact : voices.filter((voice) => langOf(voice).split('-')[0] === base);
  return same.find((voice) => voice.default) ?? same[0];
}
