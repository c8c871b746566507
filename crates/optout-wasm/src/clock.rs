//! The content script's clock: [`now_ms`] and [`Timeout`]s measured in the flow's milliseconds.
//!
//! In every build but one, a flow millisecond is a millisecond of the page's clock
//! (`performance.now()`). The scaled-clock test build (cargo feature `scaled-clock`, built by
//! `build.sh` into `dist-scaled/` only, for the generated pages' long run, issue 18) runs the
//! same flow [`CLOCK_SCALE`] times faster: [`now_ms`] reads the page's clock times the scale, a
//! timer of `ms` fires after `ms / CLOCK_SCALE` page milliseconds. The core's rules (the settle
//! rule, the wait for the switch) are unchanged; only how long they take on the wall clock.
//! The release build never has the feature: `tests/static/scaled-clock.test.mjs` checks that the
//! packaged module is the one built without it.

use gloo_timers::callback::Timeout;

/// How many flow milliseconds pass per millisecond of the page's clock: 1, or 5 in the
/// scaled-clock test build.
#[cfg(not(feature = "scaled-clock"))]
pub const CLOCK_SCALE: f64 = 1.0;
/// How many flow milliseconds pass per millisecond of the page's clock: 1, or 5 in the
/// scaled-clock test build.
#[cfg(feature = "scaled-clock")]
pub const CLOCK_SCALE: f64 = 5.0;

/// The flow's time now, in ms since the page's time origin (0 where `performance` is missing).
pub fn now_ms() -> f64 {
    let page = web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0);
    if CLOCK_SCALE == 1.0 {
        page
    } else {
        page * CLOCK_SCALE
    }
}

/// A timer that runs `f` once after `ms` flow milliseconds (see [`CLOCK_SCALE`]); dropping it
/// cancels it.
#[inline]
pub fn timeout(ms: u32, f: impl FnOnce() + 'static) -> Timeout {
    Timeout::new(page_ms(ms), f)
}

/// `ms` flow milliseconds in the page's milliseconds, rounded up.
#[inline]
fn page_ms(ms: u32) -> u32 {
    if CLOCK_SCALE == 1.0 {
        ms
    } else {
        (f64::from(ms) / CLOCK_SCALE).ceil() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timer_lasts_the_flow_ms_over_the_scale_rounded_up() {
        assert_eq!(page_ms(0), 0);
        assert_eq!(page_ms(8_000), (8_000.0 / CLOCK_SCALE) as u32);
        assert_eq!(page_ms(1), 1, "never shorter than a page millisecond");
    }
}
