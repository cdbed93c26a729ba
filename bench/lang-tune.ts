// Tunes detectLangWithPrior's two parameters on the dev split (never on test): for each pair, accuracy and the
// share of wrong answers per channel-prior scenario. Run: node --import tsx bench/lang-tune.ts
import { loadSplit } from './lang-data.js';
import { scorePrior, SCENARIOS } from './lang-prior.js';

const dev = loadSplit('dev');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log('| floor | min conf. | ' + SCENARIOS.map((s) => `${s}: right / wrong`).join(' | ') + ' |');
for (const priorFloor of [0.02, 0.05, 0.1, 0.2]) {
  for (const minConfidence of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    const cells = SCENARIOS.map((sc) => {
      const r = scorePrior(sc, dev, { priorFloor, minConfidence });
      return `${pct(r.accuracy.all)} / ${pct(r.wrong)}`;
    });
    console.log(`| ${priorFloor} | ${minConfidence} | ${cells.join(' | ')} |`);
  }
}
