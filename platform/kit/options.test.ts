import { expect } from '@open-wc/testing';
import { custom, flag, integer, kebab, oneOf, readOptions, schemaAttributes, text } from './options.js';

const schema = {
  spendTimeoutMs: integer({ attribute: 'spend-timeout', min: 50, max: 600_000, default: 120_000, description: 'Spend timeout.' }),
  topKey: text({ max: 64, description: 'Top key.' }),
  recordTips: flag({ description: 'Record tips.' }),
  spend: oneOf(['success', 'cancel'] as const, { default: 'success', description: 'Outcome.' }),
  password: text({ secret: true, description: 'Password.' }),
  ext: custom('object', (value) => (typeof value === 'object' ? value : undefined), { description: 'Helper.' }),
};

describe('option schemas', () => {
  it('reads kebab attributes, camelCase JS options and typed values, with defaults', () => {
    const fromAttributes = readOptions(schema, { 'spend-timeout': '5000', 'top-key': 'fans', 'record-tips': '' });
    expect(fromAttributes.problems).to.deep.equal([]);
    expect(fromAttributes.values).to.deep.include({ spendTimeoutMs: 5000, topKey: 'fans', recordTips: true, spend: 'success' });
    const fromJs = readOptions(schema, { spendTimeoutMs: 6000, topKey: 'x', recordTips: false, spend: 'cancel' });
    expect(fromJs.values).to.deep.include({ spendTimeoutMs: 6000, recordTips: false, spend: 'cancel' });
    expect(readOptions(schema, { spendTimeout: '7000' }).values.spendTimeoutMs).to.equal(7000);
  });

  it('reports every invalid option and falls back to its default', () => {
    const { values, problems } = readOptions(schema, { 'spend-timeout': '1', spend: 'maybe', 'record-tips': 'yes', 'top-key': 'ok' });
    expect(values.spendTimeoutMs).to.equal(120_000);
    expect(values.spend).to.equal('success');
    expect(problems.map((p) => p.option)).to.deep.equal(['spend-timeout', 'record-tips', 'spend']);
    expect(problems[0]).to.deep.equal({ option: 'spend-timeout', message: 'Ignored the invalid `spend-timeout` option.', payload: '1' });
  });

  it('never puts a secret into a problem report', () => {
    const { problems } = readOptions(schema, { password: 'x'.repeat(500) });
    expect(problems).to.have.length(1);
    expect(JSON.stringify(problems)).not.to.contain('xxx');
  });

  it('declares the attributes of every option that is not JS-only', () => {
    expect(schemaAttributes(schema)).to.deep.equal(['spend-timeout', 'top-key', 'record-tips', 'spend', 'password']);
    expect(kebab('relayAction')).to.equal('relay-action');
  });
});
