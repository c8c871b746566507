// Every end-to-end suite in firefox. The two browser files run in parallel (node --test --test-concurrency=2).
import { a11ySuite } from './suites/a11y.mjs';
import { chatgptSuite } from './suites/chatgpt.mjs';
import { checkupUndoSuite } from './suites/checkup-undo.mjs';
import { corpusSuite } from './suites/corpus.mjs';
import { fieldReadySuite } from './suites/field-ready.mjs';
import { firstRunSuite } from './suites/first-run.mjs';
import { generatedSuite } from './suites/generated.mjs';
import { hardeningSuite } from './suites/hardening.mjs';
import { localeSuite } from './suites/locale.mjs';
import { mobileSuite } from './suites/mobile.mjs';
import { networkCheckSuite } from './suites/network-check.mjs';
import { shownTrueSuite } from './suites/shown-true.mjs';
import { switchOffSuite } from './suites/switch-off.mjs';

networkCheckSuite('firefox');
switchOffSuite('firefox');
chatgptSuite('firefox');
corpusSuite('firefox');
hardeningSuite('firefox');
checkupUndoSuite('firefox');
localeSuite('firefox');
a11ySuite('firefox');
shownTrueSuite('firefox');
firstRunSuite('firefox');
mobileSuite('firefox');
fieldReadySuite('firefox');
generatedSuite('firefox');
// A few more seeds on the scaled-clock build, which the long run (./build.sh fuzz) uses.
generatedSuite('firefox', { clock: 'scaled', first: 1001, count: 16 });
