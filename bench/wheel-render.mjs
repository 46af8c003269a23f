// Measures the main-thread cost per frame of a 12-segment, 5-second wheel spin, drawn two ways:
//   svg    — the wheel rendered once as SVG; each frame only sets `transform: rotate()` (what
//            <onair-wheel-spinner> does), plus the boundary count it uses for tick events;
//   canvas — each frame clears a 2D canvas and redraws 12 wedges and their labels.
// Usage: node bench/wheel-render.mjs   (drives the local Chromium through puppeteer-core)
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../scripts/chrome-path.mjs';

const SEGMENTS = 12;
const DURATION_MS = 5000;
const TURNS = 5;
const SIZE = 280;
const REPS = 3;

const page = String.raw`<!doctype html>
<html><body style="margin:0;background:#111">
<div id="stage" style="width:${SIZE}px;height:${SIZE}px"></div>
<script>
const N = ${SEGMENTS}, DURATION = ${DURATION_MS}, TURNS = ${TURNS}, SIZE = ${SIZE};
const COLORS = ['#8b5cf6','#f59e0b','#10b981','#ef4444','#3b82f6','#ec4899','#14b8a6','#f97316','#6366f1','#84cc16','#06b6d4','#e11d48'];
const LABELS = Array.from({ length: N }, (_, i) => 'Prize number ' + (i + 1));
const ease = (t) => 1 - (1 - t) ** 3;
const span = 360 / N;

function point(r, deg) {
  const rad = (deg * Math.PI) / 180;
  return [100 + r * Math.sin(rad), 100 - r * Math.cos(rad)];
}

function buildSvg(stage) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 200 200');
  svg.style.cssText = 'width:100%;height:100%;display:block;will-change:transform';
  for (let i = 0; i < N; i++) {
    const [x1, y1] = point(98, i * span), [x2, y2] = point(98, (i + 1) * span);
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M100 100 L' + x1 + ' ' + y1 + ' A98 98 0 0 1 ' + x2 + ' ' + y2 + ' Z');
    path.setAttribute('fill', COLORS[i % COLORS.length]);
    svg.append(path);
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('x', '190'); text.setAttribute('y', '100');
    text.setAttribute('text-anchor', 'end'); text.setAttribute('dominant-baseline', 'central');
    text.setAttribute('font-size', '9'); text.setAttribute('font-weight', '600');
    text.setAttribute('transform', 'rotate(' + ((i + 0.5) * span - 90) + ' 100 100)');
    text.textContent = LABELS[i];
    svg.append(text);
  }
  stage.append(svg);
  const boundaries = Array.from({ length: N }, (_, i) => (((-i * span) % 360) + 360) % 360);
  let ticks = 0, last = 0;
  return (rotation) => {
    svg.style.transform = 'rotate(' + rotation + 'deg)';
    let count = 0;
    for (const b of boundaries) count += Math.floor((rotation - b) / 360);
    if (count !== last) { last = count; ticks++; }
  };
}

function buildCanvas(stage) {
  const canvas = document.createElement('canvas');
  const dpr = devicePixelRatio;
  canvas.width = SIZE * dpr; canvas.height = SIZE * dpr;
  canvas.style.cssText = 'width:100%;height:100%;display:block';
  stage.append(canvas);
  const ctx = canvas.getContext('2d');
  const scale = (SIZE * dpr) / 200;
  return (rotation) => {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.translate(100, 100);
    ctx.rotate((rotation * Math.PI) / 180);
    ctx.font = '600 9px system-ui, sans-serif';
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
    for (let i = 0; i < N; i++) {
      const a0 = ((i * span - 90) * Math.PI) / 180, a1 = (((i + 1) * span - 90) * Math.PI) / 180;
      ctx.beginPath(); ctx.moveTo(0, 0); ctx.arc(0, 0, 98, a0, a1); ctx.closePath();
      ctx.fillStyle = COLORS[i % COLORS.length]; ctx.fill();
      ctx.save(); ctx.rotate(((i + 0.5) * span - 90) * Math.PI / 180);
      ctx.fillStyle = '#fff'; ctx.fillText(LABELS[i], 90, 0); ctx.restore();
    }
  };
}

window.runSpin = (approach) => new Promise((resolve) => {
  const stage = document.getElementById('stage');
  stage.replaceChildren();
  const draw = approach === 'svg' ? buildSvg(stage) : buildCanvas(stage);
  const to = TURNS * 360 + 137;
  const costs = [];
  const start = performance.now();
  const frame = (now) => {
    const t0 = performance.now();
    const t = Math.min((now - start) / DURATION, 1);
    draw(to * ease(t));
    costs.push(performance.now() - t0);
    if (t < 1) requestAnimationFrame(frame);
    else resolve(costs);
  };
  requestAnimationFrame(frame);
});
</script></body></html>`;

function summarize(costs) {
  const sorted = [...costs].sort((a, b) => a - b);
  const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
  return { frames: costs.length, mean, p95: sorted[Math.floor(sorted.length * 0.95)], max: sorted.at(-1) };
}

const browser = await puppeteer.launch({ executablePath: chromePath(), headless: true, args: chromeArgs });
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 400, height: 400, deviceScaleFactor: 1 });
  await tab.setContent(page);
  const cdp = await tab.createCDPSession();
  await cdp.send('Performance.enable');
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { script: get('ScriptDuration'), task: get('TaskDuration') };
  };
  for (const approach of ['svg', 'canvas']) {
    await tab.evaluate((a) => window.runSpin(a), approach); // warm-up, not reported
    const runs = [];
    for (let rep = 0; rep < REPS; rep += 1) {
      const before = await metric();
      const costs = await tab.evaluate((a) => window.runSpin(a), approach);
      const after = await metric();
      const s = summarize(costs);
      runs.push({ ...s, script: ((after.script - before.script) * 1000) / s.frames, task: ((after.task - before.task) * 1000) / s.frames });
    }
    // The median run by mean callback time: the machine is shared, so single runs are noisy.
    const m = runs.sort((a, b) => a.mean - b.mean)[Math.floor(REPS / 2)];
    console.log(
      `${approach.padEnd(6)} frames ${m.frames}  rAF callback script/frame mean ${m.mean.toFixed(3)} ms  p95 ${m.p95.toFixed(3)} ms` +
        `  | CDP per frame: ScriptDuration ${m.script.toFixed(3)} ms, TaskDuration ${m.task.toFixed(3)} ms  (median of ${REPS})`,
    );
  }
} finally {
  await browser.close();
}
