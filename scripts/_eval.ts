import { loadContent } from '../src/lib/content/load-content.ts';
import { createSearchEngine } from '../src/lib/search/engine.ts';
import { toSearchData } from '../src/lib/search/search-data.ts';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
const c = loadContent({ root: '/work/main/content' });
const t0 = performance.now();
const engine = createSearchEngine(toSearchData(c));
console.log('build ms', (performance.now()-t0).toFixed(1));
const exp = parse(readFileSync('' + (process.env.EXP ?? '/work/main/content/search/expectations.yml') + '','utf8'));
let at1=0, at3=0, rr=0;
for (const e of exp) {
  const r = engine.search(e.query, { limit: 10 });
  const rank = r.results.findIndex(x => x.slug === e.task) + 1;
  if (rank === 1) at1++; if (rank && rank <= 3) at3++; if (rank) rr += 1/rank;
  if (rank !== 1) console.log(`${rank||'-'}\t${e.query}\t→ ${e.task}\t got: ${r.results.slice(0,3).map(x=>x.slug).join(', ')} ${r.suggestion ? '(dym: '+r.suggestion+')' : ''}`);
}
console.log(`n=${exp.length} @1=${(at1/exp.length*100).toFixed(1)} @3=${(at3/exp.length*100).toFixed(1)} mrr=${(rr/exp.length).toFixed(3)}`);
for (const q of process.argv.slice(2)) { const r = engine.search(q); console.log(q, '→', r.total, r.suggestion, r.results.slice(0,3).map(x=>x.slug+':'+x.score)); }
