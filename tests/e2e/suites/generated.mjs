// Generated pages (issue 18), end to end with the release build: each seed's page
// (tests/generated/generate.mjs) is loaded, its banner's verdict read, "Turn it off" pressed
// whenever the banner offers it (also where the truth says it must not), and every click the page
// sees is recorded with its target. Properties, on every page:
//   - no click on anything but the ground truth's switch (the banner's own buttons aside), ever;
//   - no decoy changes state (a `.checked` write is not a click, so states are compared too; an
//     ARIA decoy's `aria-checked` too);
//   - at most one click on the switch per press;
//   - never `on` or `off` when the truth is `unknown`, and the truth's verdict when it is `on` or `off`;
//   - nothing but a verdict before a press (no `switching`, `verified`, `failed`);
//   - a press where the truth is `on` ends `verified`, with the switch off;
//   - the fixture's own counts agree: no click on any of its switches and no save beyond the presses.
// Everything is recorded from the start of the page's document (recorders installed before its
// scripts), a page with a re-render is watched until its row is back, and every other page a while
// past its verdict (past the extension's re-read and waits). Past the first verdict nothing is run
// again: a step that fails there is the page's problem.
// Which seeds: GENERATED_FIRST (default 1) and GENERATED_COUNT (default 24), or the suite's
// options, or the list GENERATED_SEEDS (comma-separated); `./build.sh fuzz N [FIRST]` runs more. Which build: the release build (dist/), or with
// `clock: 'scaled'` the scaled-clock build (dist-scaled/: the same extension, its content
// script's timers five times faster, and each page's own delays divided by five), which
// `./build.sh fuzz` uses by default (GENERATED_CLOCK=release for the release build). A failing
// seed is printed with the command that runs it alone.
import assert from 'node:assert/strict';
import { generatePage } from '../../generated/generate.mjs';
import {
  BANNER_TIMEOUT_MS, after, before, bannerState, describe, it, launch, openFixture, pressBannerButton, sleep, waitFor,
} from '../harness/index.mjs';

/** The scaled-clock build's factor (crates/optout-wasm/src/clock.rs, CLOCK_SCALE). */
const CLOCK_SCALE = 5;
/** Pages open at once (each in its own window, so that no timer is throttled as a background tab's). */
const AT_ONCE = Number(process.env.GENERATED_AT_ONCE ?? 4);
const VERDICTS = ['on', 'off', 'unknown'];
/** The states a press ends in. */
const PRESS_ENDS = ['verified', 'failed', 'unknown'];
/** Pages one browser runs before the suite starts a new one (GENERATED_PER_BROWSER, default 500). */
const PER_BROWSER = Number(process.env.GENERATED_PER_BROWSER ?? 500);
/** How long a re-rendered page is watched after its row is back: a scan, the banner's update, margin (ms). */
const REREAD_MS = 400;

/**
 * The recorders, run in the page's main world at the start of its document, before the fixture's
 * own script (helper-13: recorders installed after load missed a start-up click and the first
 * verdicts): every state the banner shows (window.__bannerStates, with __bannerTimes in
 * performance.now() ms), every click with its target (window.__clicks), and each decoy input's and
 * extra switch's checked state when it first shows up (window.__inputsFirst), to compare with its
 * state at the end: a `.checked` write is not a click.
 */
