#!/usr/bin/env bash
# Builds the libFuzzer targets of native/fuzz (clang, -fsanitize=fuzzer,address,undefined; pure C++
# DSP entry points, no Node) into build-fuzz/ and runs each for SECONDS (default 20: about a minute
# for the three). Exits non-zero on any finding (crash, sanitizer report, timeout, leak).
# Needs: clang and libclang-rt-14-dev (libFuzzer + sanitizer runtimes).
# Usage: scripts/ci/fuzz.sh [SECONDS] [TARGET...]   e.g. nice -n 10 scripts/ci/fuzz.sh 200 fuzz_effects
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_fft fuzz_features fuzz_effects)
# The decoder target (native/decode, libsndfile) joins the defaults when pkg-config finds libsndfile.
if [ $# -eq 0 ] && pkg-config --exists sndfile 2>/dev/null; then targets+=(fuzz_decode); fi
out="build-fuzz"
mkdir -p "$out"

dsp_sources=()
for f in native/dsp/*.cpp; do
  case "$(basename "$f")" in
    args.cpp | options.cpp | register.cpp | batch.cpp) ;; # Node-API glue
    *) dsp_sources+=("$f") ;;
  esac
done

flags=(-std=c++17 -g -O1 -fno-omit-frame-pointer -ffp-contract=off -fsanitize=fuzzer,address,undefined
  -fno-sanitize-recover=undefined -Inative)
# The DSP is compiled once (without the fuzzer's main), then linked into each target.
mkdir -p "$out/obj"
objects=()
for f in "${dsp_sources[@]}"; do
  o="$out/obj/$(basename "$f" .cpp).o"
  if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ native/dsp -nt "$o" ]; then
    clang++ "${flags[@]/-fsanitize=fuzzer,address,undefined/-fsanitize=fuzzer-no-link,address,undefined}" -c "$f" -o "$o"
  fi
  objects+=("$o")
done
for target in "${targets[@]}"; do
  if [ "$target" = fuzz_decode ]; then
    # shellcheck disable=SC2046
    opus=()
    pkg-config --exists ogg opus && opus=(-DSERKIT_HAVE_OGG_OPUS=1 $(pkg-config --cflags --libs ogg opus))
    clang++ "${flags[@]}" -o "$out/$target" native/fuzz/fuzz_decode.cpp native/decode/decode.cpp native/decode/reader.cpp \
      native/decode/ogg_opus.cpp native/decode/sample_buffer.cpp native/decode/riff_check.cpp $(pkg-config --cflags --libs sndfile) "${opus[@]}"
    # Seeds: a short valid file of every format libsndfile decodes for serkit (first byte: options).
    seeds="$out/corpus-$target"
    mkdir -p "$seeds"
    if command -v ffmpeg >/dev/null && [ ! -f "$seeds/seed.flac" ]; then
      for spec in "wav pcm_s16le" "flac flac" "mp3 libmp3lame" "ogg libvorbis" "opus libopus"; do
        set -- $spec
        ffmpeg -hide_banner -loglevel error -y -f lavfi -i "sine=frequency=440:duration=0.3:sample_rate=16000" \
          -ac 2 -c:a "$2" "$out/seed.$1" &&
          { printf '\001'; cat "$out/seed.$1"; } >"$seeds/seed.$1"
      done
      # Opus again with a 16 kHz rate asked (first byte 0x81): the libogg + libopus path.
      if [ -f "$out/seed.opus" ]; then { printf '\201'; cat "$out/seed.opus"; } >"$seeds/seed-16k.opus"; fi
    fi
    continue
  fi
  clang++ "${flags[@]}" -o "$out/$target" "native/fuzz/$target.cpp" "${objects[@]}"
done

for target in "${targets[@]}"; do
  corpus="$out/corpus-$target"
  mkdir -p "$corpus"
  rm -f "$out/$target-"*-*
  echo "fuzz: $target for ${seconds}s"
  lsan=""
  [ "$target" = fuzz_decode ] && lsan="suppressions=$PWD/native/fuzz/lsan-decode.supp"
  LSAN_OPTIONS="$lsan" ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    "$out/$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=60 -rss_limit_mb=3072 \
    -artifact_prefix="$out/$target-" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==|SUMMARY|.*ERROR|.*Test unit written)" || true
  # A slow-unit artifact only says an input took over 10 s (a loaded machine); crashes, leaks,
  # timeouts (over 60 s) and out-of-memory are the findings.
  rm -f "$out/$target-slow-unit-"*
  if compgen -G "$out/$target-*-*" >/dev/null; then
    echo "fuzz: $target found a problem: $(compgen -G "$out/$target-*-*" | tr '\n' ' ')" >&2
    exit 1
  fi
done
echo "fuzz: no findings"
