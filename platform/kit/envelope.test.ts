import { expect } from '@open-wc/testing';
import { decodeEnvelope, envelope, isRoomType, roomMessage } from './envelope.js';

describe('room envelope', () => {
  it('round-trips through JSON and as an object', () => {
    const sent = envelope('wheel.spin', { index: 2 }, 'abc', 7);
    for (const data of [sent, JSON.stringify(sent)]) {
      const decoded = decodeEnvelope(data, { requireSeq: true, requireFrom: true });
      expect(decoded).to.deep.equal({ kind: 'envelope', envelope: sent });
    }
    expect(roomMessage(sent)).to.deep.equal({ type: 'wheel.spin', payload: { index: 2 }, from: 'abc', sentAt: sent.sentAt });
  });

  it('ignores what is not onair\'s', () => {
    for (const data of ['hello', '{"type":"x"}', 42, null, ['onair'], { type: 'wheel.spin' }]) {
      expect(decodeEnvelope(data).kind).to.equal('foreign');
    }
  });

  it('rejects our envelopes with a bad version, type, from, seq or sentAt', () => {
    const good = { onair: 1, type: 'a.b', payload: 1, from: 'x', sentAt: 5, seq: 1 };
    const bad = [
      { ...good, onair: 2 },
      { ...good, type: 'has space' },
      { ...good, type: 'x'.repeat(65) },
      { ...good, from: {} },
      { ...good, seq: -1 },
      { ...good, sentAt: 'soon' },
    ];
    for (const data of bad) expect(decodeEnvelope(data).kind, JSON.stringify(data)).to.equal('invalid');
  });

  it('needs from and seq only where the transport asks for them', () => {
    const anonymous = { onair: 1, type: 'a', payload: null, sentAt: 1 };
    const decoded = decodeEnvelope(anonymous);
    if (decoded.kind !== 'envelope') throw new Error(`decoded as ${decoded.kind}`);
    expect(roomMessage(decoded.envelope)).to.deep.equal({ type: 'a', payload: null, sentAt: 1 });
    expect(decodeEnvelope(anonymous, { requireFrom: true }).kind).to.equal('invalid');
    expect(decodeEnvelope({ ...anonymous, from: 'x' }, { requireSeq: true }).kind).to.equal('invalid');
  });

  it('accepts short dotted type names only', () => {
    expect(isRoomType('wheel.spin')).to.equal(true);
    expect(isRoomType('a:b_c-d')).to.equal(true);
    expect(isRoomType('')).to.equal(false);
    expect(isRoomType('<b>')).to.equal(false);
  });
});