function recorders() {
  window.__bannerStates = [];
  window.__bannerTimes = [];
  window.__clicks = [];
  window.__inputsFirst = new Map();
  const seen = () => {
    const s = document.querySelector('[data-optout-guard="banner"]')?.getAttribute('data-state') ?? null;
    if (window.__bannerStates.at(-1) !== s) {
      window.__bannerStates.push(s);
      window.__bannerTimes.push(performance.now());
    }
    document.querySelectorAll('input[data-decoy], input[data-fixture-switch]:not([data-fixture-switch="0"])').forEach((i) => {
      if (!window.__inputsFirst.has(i)) window.__inputsFirst.set(i, i.checked);
    });
    // ARIA switches among the decoys (a member's post): their aria-checked.
    document.querySelectorAll('[data-decoy][role=switch]:not(input)').forEach((d) => {
      if (!window.__inputsFirst.has(d)) window.__inputsFirst.set(d, d.getAttribute('aria-checked'));
    });
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  window.__pressTimes = [];
  document.addEventListener('click', (e) => {
    const t = e.composedPath()[0];
    // The banner's own buttons (in its shadow root) are the person's clicks, not ours on the page:
    // only their time is kept (performance.now() ms), to place a press against a re-render.
    if (t instanceof Element && t.closest('[data-optout-guard]')) {
      window.__pressTimes.push(performance.now());
      return;
    }
    if (e.target instanceof Element && e.target.closest('[data-optout-guard]')) return;
    const sw = document.querySelector('[data-fixture-switch="0"]');
    const onSwitch = t === sw || (t instanceof HTMLLabelElement && t.control === sw && sw !== null);
    const describe = t instanceof Element ? `${t.tagName.toLowerCase()}${t.id ? `#${t.id}` : ''}${t.hasAttribute('data-decoy') ? '[data-decoy]' : ''}` : String(t);
    window.__clicks.push({ onSwitch, target: describe, trusted: e.isTrusted });
  }, true);
}

/**
 * What the page saw, read in one call: the banner's states, the clicks, the fixture's counts, the
 * decoy inputs and extra switches whose checked state is not what it was when each first showed
 * up (or, for a decoy, not its `checked` attribute: every decoy renders checked), the switch put
 * inside a frame or a shadow root if it is no longer checked, and whether the page's switch is off.
 */
const observed = (page) => page.evaluate(() => ({
  states: window.__bannerStates.filter((s) => s !== null),
  clicks: window.__clicks,
  fixtureClicks: window.__fixture?.clicks ?? 0,
  saves: window.__fixture?.saves ?? 0,
  decoyClicks: window.__fixture?.decoyClicks ?? 0,
  decoysChanged: [...window.__inputsFirst].filter(([i, first]) => (i instanceof HTMLInputElement
    ? i.checked !== first || (i.hasAttribute('data-decoy') && i.checked !== i.defaultChecked)
    : i.getAttribute('aria-checked') !== first)).length
    + (window.__fixture?.elsewhere && !window.__fixture.elsewhere.checked ? 1 : 0),
  switchOff: document.querySelector('[data-fixture-switch="0"]')?.checked === false,
}));

/** Polls until the banner shows one of `states`; resolves to it, or null after `timeout` ms. */
async function firstOf(page, states, timeout) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const s = await bannerState(page);
    if (states.includes(s)) return s;
    await sleep(50);
  }
  return null;
}

/**
 * Waits until the banner's recorder (window.__bannerStates, nulls kept) holds one of `states` at
 * index `from` or later, which polling can miss (a state that lasted under 50 ms); resolves to
 * {state, index, at (performance.now() ms)}, or null after `timeout` ms.
 */
async function recordedFrom(page, from, states, timeout) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const hit = await page.evaluate((f, wanted) => {
      const i = window.__bannerStates.findIndex((s, k) => k >= f && wanted.includes(s));
      return i < 0 ? null : { state: window.__bannerStates[i], index: i, at: window.__bannerTimes[i] };
    }, from, states);
    if (hit) return hit;
    await sleep(50);
  }
  return null;
}

