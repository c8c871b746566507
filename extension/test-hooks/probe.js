// PROBE BUILDS ONLY (dist-probe/, never dist/ or dist-test/): sends deliberate requests from the
// context it runs in, the moment it starts, so that the end-to-end network check proves it
// catches the extension's own requests (tests/e2e/suites/network-check.mjs). Each goes to a host
// whose traffic the check would otherwise excuse as the browser's own (a subdomain, named after
// the context, of the browser vendor's update or settings host) and to LinkedIn, whose requests
// the fixtures answer. The test hooks' `probe` command sends the same from the background later.
globalThis.optoutGuardProbe = (context) => {
  const vendor = navigator.userAgent.includes('Firefox/') ? 'firefox.settings.services.mozilla.com' : 'update.googleapis.com';
  const sent = [];
  for (const host of [`${context}.probe.${vendor}`, 'www.linkedin.com']) {
    const url = `https://${host}/optout-guard-probe/${context}`;
    sent.push(url);
    // The request is the point: the reply (refused by the proxy or the fixtures) is not.
    fetch(url, { cache: 'no-store' }).catch(() => 'refused, as expected');
  }
  return sent;
};
(() => {
  let context = 'content-script';
  if (typeof document === 'undefined') context = 'background-start';
  else if (/^(chrome|moz)-extension:$/.test(location.protocol)) {
    const page = location.pathname.replace(/^\/|\.html$/g, '');
    context = page === 'popup' || page === 'options' ? page : 'background-start';
  }
  globalThis.optoutGuardProbe(context);
})();
