// ./build.sh fuzz: the generated pages alone, in firefox (GENERATED_COUNT, GENERATED_FIRST: see tests/e2e/suites/generated.mjs).
import { generatedSuite } from '../e2e/suites/generated.mjs';

generatedSuite('firefox');
