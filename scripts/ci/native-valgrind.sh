#!/usr/bin/env bash
# valgrind memcheck over the DSP: builds native/fuzz/dsp_selftest.cpp (every entry point, no Node)
# with g++ -O1 -g into build-fuzz/ and runs it under memcheck; any error or definite leak fails.
# Needs: g++, valgrind.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p build-fuzz
sources=()
for f in native/dsp/*.cpp; do
  case "$(basename "$f")" in
    args.cpp | options.cpp | register.cpp | batch.cpp) ;; # Node-API glue
    *) sources+=("$f") ;;
  esac
done
g++ -std=c++17 -O1 -g -ffp-contract=off -Inative -o build-fuzz/dsp_selftest native/fuzz/dsp_selftest.cpp "${sources[@]}"
valgrind --tool=memcheck --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --track-origins=yes --quiet build-fuzz/dsp_selftest
