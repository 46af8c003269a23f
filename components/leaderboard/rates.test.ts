import { expect } from '@open-wc/testing';
import { parseRates, resolveRates } from './rates.js';

const plain = (rates: ReadonlyMap<string, number> | undefined) => (rates ? Object.fromEntries([...rates].sort()) : rates);

describe('leaderboard rates', () => {
  it('reads the attribute form, JSON and objects, leaving out what is malformed', () => {
    expect(plain(parseRates('EUR=1.08, gbp:1.27; bits=0.01'))).to.deep.equal({ EUR: 1.08, GBP: 1.27, bits: 0.01 });
    expect(plain(parseRates('{"EUR": 1.1, "XX": 2, "JPY": "0.0067"}'))).to.deep.equal({ EUR: 1.1, JPY: 0.0067 });
    expect(plain(parseRates({ EUR: 2, USD: -1, CHF: 0, tokens: 'lots' }))).to.deep.equal({ EUR: 2 });
    expect(plain(parseRates('{broken'))).to.deep.equal({});
    expect(plain(parseRates(''))).to.deep.equal({});
    expect(parseRates(undefined)).to.equal(undefined);
    expect(parseRates(null)).to.equal(undefined);
  });

  it('adds Bits at $0.01 where US dollars are known, and lets the streamer’s rate win', () => {
    expect(plain(resolveRates('USD', new Map([['EUR', 1.1]])))).to.deep.equal({ EUR: 1.1, bits: 0.01 });
    const eur = resolveRates('EUR', new Map([['USD', 0.9]]));
    expect(eur.get('USD')).to.equal(0.9);
    expect(eur.get('bits')).to.be.closeTo(0.009, 1e-12);
    expect(plain(resolveRates('EUR', new Map([['GBP', 1.2]])))).to.deep.equal({ GBP: 1.2 });
    expect(plain(resolveRates('bits', new Map()))).to.deep.equal({ USD: 100 });
    expect(plain(resolveRates('USD', new Map([['bits', 0.014], ['USD', 3]])))).to.deep.equal({ bits: 0.014 });
  });
});
