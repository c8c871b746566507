// Every end-to-end suite in firefox. The two browser files run in parallel (node --test --test-concurrency=2).
import { a11ySuite } from './suites/a11y.mjs';
import { corpusSuite } from './suites/corpus.mjs';
import { hardeningSuite } from './suites/hardening.mjs';
import { localeSuite } from './suites/locale.mjs';
import { memorySuite } from './suites/memory.mjs';
import { networkCheckSuite } from './suites/network-check.mjs';
import { skeletonSuite } from './suites/skeleton.mjs';

networkCheckSuite('firefox');
skeletonSuite('firefox');
corpusSuite('firefox');
hardeningSuite('firefox');
memorySuite('firefox');
localeSuite('firefox');
a11ySuite('firefox');
