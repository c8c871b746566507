// TEST BUILDS ONLY (dist-test/, never dist/): relays commands from the fixture page at
// https://www.linkedin.com/__optout_test__/ to the background, so the end-to-end tests can read the
// action badge and the storage in Firefox, where the driver cannot reach extension pages.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  window.addEventListener('message', async (event) => {
    const request = event.data?.optoutGuardTest;
    if (event.source !== window || !request) return;
    let result;
    try {
      result = await api.runtime.sendMessage({ __optoutGuardTest: request });
    } catch (error) {
      result = { error: String(error) };
    }
    window.postMessage({ optoutGuardTestResult: { id: request.id, result } }, '*');
  });
  document.documentElement.dataset.optoutGuardTestHooks = 'ready';
})();