/** Loads and checks one generated page ({seed, url, config, truth}); resolves to {seed, truth, shown, problems: [string]}. */
async function runPage(ctx, { seed, url, config, truth }, browser, linger) {
  const { page, violations } = await openFixture(ctx, url, { config, window: browser === 'firefox', onNewDocument: recorders });
  const problems = [...violations.map((v) => `a request outside the fixture host: ${v}`)];
  try {
    const polled = await firstOf(page, VERDICTS, BANNER_TIMEOUT_MS);
    // The first verdict as the recorder saw it (polling can miss a state that lasted under 50 ms).
    const recorded = () => page.evaluate(() => window.__bannerStates.filter((s) => s !== null));
    const shown = (await recorded()).find((s) => VERDICTS.includes(s)) ?? polled;
    let presses = 0;
    let final = polled;
    /** Whether the press landed in a re-render's gap (the README's known limit) and was made again. */
    let pressedInGap = false;
    // The states before the press (all of them on a page not pressed).
    let pressedAfter = Infinity;
    // Past the first verdict nothing is run again (helper-14: a retry threw away what the first
    // attempt saw): a step that fails is a problem of this page, and everything the page saw is
    // still checked below.
    try {
      if (polled === 'on') {
        presses++;
        pressedAfter = (await recorded()).length;
        const from = await page.evaluate(() => window.__bannerStates.length);
        await pressBannerButton(page, 'switch-off');
        const ended = await recordedFrom(page, from, PRESS_ENDS, 15_000);
        final = ended?.state ?? null;
        // When the press's click reached the page (not when the driver began it).
        const pressedAt = await page.evaluate(() => window.__pressTimes.at(-1) ?? -Infinity);
        // The README's known limit: a press in the moment a re-render has taken the switch away
        // ends unknown, nothing clicked, and the banner offers the click again once the switch is
        // back. Such a press (its click reached the page before the row was back, and its unknown
        // came after the row left and at most REREAD_MS after it was back: at once, not after a
        // wait) is made again, as a person would, once it is known to have clicked and saved
        // nothing; the page must then end verified with one click and one save in all.
        const gap = await page.evaluate(() => ({ left: window.__fixture?.rerenderLeftAt, back: window.__fixture?.rerenderBackAt ?? Infinity }));
        if (final === 'unknown' && gap.left !== undefined && pressedAt <= gap.back && ended.at >= gap.left && ended.at <= gap.back + REREAD_MS) {
          const offered = await recordedFrom(page, ended.index + 1, ['on'], 15_000);
          if (!offered) throw new Error(`no offer of the click again after a press in the re-render's gap: ${(await recorded()).join(' → ')}`);
          const touched = await page.evaluate(() => window.__clicks.length + (window.__fixture?.clicks ?? 0) + (window.__fixture?.saves ?? 0));
          if (touched) throw new Error(`the press in the re-render's gap was not clickless: ${touched} click(s) and save(s) seen`);
          pressedInGap = true;
          presses++;
          await pressBannerButton(page, 'switch-off');
          final = (await recordedFrom(page, offered.index + 1, PRESS_ENDS, 15_000))?.state ?? null;
        }
      }
      // A verified change is re-read while the page is open: it must still stand a moment later.
      if (final === 'verified') {
        await sleep(1_000);
        if ((await bannerState(page)) !== 'verified') problems.push(`verified did not stand: ${(await recorded()).join(' → ')}`);
      }
      // A page with a re-render is watched until its row is back and a moment after (helper-13: pages
      // not pressed closed at their first verdict, before the re-render they were made for).
      if (await page.evaluate(() => window.__fixture?.rerenderPlanned === true)) {
        await waitFor('the row back', () => page.evaluate(() => window.__fixture.rerenderBackAt !== undefined), 15_000);
        await sleep(REREAD_MS);
      } else if (final !== 'verified') {
        // Every other page is watched a while past its verdict too: the extension's later timers
        // (the re-read, the waits) must not click or change anything either (helper-14).
        await sleep(linger);
      }
    } catch (error) {
      problems.push(`a step after the first verdict (${polled}) failed: ${error.message}`);
      final = null;
    }
    const seen = await observed(page);
    const { states, clicks } = seen;
    const wrong = clicks.filter((c) => !c.onSwitch);
    if (wrong.length) problems.push(`wrong click: ${wrong.map((c) => c.target).join(', ')}`);
    const onSwitch = clicks.filter((c) => c.onSwitch).length;
    // A press in a re-render's gap clicked and saved nothing (checked above): it allows none.
    const acting = presses - (pressedInGap ? 1 : 0);
    if (onSwitch > acting) problems.push(`${onSwitch} clicks on the switch for ${acting} press(es) that could act`);
    // The fixture's own counts, from its start: clicks on any of its switches and their saves.
    if (seen.fixtureClicks > acting || seen.saves > acting) problems.push(`the fixture counted ${seen.fixtureClicks} switch clicks and ${seen.saves} saves for ${acting} press(es) that could act`);
    if (seen.decoyClicks > 0 && !wrong.length) problems.push(`wrong click: ${seen.decoyClicks} on a decoy`);
    if (seen.decoysChanged > 0) problems.push('a decoy changed state');
    // Before any press, a page whose truth is on or off shows that verdict only (no flicker).
    // …and nothing but a verdict: no `switching`, `verified` or `failed` without a press (helper-14).
    const unpressed = states.slice(0, pressedAfter).filter((s) => !VERDICTS.includes(s));
    if (unpressed.length) problems.push(`shown before any press: ${states.join(' → ')}`);
    const beforePress = states.slice(0, pressedAfter).filter((s) => VERDICTS.includes(s));
    if (truth.verdict !== 'unknown' && beforePress.some((s) => s !== truth.verdict)) {
      problems.push(`verdict: truth ${truth.verdict} (${truth.why}), shown ${states.join(' → ')} before any press`);
    }
    if (truth.verdict === 'unknown' && states.some((s) => s === 'on' || s === 'off' || s === 'verified')) {
      problems.push(`verdict: truth unknown (${truth.why}), shown ${states.join(' → ')}`);
    } else if (shown !== truth.verdict) {
      problems.push(`verdict: truth ${truth.verdict} (${truth.why}), shown ${shown ?? 'nothing'} (${states.join(' → ') || 'no banner'})`);
    }
    if (truth.verdict === 'on' && shown === 'on' && (final !== 'verified' || !seen.switchOff || onSwitch !== 1)) {
      problems.push(`the press ended ${final}, switch off: ${seen.switchOff}, clicks on it: ${onSwitch}; shown ${states.join(' → ')}`);
    }
    // A press that ended without a verdict (the known limit: unknown, or nothing in 15 s) may leave
    // a change of ours pending in the extension's memory for 30 min, which a later page of the same
    // setting would rightly confirm (long run C, seed 43874: an off page shown verified).
    const pendingLeft = presses > 0 && final !== 'verified' && final !== 'failed';
    return { seed, truth: truth.verdict, shown, problems, pendingLeft, pressedInGap };
  } finally {
    await page.close();
  }
}

