#!/usr/bin/env bash
# Opt-Out Guard build, test and demo. See README.md.
#   ./build.sh          install the toolchain pieces, build dist/chromium and dist/firefox
#   ./build.sh test     also install the browsers, then run every test (lint first)
#   ./build.sh lint     cargo fmt --check, clippy with -D warnings (host and wasm32), ESLint: as CI runs them
#   ./build.sh demo     build, then show the extension on the bundled settings-page reconstruction
#   ./build.sh bench    build, then measure the extension's cost side by side (prints a table)
#   ./build.sh store-shots  build, then make the store listings' screenshots (docs/store/, 1280 x 800, English and German)
#   ./build.sh package  build, then write the store packages and the source archive into packages/
#   ./build.sh reproduce  package, then rebuild from the source archive in a fresh directory and compare
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
OUTER_PATH=$PATH # without this tree's node_modules/.bin: the reproducibility check's rebuild uses its own
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
CARGO_HOME_DIR=${CARGO_HOME:-$HOME/.cargo}

log() { printf '\n== %s\n' "$*"; }

wasm_bindgen_version() {
  # The CLI must equal the wasm-bindgen crate in Cargo.lock.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

use_pinned_rust() {
  # rust-toolchain.toml names the exact rustc release (the same rustc gives the same wasm). Where
  # rustup has that release only under the name "stable", use it instead of downloading it again.
  local want
  want=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
  if ! rustup toolchain list | grep -q "^$want-" &&
    [ "$(rustup run stable rustc --version 2>/dev/null | awk '{print $2}')" = "$want" ]; then
    export RUSTUP_TOOLCHAIN=stable
  fi
}

install_toolchain() {
  log "toolchain"
  use_pinned_rust
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    # Not --locked: a locked dependency of the CLI is missing from the registry mirror (docs/evidence/toolchain.md, pitfall 3).
    cargo install wasm-bindgen-cli --version "$want"
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

install_browsers() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  # The German language pack: the localisation tests run Firefox with its UI in German.
  dpkg -s firefox-esr-l10n-de >/dev/null 2>&1 || missing+=(firefox-esr-l10n-de)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian's packages"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

wasm_rustflags() {
  # rustc writes the absolute paths of the sources it compiles into the module (panic locations):
  # this repository's and those of the crates in cargo's registry. Mapping both to fixed names keeps
  # the wasm the same wherever the repository and CARGO_HOME lie (reproducible packages, README).
  # Encoded (0x1f-separated) so that paths with spaces survive; it takes precedence over RUSTFLAGS.
  local IFS=$'\x1f'
  local flags=("--remap-path-prefix=$ROOT=/optout-guard" "--remap-path-prefix=$CARGO_HOME_DIR=/cargo" "$@")
  printf '%s' "${flags[*]}"
}

manifest_version() {
  node -p "require('./manifest.json').version"
}

build() {
  # Two builds of the facade: the extension pages' (background, popup, options: every export) and
  # the content script's (--no-default-features: detection, the flow and the banner only), each as
  # real Wasm and as the wasm2js fallback, so that a setting's page never loads the background's code.
  log "wasm (extension pages)"
  build_wasm build/pkg target ""
  log "wasm (content script)"
  build_wasm build/pkg-content target/content --no-default-features
  build_fallback build/mvp target/mvp ""
  build_fallback build/mvp-content target/mvp-content --no-default-features
  # The scaled-clock test build's content script (dist-scaled/ only, never packaged): the same
  # core, its timers five times faster, for the generated pages' long run (./build.sh fuzz).
  log "wasm (content script, scaled clock: test build)"
  build_wasm build/pkg-content-scaled target/content-scaled "--no-default-features --features scaled-clock"
  build_fallback build/mvp-content-scaled target/mvp-content-scaled "--no-default-features --features scaled-clock"
  log "extension"
  node tools/build-dist.mjs "$ROOT"
  node tools/build-dist.mjs "$ROOT" --test-hooks
  node tools/build-dist.mjs "$ROOT" --granted
  node tools/build-dist.mjs "$ROOT" --probe
  node tools/build-dist.mjs "$ROOT" --scaled-clock
  if grep -rlaF -e "$ROOT/" -e "$CARGO_HOME_DIR/" dist dist-scaled build; then
    echo "these built files name paths of this machine (see wasm_rustflags)" >&2
    exit 1
  fi
  for f in dist/chromium/pkg/* dist/chromium/pkg/content/*; do
    [ -f "$f" ] || continue
    printf '%-45s %8d bytes raw %8d gzip\n' "$f" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
  done
}

build_wasm() {
  # $1 output folder, $2 cargo target folder, $3 cargo feature flags ("", --no-default-features, ...).
  local out=$1 target_dir=$2 features=$3
  # shellcheck disable=SC2086 # $features is zero or more flags
  CARGO_ENCODED_RUSTFLAGS=$(wasm_rustflags) cargo build --locked --release --target wasm32-unknown-unknown -p optout-wasm \
    --target-dir "$target_dir" $features
  rm -rf "$out"
  wasm-bindgen "$target_dir/wasm32-unknown-unknown/release/optout_wasm.wasm" --target no-modules --no-typescript --out-dir "$out"
  # npm binaryen 132: Debian's 108 breaks the externref table (docs/evidence/toolchain.md, pitfall 2).
  wasm-opt -Oz --strip-debug --strip-producers "$out/optout_wasm_bg.wasm" -o "$out/optout_wasm_bg.wasm"
}

build_fallback() {
  # The same Rust core compiled a second way, to JavaScript (wasm2js), for contexts where
  # WebAssembly cannot compile: Chromium applies the page's CSP to Wasm in content scripts, and
  # JIT-less policies remove WebAssembly (tested end to end with --jitless). An MVP-feature build, because
  # wasm2js cannot take externref tables or multi-value returns; stripped so that wasm-bindgen
  # does not switch to externref mode (docs/evidence/toolchain.md, the recipe).
  # $1 output folder, $2 cargo target folder, $3 cargo feature flags (as for build_wasm).
  local out=$1 target_dir=$2 features=$3
  log "JavaScript fallback (wasm2js) into $out"
  # shellcheck disable=SC2086 # $features is zero or more flags
  CARGO_ENCODED_RUSTFLAGS=$(wasm_rustflags -Ctarget-feature=-reference-types,-multivalue) CARGO_PROFILE_RELEASE_STRIP=true \
    cargo build --locked --release --target wasm32-unknown-unknown -p optout-wasm --target-dir "$target_dir" $features
  rm -rf "$out"
  wasm-bindgen "$target_dir/wasm32-unknown-unknown/release/optout_wasm.wasm" --target bundler --no-typescript --out-dir "$out"
  # wasm2js (binaryen 132 and Debian's 108 alike) fails on this module unless sign-extension,
  # saturating float-to-int and bulk-memory ops are first lowered to MVP instructions.
  wasm-opt $out/optout_wasm_bg.wasm --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-mutable-globals --signext-lowering --llvm-nontrapping-fptoint-lowering --llvm-memory-copy-fill-lowering \
    -o $out/lowered.wasm
  wasm2js $out/lowered.wasm --enable-mutable-globals -Oz -o $out/optout_wasm_bg.wasm.js
  sed -i 's#"./optout_wasm_bg.wasm"#"./optout_wasm_bg.wasm.js"#' $out/optout_wasm.js
  # wasm-bindgen refreshes its cached typed-array views of the memory only when the old buffer is
  # detached, which real Wasm memory growth does; wasm2js growth swaps in a new ArrayBuffer
  # instead, so compare buffers (symptom without this: strings from JS arrive as NUL bytes).
  sed -i -E 's/cached([A-Za-z0-9]+)Memory0\.byteLength === 0/cached\1Memory0.buffer !== wasm.memory.buffer/g' $out/optout_wasm_bg.js
  # The DataView cache (f64 and i32 reads, e.g. timestamps) trusts ArrayBuffer.prototype.detached
  # where the browser has it (Chromium, recent Firefox; not Node 20): a buffer that wasm2js growth
  # replaced is not detached, so the stale view was kept and numbers decoded as garbage. Compare
  # buffers there too.
  sed -i -E 's/cachedDataViewMemory0\.buffer\.detached === true \|\| \(cachedDataViewMemory0\.buffer\.detached === undefined && (cachedDataViewMemory0\.buffer !== wasm\.memory\.buffer)\)/\1/' $out/optout_wasm_bg.js
  if grep -q 'Memory0.byteLength === 0\|buffer\.detached' $out/optout_wasm_bg.js; then
    echo "stale-view patch did not apply" >&2; exit 1
  fi
  esbuild $out/optout_wasm.js --bundle --format=iife --global-name=optoutGuardJs --minify --log-level=warning \
    --outfile=$out/fallback.iife.js
}

package() {
  log "packages"
  local version
  version=$(manifest_version)
  rm -rf packages
  mkdir packages
  node tools/pack.mjs "$ROOT" packages >/dev/null
  source_archive "$version"
  for f in packages/*; do
    printf '%-44s %8d bytes  sha256 %s\n' "$f" "$(wc -c <"$f")" "$(sha256sum "$f" | cut -d' ' -f1)"
  done
}

source_archive() {
  # What addons.mozilla.org asks for with compiled or minified code: every tracked file, with the
  # build instructions (README.md, "Packages"). An unpacked source archive is no git checkout: it
  # rebuilds the browser packages only.
  if [ "$(git rev-parse --show-toplevel 2>/dev/null)" != "$(pwd -P)" ]; then
    echo "not a git checkout: no source archive"
    return
  fi
  local rev=HEAD
  if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    rev=$(git stash create) # a commit of the tracked files as they are now; refs and index untouched
    echo "warning: tracked files differ from HEAD: the source archive holds uncommitted changes; commit before a release" >&2
  fi
  git archive --format=tar.gz --prefix="optout-guard-$1/" -o "packages/optout-guard-$1-source.tar.gz" "$rev"
}

check_reproducible() {
  # A store reviewer's rebuild: unpack the source archive into a fresh directory and build the
  # packages there from scratch (its own npm ci, its own cold cargo target dir); both browser
  # packages must come out byte for byte the same as the ones in packages/.
  log "reproducible build: rebuilding from the source archive in a fresh directory"
  local version tmp src start f differ=0
  version=$(manifest_version)
  tmp=$(mktemp -d)
  trap "rm -rf -- $(printf %q "$tmp")" EXIT
  tar -xzf "packages/optout-guard-$version-source.tar.gz" -C "$tmp"
  src="$tmp/optout-guard-$version"
  start=$SECONDS
  if ! (cd "$src" && env -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET_DIR -u RUSTC_WRAPPER -u CARGO_BUILD_RUSTC_WRAPPER \
    PATH="$OUTER_PATH" ./build.sh package >"$tmp/rebuild.log" 2>&1); then
    tail -n 40 "$tmp/rebuild.log"
    echo "the rebuild from the source archive failed" >&2
    exit 1
  fi
  echo "rebuilt from scratch in $((SECONDS - start)) s"
  for f in "optout-guard-$version-chromium.zip" "optout-guard-$version-firefox.xpi"; do
    if cmp -s "packages/$f" "$src/packages/$f"; then
      echo "same bytes: $f  sha256 $(sha256sum "packages/$f" | cut -d' ' -f1)"
    else
      echo "DIFFERENT: $f ($(sha256sum "packages/$f" | cut -d' ' -f1) here, $(sha256sum "$src/packages/$f" | cut -d' ' -f1) rebuilt)" >&2
      differ=1
    fi
  done
  if [ "$differ" = 1 ]; then
    diff -rq dist "$src/dist" >&2 || true
    echo "the packages are not reproducible" >&2
    exit 1
  fi
  rm -rf -- "$tmp"
}

lint() {
  # The same gate CI runs (./build.sh test calls it first): formatting, clippy on both targets with
  # every warning an error ([workspace.lints] in Cargo.toml, clippy.toml), ESLint's recommended
  # rules on the shell, the build tools and the tests (eslint.config.js).
  log "lint"
  cargo fmt --all --check
  cargo clippy --locked --workspace --all-targets -- -D warnings
  cargo clippy --locked -p optout-wasm --target wasm32-unknown-unknown -- -D warnings
  cargo clippy --locked -p optout-wasm --target wasm32-unknown-unknown --no-default-features -- -D warnings
  eslint --max-warnings 0 .
}

run_tests() {
  log "cargo test (host)"
  cargo test --locked --workspace
  log "web-ext lint (dist/firefox and its package)"
  web-ext lint --source-dir dist/firefox --output text --warnings-as-errors
  web-ext lint --source-dir "packages/optout-guard-$(manifest_version)-firefox.xpi" --output text --warnings-as-errors
  log "static checks"
  node --test tests/static/
  check_reproducible
  log "end to end, Chromium and Firefox"
  # Name the browsers a failure ran on (Debian's /usr/bin/chromium is a wrapper script).
  /usr/lib/chromium/chromium --version 2>/dev/null || chromium --version
  firefox-esr --version
  # Each test has a time limit (tests/e2e/harness/bounds.mjs); this one bounds the whole run
  # (about 12 minutes on 2 cores), so a hang outside any test still ends it with a message.
  local rc=0
  timeout --kill-after=60 "${E2E_TIMEOUT:-45m}" node --test --test-concurrency=2 --test-force-exit tests/e2e/ || rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "build.sh: the end-to-end run did not finish within ${E2E_TIMEOUT:-45m} (stopped; exit $rc)" >&2
  fi
  return "$rc"
}

case "${1:-build}" in
  build) install_toolchain; build ;;
  package) install_toolchain; build; package ;;
  reproduce) install_toolchain; build; package; check_reproducible ;;
  lint) install_toolchain; lint ;;
  test) install_toolchain; lint; install_browsers; build; package; run_tests ;;
  demo) install_toolchain; install_browsers; build; node tools/demo.mjs ;;
  bench) install_toolchain; install_browsers; build; node tests/bench/bench.mjs ;;
  store-shots) install_toolchain; install_browsers; build; node tools/store-shots.mjs ;;
  fuzz)
    # ./build.sh fuzz N [FIRST]: N generated pages (seeds FIRST…, default 1) in each browser, the two at once,
    # on the scaled-clock build (GENERATED_CLOCK=release: on the release build).
    install_toolchain; install_browsers; build
    GENERATED_COUNT="${2:-1000}" GENERATED_FIRST="${3:-1}" node --test --test-concurrency=2 --test-force-exit --test-reporter=spec \
      tests/generated/fuzz-chromium.mjs tests/generated/fuzz-firefox.mjs ;;
  *) echo "usage: $0 [build|test|lint|demo|bench|store-shots|package|reproduce|fuzz N [FIRST]]" >&2; exit 2 ;;
esac
