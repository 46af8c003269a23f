import { expect } from '@open-wc/testing';
import { plainText } from './plain-text.js';
import { detectLanguage, voiceFor } from './speech.js';

describe('alert speech', () => {
  it('reads markup as its text: tags dropped, entities decoded, nothing run', () => {
    expect(plainText('<b>bold</b> and <i>italic</i>')).to.equal('bold and italic');
    expect(plainText('Tom &amp; Jerry &lt;3')).to.equal('Tom & Jerry <3');
    expect(plainText('<img src=x onerror="window.__speechPwned = true">hi')).to.equal('hi');
    expect(plainText('  plain   words ')).to.equal('plain words');
    expect((window as unknown as { __speechPwned?: boolean }).__speechPwned).to.equal(undefined);
  });

  it('tells a message’s language by its script or its common words, and admits when it cannot', () => {
    expect(detectLanguage('Danke für den tollen Stream, weiter so!')).to.equal('de');
    expect(detectLanguage('Merci pour le stream, c’est génial')).to.equal('fr');
    expect(detectLanguage('Muchas gracias por el directo, eres muy bueno')).to.equal('es');
    expect(detectLanguage('Muito obrigado, você é demais')).to.equal('pt');
    expect(detectLanguage('Thank you for the stream, this is great')).to.equal('en');
    expect(detectLanguage('配信ありがとう')).to.equal('ja');
    expect(detectLanguage('Спасибо за стрим')).to.equal('ru');
    expect(detectLanguage('gg')).to.equal(undefined);
    expect(detectLanguage('lol 5Head')).to.equal(undefined);
  });

  it('picks a voice for the exact tag, else for the language, the default first', () => {
    const voices = [
      { lang: 'de-DE', name: 'A', default: false },
      { lang: 'de-AT', name: 'B', default: false },
      { lang: 'de_CH', name: 'C', default: true },
    ] as SpeechSynthesisVoice[];
    expect(voiceFor(voices, 'de-AT')!.name).to.equal('B');
    expect(voiceFor(voices, 'de')!.name).to.equal('C');
    expect(voiceFor(voices, 'fr')).to.equal(undefined);
  });
});
