#!/usr/bin/env bash
# Builds the addon with AddressSanitizer + UndefinedBehaviorSanitizer (build-sanitize/, g++) and runs
# the native parity, property, bad-input and batch tests against it, with gcc's ASan/UBSan runtimes
# preloaded into node. Any sanitizer report aborts the test process, so the script fails.
# Needs: g++ (libasan, libubsan come with it), cmake; nothing else. Usage: scripts/ci/native-sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

npm run --silent build:addon:sanitize -w @serkit/native >/tmp/serkit-sanitize-build.log 2>&1 || {
  tail -n 40 /tmp/serkit-sanitize-build.log
  exit 1
}
addon="$PWD/build-sanitize/Debug/serkit_native.node"
asan="$(g++ -print-file-name=libasan.so)"
ubsan="$(g++ -print-file-name=libubsan.so)"
for lib in "$asan" "$ubsan"; do
  [ -f "$lib" ] || { echo "native-sanitize: $lib not found (install g++)" >&2; exit 1; }
done

export SERKIT_NATIVE_ADDON="$addon"
export SERKIT_REQUIRE_NATIVE=1
export LD_PRELOAD="$asan:$ubsan"
# Node itself is not instrumented: leak checking at exit would report V8's own allocations.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:halt_on_error=1:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"

node -e "const a = require(process.env.SERKIT_NATIVE_ADDON); if (typeof a.mfcc !== 'function') process.exit(1)"
npx vitest run \
  packages/native/src/parity.test.ts \
  packages/native/src/property.test.ts \
  packages/native/src/bad-input.test.ts \
  packages/native/src/batch.test.ts
