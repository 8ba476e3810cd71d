// `npm start`: the main job on the bundled samples. Installs the Node
// dependencies and builds when they are stale (scripts/setup.mjs), checks
// samples/okrs, then writes the checkout unit's roadmap to roadmap.html and
// says where it is.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, run, setUp } from './setup.mjs';

const say = (msg) => process.stdout.write(`${msg}\n`);

const setup = setUp();
if (setup !== 0) process.exit(setup);

const cli = join(ROOT, 'dist', 'cli.js');
const out = join(ROOT, 'roadmap.html');

say('\n$ okr check samples/okrs');
const check = run(process.execPath, [cli, 'check', 'samples/okrs']);
// 1 means findings over the bar: still worth drawing, as the editor does. 2 is a usage or I/O failure.
if (check > 1) process.exit(check);

say('\n$ okr roadmap samples/okrs --unit checkout --view quarters --out roadmap.html');
const roadmap = run(process.execPath, [cli, 'roadmap', 'samples/okrs', '--unit', 'checkout', '--view', 'quarters', '--out', out]);
if (roadmap !== 0) process.exit(roadmap);

say(`\nThe roadmap is in ${out}\nOpen it in a browser: ${pathToFileURL(out).href}`);
process.exit(check);
