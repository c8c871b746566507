// ./build.sh fuzz: the generated pages alone, in firefox (GENERATED_COUNT, GENERATED_FIRST; GENERATED_CLOCK
// `scaled`, the default here, or `release`: see tests/e2e/suites/generated.mjs).
import { generatedSuite } from '../e2e/suites/generated.mjs';

generatedSuite('firefox', { clock: process.env.GENERATED_CLOCK ?? 'scaled' });
