import { mergeSearchIndex } from '../src/store/sqlite/index-merge.js';
const t = performance.now();
let maxLag = 0; let last = performance.now();
const iv = setInterval(() => { const n = performance.now(); maxLag = Math.max(maxLag, n - last - 10); last = n; }, 10);
console.log(await mergeSearchIndex(process.argv[2]!), 'wall s', ((performance.now() - t) / 1000).toFixed(1), 'max event-loop lag ms', maxLag.toFixed(1));
clearInterval(iv);