/**
 * Runs `task` over the generated pages, `n` at a time; a page whose switch starts on (it may be pressed)
 * never shares its setting with another page at once: the extension remembers a change in
 * progress per setting, and a second tab of that setting would rightly carry it on. A result
 * with `pendingLeft` (a press that ended without a verdict) stops new pages until the running
 * ones end, then awaits `fresh()` (a new browser and profile) before the next. Resolves to the
 * results in seed order.
 */
async function pool(pages, n, task, fresh) {
  const out = new Map();
  const waiting = [...pages];
  /** Per setting (either route): the pages running on it, and whether one of them may be pressed. */
  const busy = new Map();
  const mayPress = (p) => p.config.state === 'on';
  const free = (p) => {
    const b = busy.get(p.setting);
    return !b || (!b.pressing && !mayPress(p));
  };
  let wake = () => {};
  const running = new Set();
  let draining = false;
  while (waiting.length || running.size) {
    if (draining && !running.size) {
      await fresh();
      draining = false;
    }
    const i = draining ? -1 : waiting.findIndex(free);
    if (running.size < n && i >= 0) {
      const [p] = waiting.splice(i, 1);
      const { setting } = p;
      const b = busy.get(setting) ?? { count: 0, pressing: false };
      busy.set(setting, { count: b.count + 1, pressing: b.pressing || mayPress(p) });
      const run = task(p).then((r) => {
        out.set(p.seed, r);
        if (r.pendingLeft) draining = true;
      }).finally(() => {
        const now = busy.get(setting);
        if (now.count === 1) busy.delete(setting);
        else busy.set(setting, { count: now.count - 1, pressing: now.pressing && !mayPress(p) });
        running.delete(run);
        wake();
      });
      running.add(run);
      continue;
    }
    await new Promise((resolve) => { wake = resolve; });
  }
  return pages.map((p) => out.get(p.seed));
}

/**
 * Defines this suite for browser `name` (`chromium` or `firefox`): `count` pages from seed
 * `first` (defaults: GENERATED_COUNT or 24, GENERATED_FIRST or 1) on the `clock` build
 * (`release`, or `scaled`: see the top of this file).
 */
