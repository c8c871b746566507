// TEST BUILDS ONLY (dist-test/, never dist/): marks when the content script started, for the
// benchmark (tests/bench/bench.mjs: "switch present at load → banner, after the content script
// starts"). The mark is the document's performance.now() (ms; the isolated world shares the
// page's time origin), on <html> as data-optout-guard-content-start-ms, set by the first run only.
document.documentElement.dataset.optoutGuardContentStartMs ??= String(performance.now());
