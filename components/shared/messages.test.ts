import { expect } from '@open-wc/testing';
// Every widget, so the English table holds every widget's words (each adds its own as it loads).
import '../index.js';
import { formatAmount } from './format.js';
import { builtInLanguages, builtInMessages, message, messageLang, messagesReady, plural, setMessages, type MessageId, type Messages } from './messages.js';

/** The distinct `{name}`s of a message (a plural message repeats them per form). */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();
const forms = (text: string) => text.split('|').length;
/** ICU puts no-break spaces in some locales' numbers; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('message catalogue', () => {
  /** Every built-in table, each language loaded from its module as a widget would load it. */
  const catalogue: Record<string, Messages> = {};
  const english = builtInMessages('en')!;
  const ids = Object.keys(english).sort();

  before(async () => {
    for (const lang of builtInLanguages) {
      await messagesReady(lang);
      const table = builtInMessages(lang);
      if (!table) throw new Error(`the ${lang} messages did not load`);
      catalogue[lang] = table;
    }
  });

  it('has the six languages', () => {
    expect(Object.keys(catalogue).sort()).to.deep.equal(['de', 'en', 'es', 'fr', 'ja', 'pt']);
  });

  for (const lang of builtInLanguages.filter((lang) => lang !== 'en')) {
    it(`${lang} has exactly the English ids, the same placeholders and at most two plural forms`, () => {
      const table = catalogue[lang];
      expect(Object.keys(table).sort()).to.deep.equal(ids);
      for (const id of ids as MessageId[]) {
        expect(table[id], `${lang}.${id}`).to.be.a('string').and.not.equal('');
        expect(placeholders(table[id]), `${lang}.${id} placeholders`).to.deep.equal(placeholders(english[id]));
        expect(forms(table[id]), `${lang}.${id} forms`).to.be.at.most(forms(english[id]));
      }
    });
  }

  it('falls back from a region to its language, and from an unknown language to English', () => {
    expect(message('de-AT', 'counterLabel')).to.equal('Zuschauer');
    expect(message('DE', 'counterLabel')).to.equal('Zuschauer');
    expect(message('pt-BR', 'pillLive')).to.equal('Ao vivo');
    expect(message('ko-KR', 'counterLabel')).to.equal('viewers');
    expect(messageLang('de-AT')).to.equal('de');
    expect(messageLang('zh-Hant-TW')).to.equal('en');
  });

  it('fills placeholders and leaves unknown ones as they are', () => {
    expect(message('fr-FR', 'wheelResult', { label: 'Danse' })).to.equal('Résultat\u00a0: Danse');
    expect(message('ja', 'boardLabel', { window: '全期間' })).to.equal('全期間のトップ支援者');
    expect(message('en', 'wheelResult', {})).to.equal('Result: {label}');
  });

  it('lets overrides win, per message, and ignores overrides that are not strings', () => {
    expect(message('de', 'counterLabel', undefined, { counterLabel: 'Fans' })).to.equal('Fans');
    expect(message('de', 'pillLive', undefined, { counterLabel: 'Fans' })).to.equal('Live');
    expect(message('de', 'counterLabel', undefined, { counterLabel: 42 as unknown as string })).to.equal('Zuschauer');
  });

  it('takes page-wide messages for a region, a new language, and falls back to English for the rest', () => {
    setMessages('it', { counterLabel: 'spettatori', tokens: '{n} gettone|{n} gettoni' });
    setMessages('de-CH', { counterLabel: 'Zuschauende' });
    expect(message('it-IT', 'counterLabel')).to.equal('spettatori');
    expect(message('it-IT', 'pillLive')).to.equal('Live');
    expect(messageLang('it-IT')).to.equal('it');
    expect(formatAmount(1, 'tokens', 'it-IT')).to.equal('1 gettone');
    expect(formatAmount(3, 'tokens', 'it-IT')).to.equal('3 gettoni');
    expect(message('de-CH', 'counterLabel')).to.equal('Zuschauende');
    expect(message('de-CH', 'pillReconnect')).to.equal('Neu verbinden');
    expect(message('de-DE', 'counterLabel')).to.equal('Zuschauer');
  });

  it('picks plural forms by the rules of the message language', () => {
    expect(plural('en', 'a|b', 1)).to.equal('a');
    expect(plural('en', 'a|b', 0)).to.equal('b');
    expect(plural('fr', 'a|b', 0)).to.equal('a', 'French counts 0 as singular');
    expect(plural('ja', 'a', 5)).to.equal('a');
    // An unsupported locale speaks English, so it uses English rules (Korean has no singular).
    expect(plural('ko', 'a|b', 1)).to.equal('a');
  });

  it('localises token and bit amounts and keeps currencies to Intl', () => {
    expect(formatAmount(25, 'tokens', 'en-US')).to.equal('25 tokens');
    expect(formatAmount(1, 'tokens', 'en-US')).to.equal('1 token');
    expect(formatAmount(25, 'tokens', 'de-DE')).to.equal('25 Token');
    expect(formatAmount(1, 'bits', 'de-DE')).to.equal('1 Bit');
    expect(formatAmount(1500, 'bits', 'de-DE')).to.equal('1.500 Bits');
    expect(formatAmount(25, 'tokens', 'fr-FR')).to.equal('25 jetons');
    expect(formatAmount(1, 'tokens', 'fr-FR')).to.equal('1 jeton');
    expect(formatAmount(25, 'tokens', 'ja-JP')).to.equal('25トークン');
    expect(plain(formatAmount(1234, 'tokens', 'fr-FR', 'compact'))).to.equal('1,2 k jetons');
    expect(formatAmount(25, 'tokens', 'ko-KR')).to.equal('25 tokens');
    expect(formatAmount(2, 'tokens', 'de-DE', 'standard', { tokens: '{n} Münzen' })).to.equal('2 Münzen');
    expect(formatAmount(5, 'EUR', 'de-DE').replace(/\s/g, ' ')).to.equal('5,00 €');
  });
});