export function generatedSuite(name, {
  clock = 'release', first = Number(process.env.GENERATED_FIRST ?? 1), count = Number(process.env.GENERATED_COUNT ?? 24),
} = {}) {
  const scaled = clock === 'scaled';
  describe(`generated pages in ${name}${scaled ? ' (scaled-clock build)' : ''}`, () => {
    let ctx;
    /** Requests that reached the network, from every browser this suite launched. */
    const requests = [];
    const close = async () => {
      if (!ctx) return;
      requests.push(...ctx.networkRequests());
      await ctx.browser.close();
      ctx = null;
    };
    /** A new browser (the same build, a new profile), the last one closed first. */
    const relaunch = async () => {
      await close();
      ctx = await launch(name, { scaledClock: scaled });
    };
    before(relaunch);
    after(async () => {
      await close();
      assert.deepEqual(requests, [], 'requests that reached the network');
    });

    // Each seed's page, generated once.
    // GENERATED_SEEDS (comma-separated) picks seeds instead, e.g. to run again those a long run found.
    const picked = process.env.GENERATED_SEEDS?.split(',').map(Number);
    const seeds = picked ?? Array.from({ length: count }, (_, i) => first + i);
    const COUNT = seeds.length;
    const pages = seeds.map((seed) => generatePage(seed, { timeScale: scaled ? CLOCK_SCALE : 1 }));
    // How long a page is watched past its verdict (ms): longer than the extension's re-read (1 s)
    // and its waits (1.5 s), on the scaled clock divided by its factor.
    const linger = scaled ? 400 : 1_600;
    // About 10 s a page at worst (the 8 s wait for a switch that never comes, then a press), AT_ONCE at a time.
    const timeout = 120_000 + Math.ceil(COUNT / AT_ONCE) * 25_000;
    it(`${picked ? `seeds ${picked.join(', ')}` : `seeds ${first}–${first + count - 1}`}: no wrong click, no decoy changed, the truth's verdict`, { timeout }, async () => {
      const started = Date.now();
      // A page the driver could not run (a DevTools call that never answered, seen twice in 600
      // Chromium pages under load) is run once more in a new tab; a broken property is never retried.
      const once = (p) => runPage(ctx, p, name, linger);
      // A long run says how far it is every tenth of the way, with any seed that broke a property so far.
      let done = 0;
      const brokenSoFar = [];
      const progress = (r) => {
        done++;
        if (r.problems.length) brokenSoFar.push(r.seed);
        if (COUNT >= 500 && done % Math.ceil(COUNT / 10) === 0) {
          console.log(`# ${name}: ${done}/${COUNT} pages in ${((Date.now() - started) / 1000).toFixed(0)} s; broken so far: ${brokenSoFar.join(', ') || 'none'}`);
        }
        return r;
      };
      // A long run starts a new browser every PER_BROWSER pages: one Firefox closed its connection
      // after about 1,400 pages (cause not found), and every later page then failed to start.
      const results = [];
      /** Browsers started afresh after a press that ended without a verdict. */
      let relaunches = 0;
      for (let at = 0; at < pages.length; at += PER_BROWSER) {
        if (at) await relaunch();
        results.push(...await pool(pages.slice(at, at + PER_BROWSER), AT_ONCE, (p) => once(p).catch((first) => {
          console.log(`# seed ${p.seed}: the driver failed (${first.message}); running it once more`);
          return once(p);
        }).catch((error) => ({ seed: p.seed, truth: p.truth.verdict, shown: null, problems: [`the page could not be run: ${error.message}`], pendingLeft: true })).then(progress), async () => {
          relaunches++;
          await relaunch();
        }));
      }
      const failed = results.filter((r) => r.problems.length);
      const inGap = results.filter((r) => r.pressedInGap).map((r) => r.seed);
      const tally = (f) => results.reduce((m, r) => { const k = f(r); m[k] = (m[k] ?? 0) + 1; return m; }, {});
      console.log(`# generated pages in ${name}${scaled ? ' (scaled clock)' : ''}: ${results.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s; truth ${JSON.stringify(tally((r) => r.truth))}; `
        + `wrong clicks ${results.filter((r) => r.problems.some((p) => p.startsWith('wrong click'))).length}, `
        + `decoy changes ${results.filter((r) => r.problems.includes('a decoy changed state')).length}, `
        + `verdict mismatches ${JSON.stringify(tally((r) => (r.problems.some((p) => p.startsWith('verdict')) ? `${r.truth}→${r.shown}` : 'none')))}; `
        + `presses in a re-render's gap (unknown, nothing clicked, pressed again) ${inGap.length}${inGap.length ? ` (seeds ${inGap.slice(0, 20).join(', ')}${inGap.length > 20 ? ', …' : ''})` : ''}; `
        + `new browsers after a press without a verdict ${relaunches}`);
      const configOf = new Map(pages.map((p) => [p.seed, p.config]));
      const again = scaled ? './build.sh fuzz 1' : 'GENERATED_CLOCK=release ./build.sh fuzz 1';
      const lines = failed.map((r) => `seed ${r.seed}: ${r.problems.join('; ')}\n  again: ${again} ${r.seed}   (${JSON.stringify(configOf.get(r.seed))})`);
      assert.equal(failed.length, 0, `generated pages that broke a property:\n${lines.join('\n')}`);
    });
  });
}
