import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { enhanceSnippets } from '../../demo/copy.js';

async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

describe('snippet copy buttons (demo/copy.ts)', () => {
  let writes: string[];

  beforeEach(() => {
    writes = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void writes.push(text) },
    });
  });

  afterEach(async () => {
    delete (navigator as unknown as Record<string, unknown>).clipboard;
    await resetMouse();
  });

  it('adds a labelled button to cards present and cards added later, and copies their snippet', async () => {
    const root = await fixture<HTMLElement>(html`
      <div>
        <div id="widgets">
          <section class="widget-card"><h2>Viewer counter</h2><pre>&lt;onair-viewer-counter&gt;&lt;/onair-viewer-counter&gt;</pre></section>
        </div>
        <p role="status"></p>
      </div>
    `);
    const widgets = root.querySelector<HTMLElement>('#widgets')!;
    const status = root.querySelector<HTMLElement>('[role="status"]')!;
    const stop = enhanceSnippets(widgets, status);

    const late = document.createElement('section');
    late.className = 'widget-card';
    render(html`<h2>Leaderboard</h2><pre>&lt;onair-leaderboard&gt;&lt;/onair-leaderboard&gt;</pre>`, late);
    widgets.append(late);
    await waitUntil(() => widgets.querySelectorAll('button.copy').length === 2, 'both cards get a button');
    const labels = Array.from(widgets.querySelectorAll('button.copy'), (b) => b.getAttribute('aria-label'));
    expect(labels).to.deep.equal(['Copy the Viewer counter snippet', 'Copy the Leaderboard snippet']);
    await expect(root).to.be.accessible();

    await click(late.querySelector('button.copy')!);
    await waitUntil(() => writes.length === 1, 'clipboard written');
    expect(writes).to.deep.equal(['<onair-leaderboard></onair-leaderboard>']);
    expect(status.textContent).to.equal('Copied to the clipboard.');
    stop();
  });
});
