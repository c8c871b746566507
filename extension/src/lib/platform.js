// The browser-API shim, once: every shell module reaches the WebExtension API through `api`.

/** The WebExtension namespace: `browser` in Firefox, `chrome` in Chromium (both promise-based in MV3). */
export const api = globalThis.browser ?? globalThis.chrome;

/**
 * The one place the shell drops an error on purpose. Returns a rejection handler that logs what
 * was dropped and why at debug level (`expected`: a named, harmless case such as a tab without
 * our content script), so nothing is swallowed silently.
 */
export function dropped(expected) {
  return (error) => console.debug(`Opt-Out Guard: dropped (${expected}):`, error?.message ?? error);
}

/** A rejection handler for errors that should not happen: logged as errors, naming `where`. */
export function warnOnError(where) {
  return (error) => console.error(`Opt-Out Guard: ${where}:`, error);
}
